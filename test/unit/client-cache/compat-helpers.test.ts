/**
 * Covers the seed-compatible helpers: `calculateExpirationTime`,
 * `isCachedClientValid`, `getCachedClient`, `clearClientCache` and
 * `getClientCacheSize`, plus the seed's integration scenarios (mixed client
 * types, role-based entries, different credential sets) through the getters.
 */

import {
  clearClientCache,
  configureClientCache,
  getClientCacheSize,
  getEventBridgeClient,
  getLambdaClient,
  getS3Client,
} from '../../../src/all.js';
import {
  defaultClientCache,
  resetDefaultClientCache,
} from '../../../src/client-cache/default-cache.js';
import {
  calculateExpirationTime,
  getCachedClient,
  isCachedClientValid,
} from '../../../src/compat.js';
import { createTestClock, type TestClock } from '../../support/clock.js';
import { setEnv } from '../../support/env.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ROLE_1 = 'arn:aws:iam::123456789012:role/Role1';
const ROLE_2 = 'arn:aws:iam::123456789012:role/Role2';

useFreshCache();
let clock: TestClock;

beforeEach(() => {
  clock = createTestClock();
  configureClientCache({ now: clock.now });
});

describe('calculateExpirationTime', () => {
  it('expires 5 minutes before an expiration given as a Date', () => {
    // Prepare
    const expiration = new Date(clock.now() + 2 * HOUR);

    // Act
    const expiresAt = calculateExpirationTime({ accessKeyId: 'AKIA', expiration });

    // Assess
    expect(expiresAt).toBe(expiration.getTime() - 5 * MINUTE);
  });

  it('expires 5 minutes before an expiration given as epoch milliseconds', () => {
    // Prepare
    const expiration = clock.now() + 30 * MINUTE;

    // Act
    const expiresAt = calculateExpirationTime({ accessKeyId: 'AKIA', expiration });

    // Assess
    expect(expiresAt).toBe(expiration - 5 * MINUTE);
  });

  it('expires one hour from now without credentials', () => {
    // Act
    const expiresAt = calculateExpirationTime();

    // Assess
    expect(expiresAt).toBe(clock.now() + HOUR);
  });

  it('expires one hour from now for credentials without an expiration', () => {
    // Act
    const expiresAt = calculateExpirationTime({ accessKeyId: 'AKIA', secretAccessKey: 'secret' });

    // Assess
    expect(expiresAt).toBe(clock.now() + HOUR);
  });
});

describe('isCachedClientValid', () => {
  it('accepts a client that expires in the future', () => {
    // Act & Assess
    expect(isCachedClientValid({ expiresAt: clock.now() + 1 }, clock.now())).toBe(true);
  });

  it('rejects a client that has expired', () => {
    // Act & Assess
    expect(isCachedClientValid({ expiresAt: clock.now() - 1 }, clock.now())).toBe(false);
  });

  it('rejects an undefined entry', () => {
    // Act & Assess
    expect(isCachedClientValid(undefined)).toBe(false);
  });

  it('rejects a client exactly at its expiry instant', () => {
    // Act & Assess
    expect(isCachedClientValid({ expiresAt: clock.now() }, clock.now())).toBe(false);
  });

  it('reads the clock only: a bad env var does not make it throw, and no cache is built', () => {
    // Prepare
    resetDefaultClientCache();
    setEnv({ CLIENT_CACHE_MAX_ENTRIES: 'not a number' });

    // Act & Assess
    expect(isCachedClientValid({ expiresAt: Date.now() + MINUTE })).toBe(true);
    expect(configErrorFrom(() => defaultClientCache()).field).toBe('CLIENT_CACHE_MAX_ENTRIES');
  });
});

describe('getCachedClient', () => {
  it('creates a client from the factory on the first call', () => {
    // Prepare
    const made = { id: 'first' };

    // Act
    const client = getCachedClient('custom:one', () => made, clock.now() + HOUR);

    // Assess
    expect(client).toBe(made);
    expect(getClientCacheSize()).toBe(1);
  });

  it('returns the cached client while it is valid', () => {
    // Prepare
    const first = getCachedClient('custom:one', () => ({ id: 1 }), clock.now() + HOUR);
    clock.advance(HOUR - 1);

    // Act
    const second = getCachedClient('custom:one', () => ({ id: 2 }), clock.now() + HOUR);

    // Assess
    expect(second).toBe(first);
    expect(getClientCacheSize()).toBe(1);
  });

  it('replaces a client once it has expired', () => {
    // Prepare
    const first = getCachedClient('custom:one', () => ({ id: 1 }), clock.now() + MINUTE);
    clock.advance(MINUTE);

    // Act
    const second = getCachedClient('custom:one', () => ({ id: 2 }), clock.now() + MINUTE);

    // Assess
    expect(second).not.toBe(first);
    expect(second).toEqual({ id: 2 });
    expect(getClientCacheSize()).toBe(1);
  });

  it('keeps separate clients under separate keys', () => {
    // Act
    const one = getCachedClient('custom:one', () => ({ id: 1 }), clock.now() + HOUR);
    const two = getCachedClient('custom:two', () => ({ id: 2 }), clock.now() + HOUR);

    // Assess
    expect(one).not.toBe(two);
    expect(getCachedClient('custom:one', () => ({ id: 3 }), clock.now() + HOUR)).toBe(one);
    expect(getCachedClient('custom:two', () => ({ id: 4 }), clock.now() + HOUR)).toBe(two);
    expect(getClientCacheSize()).toBe(2);
  });
});

describe('cache management', () => {
  it('clearClientCache empties the cache', () => {
    // Prepare
    getS3Client();
    getLambdaClient();
    getEventBridgeClient();
    expect(getClientCacheSize()).toBe(3);

    // Act
    clearClientCache();

    // Assess
    expect(getClientCacheSize()).toBe(0);
  });

  it('builds a new client after the cache was cleared', () => {
    // Prepare
    const before = getS3Client({ region: 'us-east-1' });
    clearClientCache();

    // Act
    const after = getS3Client({ region: 'us-east-1' });

    // Assess
    expect(after).not.toBe(before);
    expect(getS3Client({ region: 'us-east-1' })).toBe(after);
  });
});

describe('integration scenarios', () => {
  it('holds different client types side by side in one cache', () => {
    // Act
    const s3 = getS3Client({ region: 'us-east-1' });
    const lambda = getLambdaClient({ region: 'us-east-1' });
    const events = getEventBridgeClient({ region: 'us-east-1' });

    // Assess
    expect(getClientCacheSize()).toBe(3);
    expect(getS3Client({ region: 'us-east-1' })).toBe(s3);
    expect(getLambdaClient({ region: 'us-east-1' })).toBe(lambda);
    expect(getEventBridgeClient({ region: 'us-east-1' })).toBe(events);
  });

  it('keeps one entry per role and reuses it for the same role', () => {
    // Act
    const role1 = getS3Client({ region: 'us-east-1', roleArn: ROLE_1 });
    const role2 = getS3Client({ region: 'us-east-1', roleArn: ROLE_2 });
    const noRole = getS3Client({ region: 'us-east-1' });

    // Assess
    expect(new Set([role1, role2, noRole]).size).toBe(3);
    expect(getS3Client({ region: 'us-east-1', roleArn: ROLE_1 })).toBe(role1);
    expect(getS3Client({ roleArn: ROLE_2, region: 'us-east-1' })).toBe(role2);
    expect(getClientCacheSize()).toBe(3);
  });

  it('never shares a client between different credential sets', () => {
    // Prepare
    const tenantA = { accessKeyId: 'AKIATENANTA', secretAccessKey: 'secret-a' };
    const tenantB = { accessKeyId: 'AKIATENANTB', secretAccessKey: 'secret-b' };

    // Act
    const clientA = getS3Client({ region: 'us-east-1', credentials: tenantA });
    const clientB = getS3Client({ region: 'us-east-1', credentials: tenantB });

    // Assess
    expect(clientA).not.toBe(clientB);
    expect(getS3Client({ region: 'us-east-1', credentials: { ...tenantA } })).toBe(clientA);
    expect(getS3Client({ region: 'us-east-1', credentials: tenantB })).toBe(clientB);
  });
});
