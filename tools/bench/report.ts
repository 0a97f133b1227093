export interface BenchResult {
  readonly id: string;
  readonly name: string;
  readonly measured: string;
  readonly target: string;
  readonly pass: boolean;
  /**
   * False when the rounds cannot tell `pass` from its opposite: the target
   * lies inside the 95 % interval of the median it was judged on, or there
   * were too few rounds for an interval (`undecidedWhy` says which).
   */
  readonly decided?: boolean;
  readonly undecidedWhy?: string;
  readonly series?: unknown;
}

/** The table people read: one row per measurement. */
export function printTable(results: readonly BenchResult[]): void {
  for (const { id, name, measured, target, pass, decided, undecidedWhy } of results) {
    console.log(`${pass ? 'PASS' : 'MISS'}  ${id.padEnd(3)} ${name}`);
    console.log(`           measured ${measured}`);
    console.log(`           target   ${target}`);
    if (decided === false)
      console.log(`           verdict  not decided: ${undecidedWhy ?? 'see above'}`);
  }
  const missed = results.filter((result) => !result.pass).length;
  const undecided = results.filter((result) => result.decided === false).length;
  console.log(
    `\n${results.length - missed} passed, ${missed} missed${undecided > 0 ? `; ${undecided} not decided at these rounds` : ''}`,
  );
}
