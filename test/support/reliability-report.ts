/**
 * Appends the figures a reliability test measured, as one JSON line
 * (`reliability-figures {...}`), to `$RELIABILITY_REPORT` when that is set:
 * docs/reliability.md quotes a run made that way. Otherwise it writes
 * nothing, so `npm test` prints only what passed and what failed.
 */
import { appendFileSync } from 'node:fs';

export type Figures = Readonly<Record<string, unknown>>;

export function reportFigures(caseName: string, figures: Figures): void {
  const file = process.env.RELIABILITY_REPORT;
  if (file === undefined || file === '') return;
  appendFileSync(file, `reliability-figures ${JSON.stringify({ case: caseName, ...figures })}\n`);
}

/** Milliseconds since `started` (a `performance.now()` reading), rounded to 1 ms. */
export function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
