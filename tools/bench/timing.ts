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
