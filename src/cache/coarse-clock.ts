/**
 * A clock that reads the real one at most once per `resolutionMs` and serves
 * the cached reading in between: reading the clock costs more than the rest
 * of a hit (BENCHMARKS.md, P4).
 *
 * One clock per entry kind: a credential expiry must be checked exactly and
 * a TTL need not, and most hits never reach the LRU (the recent entries and
 * the hit index serve them), so a staleness check of the LRU's own would
 * not run on them.
 *
 * Only TTL housekeeping uses it. After a Lambda thaw the first calls may see
 * a reading from before the freeze until the timer fires, which can serve a
 * client a moment past its TTL; harmless, since the TTL is hygiene, not
 * correctness. Credential expiry is always checked against the real clock.
 */
export function coarseClock(now: () => number, resolutionMs: number): () => number {
  let cached: number | undefined;
  const forget = (): void => {
    cached = undefined;
  };
  return () => {
    if (cached === undefined) {
      cached = now();
      setTimeout(forget, resolutionMs).unref();
    }
    return cached;
  };
}
