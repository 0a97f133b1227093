import type { BenchResult } from './report.js';

/** P1: filled in once the reference app's demo workload lands. */
export async function measureLeaseCosts(_quick: boolean): Promise<BenchResult[]> {
  return [];
}
