/**
 * The counters one cache keeps, as one plain mutable record: the store, the
 * pools and the credential sets each get the same record and bump their
 * fields in place (a property increment, nothing more on the hot path).
 * What each one counts, its metric and its unit are in the metric table
 * (`observability/metric-names.ts`), which names every field here once.
 */
export const CACHE_COUNTER_NAMES = [
  'hits',
  'misses',
  'evictions',
  'evictionMisses',
  'expirations',
  'credentialRefreshes',
  'credentialRefreshFailures',
  'connectionsOpened',
  'requestsSent',
] as const;

export type CacheCounterName = (typeof CACHE_COUNTER_NAMES)[number];

export type CacheCounters = Record<CacheCounterName, number>;

/** A fresh record, every counter at 0. */
export function newCacheCounters(): CacheCounters {
  const counters = {} as CacheCounters;
  for (const name of CACHE_COUNTER_NAMES) counters[name] = 0;
  return counters;
}
