export interface BenchResult {
  readonly id: string;
  readonly name: string;
  readonly measured: string;
  readonly target: string;
  readonly pass: boolean;
  /**
   * Set when the rounds cannot tell `pass` from its opposite, saying why: the
   * target lies inside the 95 % interval of the median it was judged on, or
   * there were too few rounds for an interval.
   */
  readonly undecided?: string;
  readonly series?: unknown;
}

/** The table people read: one row per measurement. */
export function printTable(results: readonly BenchResult[]): void {
  for (const { id, name, measured, target, pass, undecided } of results) {
    console.log(`${pass ? 'PASS' : 'MISS'}  ${id.padEnd(3)} ${name}`);
    console.log(`           measured ${measured}`);
    console.log(`           target   ${target}`);
    if (undecided !== undefined) console.log(`           verdict  not decided: ${undecided}`);
  }
  const missed = results.filter((result) => !result.pass).length;
  const undecided = results.filter((result) => result.undecided !== undefined).length;
  console.log(
    `\n${results.length - missed} passed, ${missed} missed${undecided > 0 ? `; ${undecided} not decided at these rounds` : ''}`,
  );
}
