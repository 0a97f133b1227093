export interface BenchResult {
  readonly id: string;
  readonly name: string;
  readonly measured: string;
  readonly target: string;
  readonly pass: boolean;
  /**
   * False when the rounds cannot tell `pass` from its opposite: the target
   * lies inside the 95 % interval of the median it was judged on.
   */
  readonly decided?: boolean;
  readonly series?: unknown;
}

/** The table people read: one row per measurement. */
export function printTable(results: readonly BenchResult[]): void {
  for (const { id, name, measured, target, pass, decided } of results) {
    console.log(`${pass ? 'PASS' : 'MISS'}  ${id.padEnd(3)} ${name}`);
    console.log(`           measured ${measured}`);
    console.log(`           target   ${target}`);
    if (decided === false) {
      console.log(
        "           verdict  not decided: the target lies inside the median's 95 % interval; more rounds would tell",
      );
    }
  }
  const missed = results.filter((result) => !result.pass).length;
  const undecided = results.filter((result) => result.decided === false).length;
  console.log(
    `\n${results.length - missed} passed, ${missed} missed${undecided > 0 ? ` (${undecided} of them not decided at these rounds)` : ''}`,
  );
}
