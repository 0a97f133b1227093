/**
 * Covers configs and call patterns at the edges of the hit path and the
 * seed API: client classes named like a service getter, non-plain config
 * objects, epoch-millisecond expirations, the two clocks, the shared
 * handler's own config, and metrics publishing that fails half-way.
 */
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  configureClientCache,
  getClient,
  getClientCacheStats,
  getS3Client,
  withClientCacheMetrics,
} from '../../../src/all.js';
import { ClientStore } from '../../../src/cache/client-store.js';
import { defaultClientCache } from '../../../src/client-cache/default-cache.js';
import type { PooledHttpHandler } from '../../../src/transport/pooled-http-handler.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

it("never shares a service getter's entry with a class of the same name", () => {
  // Prepare: the SDK's all-in-one classes are named after the service
  class S3 extends S3Client {}

  // Act
  const generic = getClient(S3, { region: 'us-east-1' });
  const service = getS3Client({ region: 'us-east-1' });

  // Assess
  expect(generic).not.toBe(service);
  expect(generic).toBeInstanceOf(S3);
});

it('refuses a class instance or a Map as a config, whatever is cached', () => {
  // Prepare: a cached default client, and a config whose credentials hide behind a getter
  getS3Client();
  class Config {
    region = 'us-east-1';
    get credentials() {
      return { accessKeyId: 'AKIAHIDDENGETTER0001', secretAccessKey: 'hidden-getter-secret' };
    }
  }

  // Act
  const fromClass = configErrorFrom(() => getS3Client(new Config() as never));
  const fromMap = configErrorFrom(() => getS3Client(new Map() as never));

  // Assess
  expect(fromClass.field).toBe('config');
  expect(fromMap.message).toContain('must be a plain object');
});

it('hands the SDK a Date when credentials expire at an epoch-millisecond number', async () => {
  // Prepare
  const expiration = Date.now() + 3_600_000;

  // Act
  const client = getS3Client({
    credentials: { accessKeyId: 'AKIAEPOCHMILLIS00001', secretAccessKey: 'epoch', expiration },
  });
  const resolved = await client.config.credentials();

  // Assess
  expect(resolved.expiration).toBeInstanceOf(Date);
  expect(resolved.expiration?.getTime()).toBe(expiration);
});

it('checks credential expiry against the exact clock and a TTL against the coarse one', () => {
  // Prepare: a coarse clock stuck before a Lambda freeze, an exact one after it
  let now = 1_000;
  const store = new ClientStore({ maxEntries: 10, now: () => now, coarseNow: () => 1_000 });
  const expiring = store.getOrCreate('a', 'S3', undefined, () => ({
    client: {},
    expiresAt: 2_000,
    credentialsExpire: true,
  }));
  const ttl = store.getOrCreate('b', 'S3', undefined, () => ({ client: {}, expiresAt: 2_000 }));
  now = 5_000;

  // Act
  const expiringAfter = store.getOrCreate('a', 'S3', undefined, () => ({
    client: {},
    expiresAt: 9_000,
    credentialsExpire: true,
  }));
  const ttlAfter = store.getOrCreate('b', 'S3', undefined, () => ({
    client: {},
    expiresAt: 9_000,
  }));

  // Assess
  expect(expiringAfter).not.toBe(expiring);
  expect(ttlAfter).toBe(ttl);
});

it('keeps the shared handler untouched when one client brings its own logger', async () => {
  // Prepare: a client with its own logger, pointed at a closed port so its one request fails fast
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  const withLogger = getS3Client({
    credentials: { accessKeyId: 'AKIALOGGERTEST000001', secretAccessKey: 'logger-test' },
    additionalConfig: { logger, endpoint: 'https://127.0.0.1:9', maxAttempts: 1 },
  });
  const handler = withLogger.config.requestHandler as unknown as PooledHttpHandler;

  // Act: the request makes the handler resolve its config, including any update the client made
  await withLogger.send(new HeadBucketCommand({ Bucket: 'b' })).catch(() => undefined);

  // Assess
  expect(getS3Client().config.requestHandler).toBe(handler);
  expect(handler.httpHandlerConfigs().logger).not.toBe(logger);
});

it('indexes a client whose config lists an option as undefined', () => {
  // Act
  getS3Client({ region: 'eu-west-1', profile: undefined } as never);

  // Assess
  expect(defaultClientCache().stats().indexedKeys).toBe(1);
});

it("returns the handler's result when publishing the cache metrics fails, and never counts twice", async () => {
  // Prepare: an instance whose third addMetric throws, as a unit clash would
  const values: Record<string, number[]> = {};
  let calls = 0;
  const metrics = {
    addMetric(name: string, _unit: string, value: number) {
      if (++calls === 3) throw new RangeError('unit clash');
      values[name] = [...(values[name] ?? []), value];
    },
    publishStoredMetrics() {},
  };
  const warnings: string[] = [];
  configureClientCache({
    metrics,
    logger: { debug() {}, warn: (message) => warnings.push(message) },
  });
  const handler = withClientCacheMetrics(async () => {
    getS3Client();
    return 'done';
  });

  // Act
  const first = await handler(undefined, undefined);
  await handler(undefined, undefined);

  // Assess: the one miss and the one hit are each published once, in their own invocation
  expect(first).toBe('done');
  expect(warnings).toEqual(['aws-client-cache: could not publish the cache metrics']);
  expect(getClientCacheStats()).toMatchObject({ misses: 1, hits: 1 });
  expect(values.ClientCacheMiss).toEqual([1, 0]);
  expect(values.ClientCacheHit).toEqual([0, 1]);
});
