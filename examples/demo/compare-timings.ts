/**
 * How the demo and the bench word a comparison of two timings: a difference is named only when it
 * is larger than the spread measured across rounds; under it, the two are the same within noise.
 */

/** One side of a comparison: what was timed and its median over the rounds. */
export interface Timing {
  readonly name: string;
  readonly value: number;
}

/**
 * The spread of per-round ratios around their median, as a fraction: half their range over the
 * median, so rounds from 0.9 to 1.1 around 1.0 are ±0.10. Zero for fewer than two rounds.
 *
 * @example
 * roundSpread([0.9, 1.0, 1.1]); // 0.1
 */
export function roundSpread(ratios: readonly number[]): number {
  const finite = ratios.filter((ratio) => Number.isFinite(ratio) && ratio > 0);
  if (finite.length < 2) return 0;
  const sorted = [...finite].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return ((sorted[sorted.length - 1] as number) - (sorted[0] as number)) / 2 / median;
}

const percent = (fraction: number): string => `${Math.round(fraction * 100)} %`;

/**
 * `a` against `b`, worded from the figures: "x is 3.1x faster than y" or "x is 19 % slower than
 * y" only when the difference exceeds `spread` (a fraction, as `roundSpread` gives), else "x and
 * y are the same within noise (±12 %)". The medians (in `unit`) and the spread follow in
 * parentheses.
 *
 * @example
 * compareTimings({ name: 'the cache', value: 58 }, { name: 'module singletons', value: 52 }, 0.2);
 * // 'the cache and module singletons are the same within noise (±20 %; 58.0 vs 52.0 ms)'
 */
export function compareTimings(a: Timing, b: Timing, spread: number, unit = 'ms'): string {
  const figures = `${a.value.toFixed(1)} vs ${b.value.toFixed(1)} ${unit}`;
  const faster = a.value < b.value;
  const ratio = faster ? b.value / a.value : a.value / b.value;
  // The epsilon keeps 110 vs 100 at a ±10 % spread on the noise side, as a person reads it.
  if (!(ratio - 1 > spread + 1e-9)) {
    return `${a.name} and ${b.name} are the same within noise (±${percent(spread)}; ${figures})`;
  }
  const amount = ratio >= 2 ? `${ratio.toFixed(1)}x` : percent(ratio - 1);
  return (
    `${a.name} is ${amount} ${faster ? 'faster' : 'slower'} than ${b.name} ` +
    `(${figures}; more than the ±${percent(spread)} spread across rounds)`
  );
}
