/**
 * Covers `withClientCacheMetrics` when publishing the cache metrics fails
 * half-way (a Powertools instance throwing on a unit clash): the handler's
 * result is returned, the failure is logged once, and each count is still
 * published exactly once, in its own invocation.
 */
import {
  configureClientCache,
  getClientCacheStats,
  getS3Client,
  withClientCacheMetrics,
} from '../../../src/all.js';
import { useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

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
