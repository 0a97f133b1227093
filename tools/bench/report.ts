export interface BenchResult {
  readonly id: string;
  readonly name: string;
  readonly measured: string;
  readonly target: string;
  readonly pass: boolean;
  readonly series?: unknown;
}

/** The table people read: one row per measurement. */
export function printTable(results: readonly BenchResult[]): void {
  for (const { id, name, measured, target, pass } of results) {
    console.log(`${pass ? 'PASS' : 'MISS'}  ${id.padEnd(3)} ${name}`);
    console.log(`           measured ${measured}`);
    console.log(`           target   ${target}`);
  }
  const missed = results.filter((result) => !result.pass).length;
  console.log(`\n${results.length - missed} passed, ${missed} missed`);
}
