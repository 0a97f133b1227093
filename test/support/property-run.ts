import fc from 'fast-check';

/**
 * The seed of a property test: `PROPERTY_SEED` (or `MODEL_SEED`) replays a failure; CI (`CI`
 * set) runs the test's fixed seed, so a red build is reproducible; elsewhere
 * each run draws a new one, to find what the fixed one does not.
 */
export function propertySeed(ciSeed: number): number {
  // MODEL_SEED is the name the model tests' docs give it.
  const replay = process.env.PROPERTY_SEED || process.env.MODEL_SEED;
  if (replay) return Number(replay);
  return process.env.CI ? ciSeed : Date.now() % 2 ** 31;
}

/**
 * Parameters for `fc.assert` that make any failure replayable: the seed is
 * always passed, so fast-check's error names it with the path to the shrunk
 * counterexample (`PROPERTY_SEED=<seed>` reruns it), and `verbose` adds the
 * failing values met on the way.
 */
export function propertyParameters<Values>(numRuns: number, ciSeed: number): fc.Parameters<Values> {
  return { numRuns, seed: propertySeed(ciSeed), verbose: fc.VerbosityLevel.Verbose };
}
