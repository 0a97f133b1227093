import { fileURLToPath } from 'node:url';

/** Nanoseconds per call of `run`, over `iterations` calls. */
export function nsPerOp(iterations: number, run: () => void): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run();
  return Number(process.hrtime.bigint() - started) / iterations;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** "min..max" of a series, to two decimals: the spread behind a median. */
export function spread(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]?.toFixed(2)}..${sorted.at(-1)?.toFixed(2)}`;
}

/** True when this module is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === process.argv[1];
}

/**
 * Half the interquartile range of per-round ratios over their median, as a
 * fraction (the form `compareTimings` takes): for many short rounds on a
 * shared machine, where the full range measures only the worst preemption.
 */
export function interquartileSpread(ratios: readonly number[]): number {
  const sorted = [...ratios].sort((a, b) => a - b);
  if (sorted.length < 4) return 0;
  const at = (q: number): number => sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
  return (at(0.75) - at(0.25)) / 2 / median(sorted);
}

/**
 * A distribution-free interval for the median of `values` (order statistics
 * and the binomial distribution): the median of the process they sample lies
 * in it with at least `confidence`, whatever the shape of the noise. On a
 * shared machine that is what says whether a median over or under a target
 * is more than luck: 21 rounds of ratios spread ±20 % place their median only
 * to a few percent. Undefined when there are too few values for any such
 * interval (fewer than 6 at 95 %).
 */
export function medianInterval(
  values: readonly number[],
  confidence = 0.95,
): { readonly low: number; readonly high: number } | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  // P(Binomial(n, 1/2) <= k), summed in log space so large n does not underflow.
  let logPmf = -n * Math.LN2;
  let below = Math.exp(logPmf);
  let k = 0;
  // The largest k with P(X <= k) <= (1 - confidence) / 2: the interval is [x(k+1), x(n-k)], 1-based.
  for (; k < n / 2; k++) {
    logPmf += Math.log((n - k) / (k + 1));
    const next = below + Math.exp(logPmf);
    if (next > (1 - confidence) / 2) break;
    below = next;
  }
  if (below > (1 - confidence) / 2) return undefined;
  return { low: sorted[k] ?? Number.NaN, high: sorted[n - 1 - k] ?? Number.NaN };
}
