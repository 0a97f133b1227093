import { Metrics } from '@aws-lambda-powertools/metrics';
import { cacheRuntime, cumulativeCounts } from '../cache/runtime.js';
import { credentialCounters } from '../credentials/credential-counters.js';
import { connectionCounters } from '../transport/shared-pool.js';
import { creationSamples } from './creation-samples-instance.js';
import { ClientCacheMetric } from './metric-names.js';
import type { MetricsLike } from './powertools-types.js';

interface Totals {
  readonly ClientCacheHit: number;
  readonly ClientCacheMiss: number;
  readonly ClientCacheEviction: number;
  readonly ClientCacheExpiration: number;
  readonly CredentialRefresh: number;
  readonly CredentialRefreshFailure: number;
  readonly ConnectionsOpened: number;
  readonly RequestsSent: number;
}

function currentTotals(): Totals {
  const counts = cumulativeCounts();
  return {
    [ClientCacheMetric.Hit]: counts.hits,
    [ClientCacheMetric.Miss]: counts.misses,
    [ClientCacheMetric.Eviction]: counts.evictions,
    [ClientCacheMetric.Expiration]: counts.expirations,
    [ClientCacheMetric.CredentialRefresh]: credentialCounters.credentialRefreshes,
    [ClientCacheMetric.CredentialRefreshFailure]: credentialCounters.credentialRefreshFailures,
    [ClientCacheMetric.ConnectionsOpened]: connectionCounters().connectionsOpened,
    [ClientCacheMetric.RequestsSent]: connectionCounters().requestsSent,
  };
}

const NOTHING: Totals = {
  ClientCacheHit: 0,
  ClientCacheMiss: 0,
  ClientCacheEviction: 0,
  ClientCacheExpiration: 0,
  CredentialRefresh: 0,
  CredentialRefreshFailure: 0,
  ConnectionsOpened: 0,
  RequestsSent: 0,
};

// What the last publish covered. Taking the deltas and moving this mark is
// one synchronous step, so overlapping invocations in one process never
// publish a count twice or drop one: each publish carries everything since
// the previous publish, whichever invocation it happened in.
let published: Totals = NOTHING;
let ownMetrics: Metrics | undefined;

/**
 * Adds the cache's figures since the last publish to `metrics`, without
 * flushing: counts as deltas (1,000 hits are one value of 1000), the size
 * gauge, and creation times. Returns false, adding nothing, when the cache
 * did nothing since the last publish.
 */
export function addClientCacheMetrics(metrics: MetricsLike): boolean {
  const totals = currentTotals();
  const samples = creationSamples.take();
  const names = Object.keys(totals) as (keyof Totals)[];
  if (samples.length === 0 && names.every((name) => totals[name] === published[name])) return false;
  const previous = published;
  // Moved before adding: if `addMetric` throws half-way (a unit clash in a
  // shared instance), these counts are lost rather than published twice.
  published = totals;
  for (const name of names) metrics.addMetric(name, 'Count', totals[name] - previous[name]);
  metrics.addMetric(ClientCacheMetric.Size, 'Count', cacheRuntime().store.size);
  for (const sample of samples) {
    metrics.addMetric(ClientCacheMetric.CreationTime, 'Milliseconds', sample);
  }
  return true;
}

/** The instance to publish through: the argument, `configureClientCache({ metrics })`, or the cache's own. */
export function resolveMetrics(metrics?: MetricsLike): MetricsLike {
  if (metrics !== undefined) return metrics;
  const configured = cacheRuntime().metrics;
  if (configured !== undefined) return configured;
  // Follows POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_DISABLED.
  ownMetrics ??= new Metrics();
  return ownMetrics;
}

/**
 * Publishes the cache's figures since the last publish as one EMF line, and
 * writes nothing at all when the cache did nothing. With your own `Metrics`
 * instance the figures land in your namespace and default dimensions, and
 * anything else you had stored goes out in the same line.
 *
 * @example
 * ```ts
 * export const handler = async (event) => {
 *   try {
 *     return await work(event);
 *   } finally {
 *     publishClientCacheMetrics();
 *   }
 * };
 * ```
 */
export function publishClientCacheMetrics(metrics?: MetricsLike): void {
  const target = resolveMetrics(metrics);
  if (addClientCacheMetrics(target)) target.publishStoredMetrics();
}

/**
 * What the middleware and the wrapper do at the end of an invocation. The
 * cache flushes only its own instance. Yours is flushed by whoever flushes
 * your metrics (Powertools `logMetrics`), so the cache's figures join that
 * one line and `logMetrics` never finds an emptied store.
 */
export function publishAtInvocationEnd(metrics?: MetricsLike): void {
  try {
    const target = resolveMetrics(metrics);
    if (addClientCacheMetrics(target) && target === ownMetrics) target.publishStoredMetrics();
  } catch (error) {
    // Runs after the handler, in a `finally`: a metrics problem must never replace the
    // handler's own result or error.
    cacheRuntime().logger.warn('aws-client-cache: could not publish the cache metrics', {
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    });
  }
}
