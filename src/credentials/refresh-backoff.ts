/** The SDKs' back-off after a failed refresh: uniformly 5 to 10 minutes. */
const BACKOFF_MIN_MS = 5 * 60_000;
const BACKOFF_SPREAD_MS = 5 * 60_000;
/** However little life the credentials have left, tries are at least this far apart. */
const MIN_RETRY_DELAY_MS = 1000;

/**
 * How long to wait after a failed refresh before the next try, while the
 * current credentials stay usable for `usableForMs`. The SDKs' jittered 5 to
 * 10 minutes, but never more than half of what is left (a quarter to a half,
 * jittered): the SDKs then serve expired credentials, which this cache never
 * does, so it must try again while it still has something to serve. Each
 * try leaves at most three quarters of the usable time the previous one had,
 * which bounds the tries per credential set to a few dozen, one at a time.
 */
export function retryDelayAfterFailure(usableForMs: number, random: () => number): number {
  const sdkBackoff = BACKOFF_MIN_MS + random() * BACKOFF_SPREAD_MS;
  const beforeUnusable = usableForMs * (0.25 + 0.25 * random());
  return Math.max(MIN_RETRY_DELAY_MS, Math.min(sdkBackoff, beforeUnusable));
}
