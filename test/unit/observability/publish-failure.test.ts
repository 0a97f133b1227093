/**
 * Covers `withClientCacheMetrics` when publishing the cache metrics fails
 * half-way (a Powertools instance throwing on a unit clash): the handler's
 * result is returned, the failure is logged once, and each count is still
 * published exactly once, in its own invocation. The last publish, the one
 * `destroy()` makes, logs a failure the same way and never throws it.
 */
import {
  configureClientCache,
  getClientCacheStats,
  getS3Client,
  withClientCacheMetrics,
} from '../../../src/all.js';
import { CreationSamples } from '../../../src/observability/creation-samples.js';
import { MetricsPublisher } from '../../../src/observability/metrics-publisher.js';
import { newCacheCounters } from '../../../src/observers/cache-counters.js';
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

it('logs a failed last publish (what destroy() calls) and never throws it', () => {
  // Prepare: the cache's own instance, throwing on its first metric
  const counters = newCacheCounters();
  counters.misses = 1;
  const own = {
    addMetric() {
      throw new RangeError('unit clash');
    },
    publishStoredMetrics() {},
  };
  const warnings: string[] = [];
  const publisher = new MetricsPublisher({
    counters,
    gauge: () => 0,
    samples: new CreationSamples(),
    logger: { debug() {}, warn: (message) => warnings.push(message) },
    defaultMetrics: () => own,
    ownsFlush: (metrics) => metrics === own,
    minFlushIntervalMs: 0,
    now: () => 0,
  });

  // Act
  const last = () => publisher.publishLast();

  // Assess
  expect(last).not.toThrow();
  expect(warnings).toEqual(['aws-client-cache: could not publish the cache metrics']);
});
