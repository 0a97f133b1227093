import { errorLogShape } from '../errors.js';
import {
  type CacheCounterName,
  type CacheCounters,
  newCacheCounters,
} from '../observers/cache-counters.js';
import type { CreationSamples } from './creation-samples.js';
import { CLIENT_CACHE_METRICS, type MetricRow } from './metric-names.js';
import type { LoggerLike, MetricsLike } from './powertools-types.js';

/** Each row of the metric table with its name, in table order. */
const ROWS = Object.entries(CLIENT_CACHE_METRICS) as [string, MetricRow][];
const COUNTER_ROWS = ROWS.filter(([, row]) => row.kind === 'counter') as [
  string,
  MetricRow & { readonly stat: CacheCounterName },
][];
const GAUGE_ROWS = ROWS.filter(([, row]) => row.kind === 'gauge');
// The one samples source is the creation-time buffer: its row is `ClientCreationTime`.
const SAMPLE_ROWS = ROWS.filter(([, row]) => row.kind === 'samples');
const NOTHING: Readonly<CacheCounters> = newCacheCounters();

interface MetricsPublisherOptions {
  /** The cache's counters record; the publisher only reads it. */
  readonly counters: Readonly<CacheCounters>;
  /** The gauges of the metric table, by their `stat` field (today only `size`). */
  readonly gauge: (stat: string) => number;
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
  #published: Readonly<CacheCounters> = NOTHING;
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
    const counters = this.#options.counters;
    const samples = this.#options.samples.take();
    const previous = this.#published;
    if (
      samples.length === 0 &&
      COUNTER_ROWS.every(([, { stat }]) => counters[stat] === previous[stat])
    ) {
      if (gaugeAlways) this.#addGauges(metrics);
      return false;
    }
    // Moved before adding: if `addMetric` throws half-way (a unit clash in a
    // shared instance), these counts are lost rather than published twice.
    this.#published = { ...counters };
    for (const [name, { unit, stat }] of COUNTER_ROWS) {
      metrics.addMetric(name, unit, counters[stat] - previous[stat]);
    }
    for (const [name, { unit }] of SAMPLE_ROWS) {
      for (const sample of samples) metrics.addMetric(name, unit, sample);
    }
    // Last: Powertools writes a line by itself when a metric reaches 100 values (two publishes
    // into one store can bring the creation times there), and the gauge after it keeps your
    // store from being left empty for `throwOnEmptyMetrics`.
    this.#addGauges(metrics);
    return true;
  }

  #addGauges(metrics: MetricsLike): void {
    for (const [name, { unit, stat }] of GAUGE_ROWS) {
      metrics.addMetric(name, unit, this.#options.gauge(stat as string));
    }
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

  /** The last publish, when the cache ends: unthrottled; a failure is logged, never thrown. */
  publishLast(): void {
    try {
      this.publish();
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
      error: errorLogShape(error),
    });
  }
}
