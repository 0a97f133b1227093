import type { ClientCacheConfig } from '../config/client-cache-config.js';
import { ClientCacheConfigError } from '../errors.js';
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
import type { ClientService } from './client-service.js';

// The only mutable module state: the default cache, the options it is built with, and its shutdown.
let configured: ClientCacheOptions = {};
let instance: ClientCache | undefined;
// The drain of the default caches ended so far, which `destroyClientCache()` hands every caller.
let shutdown: Promise<void> | undefined;

/** The cache the package's getters use, built on first use: env is read and validated then, once. */
export function defaultClientCache(): ClientCache {
  instance ??= new ClientCache(configured);
  return instance;
}

/** The default cache's clock (its `now` option, or `Date.now`), without building it. */
export function defaultCacheClock(): () => number {
  return configured.now ?? Date.now;
}

/** The getters' one path into the default cache. */
export function getFromDefaultCache<ClientType extends object>(
  service: ClientService<ClientType>,
  config: ClientCacheConfig | undefined,
): ClientType {
  return (instance ?? defaultClientCache()).get(service, config);
}

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
 * Sets options for the default cache; explicit options beat env vars, which
 * beat defaults, and each call adds to the previous ones. It has one
 * meaning: every client is built with the options in force. So it is
 * refused once the default cache has built a client: call it at module
 * scope, before the first getter, or `await destroyClientCache()` first.
 */
export function configureClientCache(options: ClientCacheOptions): void {
  if (instance?.hasBuiltClients) {
    throw new ClientCacheConfigError(
      'configureClientCache',
      '`configureClientCache` must run before the default cache builds its first client (at module scope, at cold start); call `destroyClientCache()` first to start over',
    );
  }
  const merged = { ...configured, ...options };
  const next = new ClientCache(merged);
  const previous = instance;
  configured = merged;
  instance = next;
  // It built nothing, but may hold pools (a stats read, a failed getter).
  void previous?.destroy();
}

/**
 * For a graceful shutdown (a Lambda extension's SIGTERM, the end of a
 * script): ends the default cache (its clients, credential sets and pools).
 * A getter called afterwards starts a new one with the same options.
 */
export function destroyClientCache(): Promise<void> {
  const current = instance;
  instance = undefined;
  // A second call while the first drains gets the same promise, so a shutdown hook that awaits
  // it never cuts requests in flight; a cache built in between is ended too.
  if (current !== undefined) {
    const ending = current.destroy();
    shutdown =
      shutdown === undefined ? ending : Promise.all([shutdown, ending]).then(() => undefined);
  }
  return shutdown ?? Promise.resolve();
}

/**
 * Forgets the default cache and its options, ending it in the background:
 * the next use builds a new one and reads env again. For tests and benchmarks.
 */
export function resetDefaultClientCache(): void {
  configured = {};
  void destroyClientCache();
}

/** Cumulative counts of the default cache, plus its current size. */
export function getClientCacheStats(): ClientCacheStats {
  return defaultClientCache().stats();
}

export function getClientCacheSize(): number {
  return instance?.size ?? 0;
}

/** Drops every cached client. The pools stay open: an in-flight request completes normally. */
export function clearClientCache(): void {
  instance?.clear();
}

/** A cached client of any AWS SDK v3 client class; use a service getter where one exists. */
export function getClient<ClientType extends object>(
  ClientClass: ClientConstructor<ClientType>,
  config?: ClientCacheConfig,
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
  if (options.metrics === undefined && configured.metrics === undefined) {
    powertoolsMetrics.prefetch();
  }
}
