/**
 * Covers entry expiry with an injected clock: entries built on expiring
 * static credentials go 5 minutes (the expiry buffer) before the credentials
 * do, already-expired credentials are refused, and other entries are replaced
 * after the TTL. Time only moves when a test moves it.
 */

import {
  ClientCacheCredentialsError,
  configureClientCache,
  getClientCacheSize,
  getClientCacheStats,
  getS3Client,
  getSTSClient,
} from '../../../src/all.js';
import { createTestClock, type TestClock } from '../../support/clock.js';
import { setEnv } from '../../support/env.js';
import { errorFrom, useFreshCache } from '../../support/fresh-cache.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const ROLE = 'arn:aws:iam::123456789012:role/Reports';

useFreshCache();
let clock: TestClock;

beforeEach(() => {
  clock = createTestClock();
});

function credentialsExpiringAt(expiration: Date | number) {
  return {
    accessKeyId: 'AKIAEXPIRINGCREDENTIALS',
    secretAccessKey: 'expiring-credentials-secret-value',
    expiration,
  };
}

describe('expiring static credentials', () => {
  it('serves the entry until 5 minutes before the credentials expire', () => {
    // Prepare
    configureClientCache({ now: clock.now });
    const expiresAt = clock.now() + HOUR;
    const config = { credentials: credentialsExpiringAt(new Date(expiresAt)) };
    const first = getS3Client(config);

    // Act
    clock.set(expiresAt - 5 * MINUTE - 1);
    const lastServed = getS3Client(config);
    clock.set(expiresAt - 5 * MINUTE);
    const replaced = getS3Client(config);

    // Assess
    expect(lastServed).toBe(first);
    expect(replaced).not.toBe(first);
    expect(getClientCacheStats().expirations).toBe(1);
  });

  it('does not keep a client whose credentials are inside the buffer', () => {
    // Prepare
    configureClientCache({ now: clock.now });
    const config = { credentials: credentialsExpiringAt(clock.now() + 2 * MINUTE) };

    // Act
    const first = getS3Client(config);
    const second = getS3Client(config);

    // Assess
    expect(second).not.toBe(first);
    expect(getClientCacheSize()).toBe(0);
  });

  it('accepts the expiration as epoch milliseconds', () => {
    // Prepare
    configureClientCache({ now: clock.now });
    const expiresAt = clock.now() + HOUR;
    const first = getS3Client({ credentials: credentialsExpiringAt(expiresAt) });

    // Act
    clock.set(expiresAt - 5 * MINUTE - 1);
    const lastServed = getS3Client({ credentials: credentialsExpiringAt(expiresAt) });
    clock.set(expiresAt - 5 * MINUTE);
    const replaced = getS3Client({ credentials: credentialsExpiringAt(expiresAt) });

    // Assess
    expect(lastServed).toBe(first);
    expect(replaced).not.toBe(first);
  });

  it('uses CLIENT_CACHE_EXPIRY_BUFFER_SECONDS as the buffer', () => {
    // Prepare
    setEnv({ CLIENT_CACHE_EXPIRY_BUFFER_SECONDS: '60' });
    configureClientCache({ now: clock.now });
    const expiresAt = clock.now() + HOUR;
    const config = { credentials: credentialsExpiringAt(new Date(expiresAt)) };
    const first = getS3Client(config);

    // Act
    clock.set(expiresAt - 5 * MINUTE);
    const insideDefaultBuffer = getS3Client(config);
    clock.set(expiresAt - MINUTE);
    const replaced = getS3Client(config);

    // Assess
    expect(insideDefaultBuffer).toBe(first);
    expect(replaced).not.toBe(first);
  });

  it('serves the entry up to the expiration itself with a zero buffer', () => {
    // Prepare
    configureClientCache({ now: clock.now, expiryBufferSeconds: 0 });
    const expiresAt = clock.now() + HOUR;
    const config = { credentials: credentialsExpiringAt(expiresAt) };
    const first = getS3Client(config);

    // Act
    clock.set(expiresAt - 1);
    const lastServed = getS3Client(config);

    // Assess
    expect(lastServed).toBe(first);
  });

  it('refuses credentials that have already expired and caches nothing', () => {
    // Prepare
    configureClientCache({ now: clock.now });
    const expired = credentialsExpiringAt(new Date(clock.now() - SECOND));

    // Act
    const error = errorFrom(ClientCacheCredentialsError, () =>
      getS3Client({ credentials: expired }),
    );

    // Assess
    expect(error.name).toBe('ClientCacheCredentialsError');
    expect(error.message).toBe(
      '`credentials` expired at 2024-12-31T23:59:59.000Z; pass credentials that are still valid',
    );
    expect(error.message).not.toContain(expired.accessKeyId);
    expect(error.message).not.toContain(expired.secretAccessKey);
    expect(getClientCacheSize()).toBe(0);
    expect(getClientCacheStats().misses).toBe(1);
  });

  it('refuses credentials that expire at this very instant', () => {
    // Prepare
    configureClientCache({ now: clock.now });

    // Act
    const error = errorFrom(ClientCacheCredentialsError, () =>
      getS3Client({ credentials: credentialsExpiringAt(clock.now()) }),
    );

    // Assess
    expect(error).toBeInstanceOf(ClientCacheCredentialsError);
    expect(getClientCacheSize()).toBe(0);
  });

  it('builds a new client when the caller passes rotated credentials', () => {
    // Prepare
    configureClientCache({ now: clock.now });
    const old = getS3Client({ credentials: credentialsExpiringAt(clock.now() + HOUR) });

    // Act
    const rotated = getS3Client({ credentials: credentialsExpiringAt(clock.now() + 2 * HOUR) });

    // Assess
    expect(rotated).not.toBe(old);
    expect(getClientCacheSize()).toBe(2);
  });
});

describe('TTL entries', () => {
  it('replaces an entry without credentials after ttlSeconds', () => {
    // Prepare
    configureClientCache({ ttlSeconds: 60, now: clock.now });
    const first = getS3Client({ region: 'us-east-1' });

    // Act
    clock.advance(MINUTE - 1);
    const lastServed = getS3Client({ region: 'us-east-1' });
    clock.advance(1);
    const replaced = getS3Client({ region: 'us-east-1' });

    // Assess
    expect(lastServed).toBe(first);
    expect(replaced).not.toBe(first);
    expect(getS3Client({ region: 'us-east-1' })).toBe(replaced);
    expect(getClientCacheStats().expirations).toBe(1);
    expect(getClientCacheSize()).toBe(1);
  });

  it('replaces a role entry after the default TTL of one hour', () => {
    // Prepare
    configureClientCache({ now: clock.now });
    const first = getSTSClient({ roleArn: ROLE });

    // Act
    clock.advance(HOUR - 1);
    const lastServed = getSTSClient({ roleArn: ROLE });
    clock.advance(1);
    const replaced = getSTSClient({ roleArn: ROLE });

    // Assess
    expect(lastServed).toBe(first);
    expect(replaced).not.toBe(first);
  });

  it('uses CLIENT_CACHE_TTL_SECONDS as the TTL', () => {
    // Prepare
    setEnv({ CLIENT_CACHE_TTL_SECONDS: '5' });
    configureClientCache({ now: clock.now });
    const first = getS3Client();

    // Act
    clock.advance(5 * SECOND);
    const replaced = getS3Client();

    // Assess
    expect(replaced).not.toBe(first);
  });

  it('keeps a static-credentials entry without expiration for the TTL', () => {
    // Prepare
    configureClientCache({ ttlSeconds: 60, now: clock.now });
    const credentials = { accessKeyId: 'AKIASTATIC', secretAccessKey: 'secret' };
    const first = getS3Client({ credentials });

    // Act
    clock.advance(MINUTE - 1);
    const lastServed = getS3Client({ credentials });
    clock.advance(1);
    const replaced = getS3Client({ credentials });

    // Assess
    expect(lastServed).toBe(first);
    expect(replaced).not.toBe(first);
  });
});
