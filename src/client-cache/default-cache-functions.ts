// The package's functions on the default cache (held in default-cache.ts);
// each is `defaultClientCache()` and the `ClientCache` method of that name.
import type { ClientConfig } from '../config/client-cache-config.js';
import type { ClientConstructor } from '../factory/create-client-entry.js';
import { powertoolsMetrics } from '../observability/load-powertools.js';
import {
  type ClientCacheMetricsOptions,
  metricsMiddlewareFor,
  metricsWrapperFor,
} from '../observability/metrics-middleware.js';
import type { MetricsLike } from '../observability/powertools-types.js';
import { ClientCache } from './client-cache.js';
import type { ClientCacheOptions } from './client-cache-options.js';
import type { ClientCacheStats } from './client-cache-stats.js';
import {
  defaultCacheOptions,
  defaultClientCache,
  existingDefaultCache,
  reportedDefaultCache,
} from './default-cache.js';

/**
 * An isolated cache with its own store, pools, credential sets, counters and
 * observability, for multi-tenant code and tests. Use its `get` with a
 * service from an entry point (`cache.get(S3Service, { roleArn })`) and its
 * `getClient` for any SDK client class; `await cache.destroy()` ends it.
 */
export function createClientCache(options: ClientCacheOptions = {}): ClientCache {
  return new ClientCache(options);
}

/**
 * Cumulative counts of the default cache, plus its current size. After
 * `destroyClientCache()`, until a new default cache starts (a getter,
 * `configureClientCache`, or a metrics publish), the final counts of the
 * cache it ended (a shutdown hook can log them), not a new cache's zeros.
 */
export function getClientCacheStats(): ClientCacheStats {
  return reportedDefaultCache().stats();
}

/** How many clients the default cache holds now (0 before it is built). */
export function getClientCacheSize(): number {
  return existingDefaultCache()?.size ?? 0;
}

/** Drops every cached client. The pools stay open: an in-flight request completes normally. */
export function clearClientCache(): void {
  existingDefaultCache()?.clear();
}

/** A cached client of any AWS SDK v3 client class; use a service getter where one exists. */
export function getClient<ClientType extends object>(
  ClientClass: ClientConstructor<ClientType>,
  config?: ClientConfig,
): ClientType {
  return defaultClientCache().getClient(ClientClass, config);
}

/**
 * Publishes the default cache's figures since the last publish. With the
 * cache's own Metrics it writes one EMF line (nothing when the cache did
 * nothing). With yours, the figures (always at least the size gauge) are
 * added and wait for your flush (Powertools `logMetrics`): a publish never
 * empties a store an invocation is still filling.
 */
export function publishClientCacheMetrics(metrics?: MetricsLike): void {
  defaultClientCache().publishMetrics(metrics);
}

/**
 * A middy middleware that publishes the cache's figures once per
 * invocation, on success and on error. Register it after `logMetrics`, so
 * that it runs first on the way out and its figures join that line. It
 * never flushes your instance (your `logMetrics` does, in your invocation)
 * and always adds at least the size gauge, so your line is never empty
 * because of the cache: `throwOnEmptyMetrics` cannot fire in an invocation
 * that runs it, even when an overlapping invocation (Managed Instances)
 * already published the counts. With the cache's own instance under Lambda
 * multi-concurrency it flushes at most once a second, with exact counts.
 *
 * @example
 * ```ts
 * export const handler = middy(work)
 *   .use(logMetrics(metrics))
 *   .use(clientCacheMetrics({ metrics }));
 * ```
 */
export function clientCacheMetrics(options: ClientCacheMetricsOptions = {}) {
  prefetchOwnMetrics(options);
  return metricsMiddlewareFor(defaultClientCache, options);
}

/**
 * For handlers without middy: wraps a handler and publishes when it
 * settles, whether it returned or threw. The wrapper is the end of your
 * handler, so it also flushes your Metrics at the end of every invocation,
 * whether or not the cache had figures to add, as Powertools' `logMetrics`
 * would (never empty: the size gauge is always added). The cache's own
 * instance is flushed at most once a second under multi-concurrency. If
 * something else flushes your Metrics (a `logMetrics` decorator), use
 * `clientCacheMetrics` or call `publishClientCacheMetrics(metrics)` instead.
 *
 * @example
 * ```ts
 * export const handler = withClientCacheMetrics(async (event) => work(event));
 * ```
 */
export function withClientCacheMetrics<Event, Context, Result>(
  handler: (event: Event, context: Context) => Promise<Result>,
  options: ClientCacheMetricsOptions = {},
): (event: Event, context: Context) => Promise<Result> {
  prefetchOwnMetrics(options);
  return metricsWrapperFor(defaultClientCache, handler, options);
}

/**
 * A handler wrapped to publish at each invocation end to the cache's own
 * Metrics will need Powertools Metrics by the end of its first invocation:
 * under ESM its import starts now, in the background.
 */
function prefetchOwnMetrics(options: ClientCacheMetricsOptions): void {
  if (options.metrics === undefined && defaultCacheOptions().metrics === undefined) {
    powertoolsMetrics.prefetch();
  }
}
