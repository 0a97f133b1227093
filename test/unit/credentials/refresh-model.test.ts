/**
 * A model-based test of a shared credential set's refresh behaviour (the
 * 2026 cross-SDK one, docs/architecture.md "Credentials"). fast-check runs
 * random sequences of commands against a real `RefreshingCredentials` with
 * a fake clock and a fake STS whose answers the sequence decides: callers
 * arrive (one or several at once), time passes (a second to twenty
 * minutes, or to the edges of the held credentials' windows), the pending AssumeRole succeeds (sessions of 5 s to 12 h, or
 * already expired), fails or is throttled, and a service rejects the
 * credentials it was signed with as expired. The oracle, checked as it
 * happens:
 *
 * - a caller never fails while the set holds credentials that are usable
 *   (more than 10 s, or half their life, from expiry) and not rejected;
 * - no caller is handed credentials that are unusable, or that a service
 *   rejected;
 * - one AssumeRole at most is in flight, and every waiting caller settles
 *   when it does;
 * - after a failure, while usable credentials are held, the next AssumeRole
 *   waits at least the back-off's floor (5 minutes, or a quarter of the
 *   usable time left, but at least 1 s): no refresh storm;
 * - no AssumeRole starts before the advisory window of what is held, and no
 *   caller waits before the mandatory window.
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one
 * (fast-check prints it on failure; MODEL_SEED=<n> replays it). The
 * specification, the world and the commands are in
 * test/support/refresh-model-*.ts.
 */
import fc from 'fast-check';
import { scaledTimeout } from '../../support/cpu-contention.js';
import { propertySeed } from '../../support/property-run.js';
import { assertNoViolations, commands, settle } from '../../support/refresh-model-commands.js';
import { World } from '../../support/refresh-model-world.js';

// This file's longest test was given 60 s on a quiet machine; scaled to the measured CPU contention.
jest.setTimeout(scaledTimeout(60_000));

/** A small seeded generator for the cache's jitter, so a failing run replays exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

it('keeps its refresh invariants under random callers, clocks and STS answers', async () => {
  // Prepare: a fixed seed on CI, a new one elsewhere
  const seed = propertySeed(20261202);
  await fc.assert(
    fc.asyncProperty(
      fc.integer(),
      fc.commands(commands, { maxCommands: 40, size: 'max' }),
      async (jitterSeed, sequence) => {
        // Act
        const world = new World(seededRandom(jitterSeed));
        await fc.asyncModelRun(() => ({ model: {}, real: world }), sequence);
        world.finish();
        await settle();

        // Assess
        assertNoViolations(world);
        expect(world.unsettled).toBe(0);
      },
    ),
    { numRuns: 300, seed },
  );
});
