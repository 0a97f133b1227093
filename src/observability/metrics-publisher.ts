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
   * creation times. Returns false when there is nothing new; then it adds
   * nothing, or only the size gauge when `gaugeAlways` (see `#addToYours`).
   */
  #add(metrics: MetricsLike, gaugeAlways = false): boolean {
    const totals = this.#options.totals();
    const samples = this.#options.samples.take();
    const names = Object.keys(totals) as (keyof MetricTotals)[];
    const previous = this.#published;
    if (samples.length === 0 && names.every((name) => totals[name] === previous[name])) {
      if (gaugeAlways) metrics.addMetric(ClientCacheMetric.Size, 'Count', this.#options.size());
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
   * one line (none when the cache did nothing). With yours they are only
   * added: your `logMetrics` (or the wrapper) flushes them with your own
   * metrics, so a publish never empties a store an invocation is still
   * filling. Returns true when it wrote a line.
   */
  publish(metrics?: MetricsLike): boolean {
    const target = metrics ?? this.#options.defaultMetrics();
    if (this.#options.ownsFlush(target)) return this.#flushOwn(target);
    this.#addToYours(target);
    return false;
  }

  /**
   * What the middleware and the wrapper do when an invocation ends. The
   * cache's own instance is flushed at most once per `minFlushIntervalMs`
   * (the counts wait, exact, for the next line). Yours gets the figures,
   * and when `flushYours` (the wrapper: the end of your handler) it is
   * flushed whatever the cache had to add or failed to, as Powertools'
   * `logMetrics` would: your invocation's metrics go out in your invocation.
   * A metrics failure never replaces the handler's own result or error: it
   * is logged.
   */
  publishAtInvocationEnd(metrics?: MetricsLike, flushYours = false): void {
    let yours: MetricsLike | undefined;
    try {
      const target = metrics ?? this.#options.defaultMetrics();
      const { minFlushIntervalMs, now, ownsFlush } = this.#options;
      if (ownsFlush(target)) {
        if (now() - this.#lastFlushAt >= minFlushIntervalMs) this.#flushOwn(target);
        return;
      }
      yours = target;
      this.#addToYours(target);
    } catch (error) {
      this.#warn(error);
    }
    if (!flushYours || yours === undefined) return;
    try {
      yours.publishStoredMetrics();
    } catch (error) {
      this.#warn(error);
    }
  }

  #flushOwn(own: MetricsLike): boolean {
    if (!this.#add(own)) return false;
    own.publishStoredMetrics();
    this.#lastFlushAt = this.#options.now();
    return true;
  }

  /**
   * Your instance always gets at least the size gauge, so the cache never
   * leaves your invocation's line empty. Under Managed Instances Powertools
   * keeps one store per invocation, and an overlapping invocation may
   * already have published this one's counts: without the gauge its line
   * could be empty, which `throwOnEmptyMetrics` turns into a failed
   * invocation, depending only on timing.
   */
  #addToYours(yours: MetricsLike): void {
    this.#add(yours, true);
  }

  #warn(error: unknown): void {
    this.#options.logger.warn('aws-client-cache: could not publish the cache metrics', {
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    });
  }
}
