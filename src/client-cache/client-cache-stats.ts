import type { CacheCounters } from '../observers/cache-counters.js';

/**
 * One cache's cumulative counts since it was built (its counters record;
 * what each counts is in the metric table, `CLIENT_CACHE_METRICS`), plus
 * what it holds now.
 */
export interface ClientCacheStats extends Readonly<CacheCounters> {
  /** Entries held now (the `ClientCacheSize` gauge). */
  readonly size: number;
  readonly maxEntries: number;
  /** Sockets the pools hold now, busy and idle. */
  readonly openSockets: number;
  /** Credential sets that cached clients use now; never more than `size`. */
  readonly sharedCredentialSets: number;
  /** Keys the hit index holds; never more than `size`. */
  readonly indexedKeys: number;
}
