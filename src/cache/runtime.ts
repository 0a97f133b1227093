import { type ClientCacheSettings, resolveSettings } from '../config/settings.js';
import { ClientCacheConfigError } from '../errors.js';
import { CacheObserver } from '../observability/cache-observer.js';
import { creationSamples } from '../observability/creation-samples-instance.js';
import { defaultLogger } from '../observability/default-logger.js';
import type { LoggerLike, MetricsLike, TracerLike } from '../observability/powertools-types.js';
import { onPoolSaturated } from '../transport/shared-pool.js';
import type { ClientCacheObserver } from './cache-events.js';
import { ClientStore, type ClientStoreCounts } from './client-store.js';
import { coarseClock } from './coarse-clock.js';

/** TTLs are an hour by default; checking them to the second is plenty. */
const COARSE_CLOCK_RESOLUTION_MS = 1000;

/** Options for `configureClientCache`. Each beats its env var, which beats the default. */
export interface ClientCacheOptions extends Partial<ClientCacheSettings> {
  /** The clock, in epoch milliseconds. Default `Date.now`; inject one in tests. */
  readonly now?: () => number;
  /** Your Powertools `Metrics`: the cache's figures then land in your namespace and dimensions. */
  readonly metrics?: MetricsLike;
  /** Your Powertools `Tracer`: misses and credential refreshes become subsegments. Without one, nothing is traced and the tracer is never loaded. */
  readonly tracer?: TracerLike;
  /** Your Powertools `Logger`. Default: the cache's own, which follows `POWERTOOLS_LOG_LEVEL`. */
  readonly logger?: LoggerLike;
}

const OPTION_KEYS = [
  'maxEntries',
  'ttlSeconds',
  'expiryBufferSeconds',
  'maxSockets',
  'connectionTimeoutMs',
  'socketTimeoutMs',
  'traceHits',
  'now',
  'metrics',
  'tracer',
  'logger',
] as const satisfies readonly (keyof ClientCacheOptions)[];

export interface CacheRuntime {
  readonly settings: ClientCacheSettings;
  readonly now: () => number;
  readonly store: ClientStore;
  readonly observer: ClientCacheObserver;
  readonly metrics: MetricsLike | undefined;
  readonly logger: LoggerLike;
}

let configured: ClientCacheOptions = {};
let current: CacheRuntime | undefined;
// Survive reconfiguration: stats are cumulative for the process.
const counts: ClientStoreCounts = { hits: 0, misses: 0, evictions: 0, expirations: 0 };

function build(options: ClientCacheOptions): CacheRuntime {
  const settings = resolveSettings(options);
  const now = options.now ?? Date.now;
  // An injected clock is used as it is, so tests see every tick.
  const coarseNow = options.now ?? coarseClock(Date.now, COARSE_CLOCK_RESOLUTION_MS);
  const logger = options.logger ?? defaultLogger();
  onPoolSaturated((saturation) =>
    logger.warn('aws-client-cache: connection pool saturated; requests are queueing for a socket', {
      ...saturation,
    }),
  );
  const observer = new CacheObserver({
    logger,
    tracer: options.tracer,
    traceHits: settings.traceHits,
    samples: creationSamples,
  });
  const store = new ClientStore({
    maxEntries: settings.maxEntries,
    now,
    coarseNow,
    observer,
    counts,
  });
  return { settings, now, store, observer, metrics: options.metrics, logger };
}

/** The cache, built on first use: env is read and validated here, once. */
export function cacheRuntime(): CacheRuntime {
  current ??= build(configured);
  return current;
}

/**
 * Sets options for the cache; explicit options beat env vars, which beat
 * defaults. Validates everything before changing anything. Cached clients
 * move to the reconfigured cache, least recently used first, so shrinking
 * `maxEntries` evicts the coldest.
 */
export function configureClientCache(options: ClientCacheOptions): void {
  for (const key of Object.keys(options)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) {
      throw new ClientCacheConfigError(
        key,
        `\`${key}\` is not a configureClientCache option; allowed: ${OPTION_KEYS.join(', ')}`,
      );
    }
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new ClientCacheConfigError(
      'now',
      '`now` must be a function returning epoch milliseconds',
    );
  }
  const merged = { ...configured, ...options };
  const next = build(merged);
  if (current !== undefined) {
    for (const [key, entry] of current.store.entriesOldestFirst()) next.store.adopt(key, entry);
  }
  configured = merged;
  current = next;
}

export function cumulativeCounts(): Readonly<ClientStoreCounts> {
  return counts;
}

/** Forgets options and entries; the next use reads env again. For tests and shutdown. */
export function resetCacheRuntime(): void {
  current?.store.clear();
  current = undefined;
  configured = {};
}
