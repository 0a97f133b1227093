/**
 * Regressions for the five ways the first version broke its first promise
 * (a client signs only as the identity its config asked for), each as it
 * was found: a credentials object changed in place, fields hidden from the
 * hit path, a half-applied reconfiguration, a warm and a cold cache
 * disagreeing, and `accountId` left out of the fingerprint. Every test
 * builds its own cache; nothing talks to the network (resolving static
 * credentials and the default chain from env makes no request).
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import {
  ClientCacheConfigError,
  configureClientCache,
  destroyClientCache,
  getS3Client,
} from '../../../src/all.js';
import type { ClientCache } from '../../../src/client-cache/client-cache.js';
import { S3Service } from '../../../src/clients/s3.js';
import { STSService } from '../../../src/clients/sts.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

const FUNCTION_IDENTITY = {
  accessKeyId: 'AKIAFUNCTIONROLE0001',
  secretAccessKey: 'function-secret',
};
const TENANT_A = { accessKeyId: 'AKIATENANTAAAAAAAAAA', secretAccessKey: 'secret-a' };
const TENANT_B = { accessKeyId: 'AKIATENANTBBBBBBBBBB', secretAccessKey: 'secret-b' };

// The default chain resolves the function's own identity from env, without a request.
const fresh = useFreshCache({
  env: {
    AWS_ACCESS_KEY_ID: FUNCTION_IDENTITY.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FUNCTION_IDENTITY.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
  },
});
let cache: ClientCache;

beforeEach(() => {
  cache = fresh.cache();
});

async function identityOf(client: { config: { credentials: () => Promise<unknown> } }) {
  const { accessKeyId, secretAccessKey } = (await client.config.credentials()) as {
    accessKeyId: string;
    secretAccessKey: string;
  };
  return { accessKeyId, secretAccessKey };
}

describe('a credentials object changed in place', () => {
  it('never re-signs a cached client as the new identity', async () => {
    // Prepare
    const credentials = { ...TENANT_A };
    const first = cache.get(STSService, { credentials });

    // Act
    Object.assign(credentials, TENANT_B);
    const second = cache.get(STSService, { credentials });
    const again = cache.get(STSService, { credentials: { ...TENANT_A } });

    // Assess
    expect(again).toBe(first);
    expect(second).not.toBe(first);
    expect(await identityOf(first)).toEqual(TENANT_A);
    expect(await identityOf(second)).toEqual(TENANT_B);
  });

  it('never re-signs through additionalConfig.credentials either', async () => {
    // Prepare
    const credentials = { ...TENANT_A };
    const first = cache.get(STSService, { additionalConfig: { credentials } });

    // Act
    Object.assign(credentials, TENANT_B);
    const second = cache.get(STSService, { additionalConfig: { credentials } });

    // Assess
    expect(await identityOf(first)).toEqual(TENANT_A);
    expect(await identityOf(second)).toEqual(TENANT_B);
  });

  it('keeps a Date expiration changed with setTime out of the cached client', async () => {
    // Prepare
    const expiration = new Date(Date.now() + 3_600_000);
    const first = cache.get(STSService, { credentials: { ...TENANT_A, expiration } });

    // Act
    expiration.setTime(Date.now() + 60_000);

    // Assess
    const resolved = (await first.config.credentials()) as { expiration: Date };
    expect(resolved.expiration.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  });
});

describe('fields hidden from the hit path', () => {
  it('ignores a non-enumerable credentials field on both paths, so no identity leaks to plain configs', async () => {
    // Prepare
    const hidden = { region: 'eu-west-1' };
    Object.defineProperty(hidden, 'credentials', { value: TENANT_A, enumerable: false });

    // Act
    const fromHidden = cache.get(STSService, hidden);
    const plain = cache.get(STSService, { region: 'eu-west-1' });

    // Assess
    expect(plain).toBe(fromHidden);
    expect(await identityOf(plain)).toEqual(FUNCTION_IDENTITY);
  });

  it('ignores a field a Proxy hides from ownKeys on both paths', async () => {
    // Prepare
    const target = { region: 'eu-west-1', credentials: TENANT_A };
    const proxy = new Proxy(target, { ownKeys: () => ['region'] });

    // Act
    const fromProxy = cache.get(STSService, proxy);
    const plainCold = fresh.cache().get(STSService, { region: 'eu-west-1' });
    const plain = cache.get(STSService, { region: 'eu-west-1' });

    // Assess
    expect(plain).toBe(fromProxy);
    expect(await identityOf(plain)).toEqual(FUNCTION_IDENTITY);
    expect(await identityOf(plainCold)).toEqual(FUNCTION_IDENTITY);
  });

  it('never gives a plain config the client of a hidden additionalConfig.endpoint', () => {
    // Prepare
    const additionalConfig = {};
    Object.defineProperty(additionalConfig, 'endpoint', {
      value: 'https://127.0.0.1:9',
      enumerable: false,
    });

    // Act
    const withHidden = cache.get(S3Service, { additionalConfig });
    const plain = cache.get(S3Service);

    // Assess: the hidden field is not part of the config, so neither client has that endpoint
    expect(withHidden.config.endpoint).toBeUndefined();
    expect(plain.config.endpoint).toBeUndefined();
  });

  it('reads an accessor once and builds from what it returned', async () => {
    // Prepare
    let reads = 0;
    const config = {
      get credentials() {
        reads++;
        return reads === 1 ? TENANT_A : TENANT_B;
      },
    };

    // Act
    const client = cache.get(STSService, config);

    // Assess
    expect(reads).toBe(1);
    expect(await identityOf(client)).toEqual(TENANT_A);
  });
});

describe('reconfiguring', () => {
  it('is refused once the default cache has built a client, and applies in full after destroy', async () => {
    // Prepare
    const tracerA = new Tracer({ enabled: false });
    const tracerB = new Tracer({ enabled: false });
    configureClientCache({ tracer: tracerA });
    const before = getS3Client({ region: 'eu-west-1' });

    // Act
    const refused = configErrorFrom(() => configureClientCache({ tracer: tracerB, maxEntries: 1 }));
    const still = getS3Client({ region: 'eu-west-1' });
    await destroyClientCache();
    configureClientCache({ tracer: tracerB });
    const after = getS3Client({ region: 'eu-west-1' });

    // Assess
    expect(refused.field).toBe('configureClientCache');
    expect(still).toBe(before);
    expect(after).not.toBe(before);
  });
});

describe('a warm and a cold cache', () => {
  it('both read an inherited region, as for...in sees it, into the same client', async () => {
    // Prepare
    const warm = fresh.cache();
    const plain = warm.get(S3Service, { region: 'eu-west-1' });

    // Act
    const hot = warm.get(S3Service, Object.create({ region: 'eu-west-1' }));
    const cold = fresh.cache().get(S3Service, Object.create({ region: 'eu-west-1' }));

    // Assess
    expect(hot).toBe(plain);
    expect(await cold.config.region()).toBe('eu-west-1');
  });

  const invalid = {
    'a misspelt option set to undefined': () => ({ region: 'eu-west-1', roleARN: undefined }),
    'a class instance': () =>
      new (class Config {
        region = 'eu-west-1';
      })(),
  };

  it.each(Object.entries(invalid))('both reject %s', (_name, make) => {
    // Prepare
    const warm = fresh.cache();
    warm.get(S3Service, { region: 'eu-west-1' });

    // Act
    const cold = configErrorFrom(() => fresh.cache().get(S3Service, make()));
    const hot = configErrorFrom(() => warm.get(S3Service, make()));

    // Assess
    expect(hot.message).toBe(cold.message);
  });
});

describe('accountId', () => {
  it('keeps identities that differ only in accountId apart', async () => {
    // Prepare
    const inOne = { ...TENANT_A, accountId: '111111111111' };
    const inOther = { ...TENANT_A, accountId: '222222222222' };

    // Act
    const first = cache.get(STSService, { credentials: inOne });
    const second = cache.get(STSService, { credentials: inOther });

    // Assess
    expect(second).not.toBe(first);
    expect(await first.config.credentials()).toMatchObject({ accountId: '111111111111' });
    expect(await second.config.credentials()).toMatchObject({ accountId: '222222222222' });
  });

  it('rejects a wrong-typed accountId without echoing the identity', () => {
    // Act
    const error = configErrorFrom(() =>
      cache.get(STSService, { credentials: { ...TENANT_A, accountId: 42 } as never }),
    );

    // Assess
    expect(error.field).toBe('credentials.accountId');
    expect(error.message).not.toContain(TENANT_A.secretAccessKey);
    expect(error).toBeInstanceOf(ClientCacheConfigError);
  });
});
