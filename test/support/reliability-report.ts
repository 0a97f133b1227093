/**
 * Prints the figures a reliability test measured as one JSON line on stdout
 * (`reliability-figures {...}`), so a run shows counts and not only
 * pass/fail, and appends the same line to `$RELIABILITY_REPORT` when that is
 * set: docs/reliability.md quotes a run made that way.
 */
import { appendFileSync } from 'node:fs';

export type Figures = Readonly<Record<string, unknown>>;

export function reportFigures(caseName: string, figures: Figures): void {
  const line = `reliability-figures ${JSON.stringify({ case: caseName, ...figures })}\n`;
  process.stdout.write(line);
  const file = process.env.RELIABILITY_REPORT;
  if (file !== undefined && file !== '') appendFileSync(file, line);
}

/** Milliseconds since `started` (a `performance.now()` reading), rounded to 1 ms. */
export function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
