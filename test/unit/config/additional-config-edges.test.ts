/**
 * `additionalConfig` values an adversary picks, beyond the arrays of
 * `additional-config-arrays.test.ts`: a getter that throws, a getter that
 * answers differently each time it is read, a Symbol-keyed field, a Date
 * edited after the call, a Map. The invariant: a typed error (or the
 * caller's own) with nothing cached, or a client built from what the config
 * held at the call, read once, that nothing done afterwards changes.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { ClientCacheConfigError } from '../../../src/all.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const caches = useFreshCache();

interface Resolved {
  config: Record<string, unknown> & { region(): Promise<string> };
}

it('caches nothing when a getter in additionalConfig throws, and rethrows its own error', () => {
  // Prepare
  const cache = caches.cache();
  const additionalConfig = {
    get maxAttempts(): number {
      throw new Error('the caller’s own getter failed');
    },
  };

  // Act & Assess
  expect(() => cache.getClient(S3Client, { additionalConfig })).toThrow(
    'the caller’s own getter failed',
  );
  expect(cache.size).toBe(0);
});

it('reads a field once: a getter that answers differently each read builds from its first answer', async () => {
  // Prepare
  const cache = caches.cache();
  let reads = 0;
  const additionalConfig = {
    get region(): string {
      reads++;
      return reads === 1 ? 'eu-west-1' : 'us-west-2';
    },
  };

  // Act
  const client = cache.getClient(S3Client, { additionalConfig }) as unknown as Resolved;

  // Assess: one read, and the key is that of the answer the client was built from
  expect(reads).toBe(1);
  expect(await client.config.region()).toBe('eu-west-1');
  expect(cache.keys()).toEqual([
    cache.cacheKey('S3Client', { additionalConfig: { region: 'eu-west-1' } }),
  ]);
});

it('ignores a Symbol-keyed field on every path, warm or cold', () => {
  // Prepare
  const cache = caches.cache();
  const hidden = Symbol('region');
  const withSymbol = { region: 'eu-west-1', [hidden]: 'us-west-2' };

  // Act
  const cold = cache.getClient(S3Client, { additionalConfig: withSymbol });
  const warm = cache.getClient(S3Client, { additionalConfig: { region: 'eu-west-1' } });

  // Assess: the symbol is no part of the config, so it neither splits the key nor reaches the client
  expect(warm).toBe(cold);
  expect((cold as unknown as Resolved).config).not.toHaveProperty([hidden]);
});

it('keeps a Date as it was at the call, whatever is done to it afterwards', async () => {
  // Prepare
  const cache = caches.cache();
  const expiresAt = Date.now() + 3_600_000;
  const expiration = new Date(expiresAt);
  const identity = { accessKeyId: 'AKIAEDGE000000000000', secretAccessKey: 'edge' };
  const client = cache.getClient(S3Client, {
    additionalConfig: { credentials: { ...identity, expiration } },
  }) as unknown as { config: { credentials(): Promise<{ expiration?: Date }> } };

  // Act: the caller moves the expiration into the past
  expiration.setTime(0);

  // Assess: the client signs with the expiration of the call, and is found by it
  expect((await client.config.credentials()).expiration?.getTime()).toBe(expiresAt);
  const again = cache.getClient(S3Client, {
    additionalConfig: { credentials: { ...identity, expiration: new Date(expiresAt) } },
  });
  expect(again).toBe(client);
});

it('refuses a Map where it decides identity, and keys one by identity elsewhere', () => {
  // Prepare
  const cache = caches.cache();
  const settings = new Map([['a', 1]]);

  // Act & Assess
  expect(() =>
    cache.getClient(S3Client, { additionalConfig: { endpoint: new Map() } as never }),
  ).toThrow(ClientCacheConfigError);
  const one = cache.getClient(S3Client, { additionalConfig: { extra: settings } as never });
  const same = cache.getClient(S3Client, { additionalConfig: { extra: settings } as never });
  const other = cache.getClient(S3Client, {
    additionalConfig: { extra: new Map([['a', 1]]) } as never,
  });
  expect(same).toBe(one);
  expect(other).not.toBe(one);
});
