import type { CreationSamples } from './creation-samples.js';
import { ClientCacheMetric } from './metric-names.js';
import type { LoggerLike, MetricsLike } from './powertools-types.js';

/** The cumulative counts a publish turns into deltas. */
export interface MetricTotals {
  readonly ClientCacheHit: number;
  readonly ClientCacheMiss: number;
  readonly ClientCacheEviction: number;
  readonly ClientCacheEvictionMiss: number;
  readonly ClientCacheExpiration: number;
  readonly CredentialRefresh: number;
  readonly CredentialRefreshFailure: number;
  readonly ConnectionsOpened: number;
  readonly RequestsSent: number;
}

const NOTHING: MetricTotals = {
  ClientCacheHit: 0,
  ClientCacheMiss: 0,
  ClientCacheEviction: 0,
  ClientCacheEvictionMiss: 0,
  ClientCacheExpiration: 0,
  CredentialRefresh: 0,
  CredentialRefreshFailure: 0,
  ConnectionsOpened: 0,
  RequestsSent: 0,
};

export interface MetricsPublisherOptions {
  readonly totals: () => MetricTotals;
  readonly size: () => number;
  readonly samples: CreationSamples;
  readonly logger: LoggerLike;
  /** The instance figures go to when a call names none: the user's, else the cache's own. */
  readonly defaultMetrics: () => MetricsLike;
  /** True when `metrics` is the cache's own instance, which only the cache flushes. */
  readonly ownsFlush: (metrics: MetricsLike) => boolean;
  /**
   * Least time between two lines the cache flushes itself; 0 flushes at
   * every invocation end. Under Lambda multi-concurrency (Managed Instances)
   * a thousand invocations a second must not mean a thousand cache lines.
   */
  readonly minFlushIntervalMs: number;
  readonly now: () => number;
}

/**
 * One cache's publisher. Taking the deltas and moving the mark is one
 * synchronous step, so overlapping invocations never publish a count twice
 * or drop one: each publish carries everything since the previous one,
 * whichever invocation it happens in.
 */
export class MetricsPublisher {
  readonly #options: MetricsPublisherOptions;
  #published: MetricTotals = NOTHING;
  #lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(options: MetricsPublisherOptions) {
    this.#options = options;
  }

  /**
   * Adds the figures since the last publish to `metrics`, without flushing:
   * counts as deltas (1,000 hits are one value of 1000), the size gauge, and
   * creation times. Returns false, adding nothing, when there is nothing new.
   */
  add(metrics: MetricsLike): boolean {
    const totals = this.#options.totals();
    const samples = this.#options.samples.take();
    const names = Object.keys(totals) as (keyof MetricTotals)[];
    const previous = this.#published;
    if (samples.length === 0 && names.every((name) => totals[name] === previous[name])) {
      return false;
    }
    // Moved before adding: if `addMetric` throws half-way (a unit clash in a
    // shared instance), these counts are lost rather than published twice.
    this.#published = totals;
    for (const name of names) metrics.addMetric(name, 'Count', totals[name] - previous[name]);
    metrics.addMetric(ClientCacheMetric.Size, 'Count', this.#options.size());
    for (const sample of samples) {
      metrics.addMetric(ClientCacheMetric.CreationTime, 'Milliseconds', sample);
    }
    return true;
  }

  /**
   * Publishes now. With the cache's own instance the figures are flushed as
   * one line. With yours they are only added: yours is flushed by whoever
   * flushes your metrics (Powertools `logMetrics`), so a publish inside one
   * invocation never empties the store that another invocation, or your own
   * `logMetrics`, is about to flush; `flushYours` says you own the flush
   * (the plain wrapper does, at the end of your handler). Returns true when
   * it wrote a line.
   */
  publish(metrics?: MetricsLike, flushYours = false): boolean {
    const target = metrics ?? this.#options.defaultMetrics();
    if (!this.add(target)) return false;
    if (!flushYours && !this.#options.ownsFlush(target)) return false;
    target.publishStoredMetrics();
    this.#lastFlushAt = this.#options.now();
    return true;
  }

  /**
   * What the middleware and the wrapper do when an invocation ends: publish,
   * at most once per `minFlushIntervalMs` when the cache flushes its own
   * instance (the counts wait, exact, for the next line), and never let a
   * metrics failure replace the handler's own result or error.
   */
  publishAtInvocationEnd(metrics?: MetricsLike, flushYours = false): void {
    try {
      const target = metrics ?? this.#options.defaultMetrics();
      const { minFlushIntervalMs, now, ownsFlush } = this.#options;
      if (ownsFlush(target) && now() - this.#lastFlushAt < minFlushIntervalMs) return;
      this.publish(target, flushYours);
    } catch (error) {
      this.#options.logger.warn('aws-client-cache: could not publish the cache metrics', {
        error:
          error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
    }
  }
}
