/**
 * The cache's lifecycle under overlapping invocations, as a model (fast-check `commands`):
 * on Lambda Managed Instances many invocations share one process, so `clearClientCache()`,
 * `destroyClientCache()`, `configureClientCache()` (and `clear`/`destroy` on a cache of one's
 * own) can land while other invocations have Invokes running at the server, queued for a pooled
 * socket (1 to 3 sockets, so the pool saturates), or waiting for an AssumeRole that STS holds.
 * Against the local endpoint (127.0.0.1): a Lambda function holds each Invoke by its id until the
 * model releases it; STS holds AssumeRoles on demand. Lambda clients keep the SDK's 3 attempts,
 * so a resend by the SDK after a cut would show.
 *
 * Invariants (checked against src/ and README.md's "graceful shutdown" row; the oracle is in
 * `test/support/lifecycle-model-oracle.ts`, the commands in `lifecycle-model-commands.ts`):
 * 1. At most once: no Invoke reaches the server twice, whatever clear, destroy or configure did
 *    meanwhile. A success arrived exactly once; an error saying "was not sent" never arrived.
 * 2. destroy(): nothing goes on the wire after it began (the pool's `requestsSent` then equals
 *    its count once drained). A call made on a client of a cache whose destroy() had begun is
 *    refused with the "was not sent" `ClientCacheError` and never arrives; a call queued for a
 *    socket, on a socket still connecting (slow handshakes), or waiting for credentials when it
 *    began fails with a `ClientCacheError` and never arrives (with slow handshakes the pool's
 *    count judges: a handshake may finish as destroy() begins); a call running at the server then
 *    succeeds if answered within the grace period, or fails saying it "may have reached the
 *    server" (never resent). Every call settles, no rejection goes unhandled; destroy() called
 *    twice in one turn returns one promise.
 * 3. Once a shutdown promise resolves: each cache it covers (the default caches ended so far, or
 *    the own cache) holds no socket, no client and no credential set, each of its calls has
 *    settled, and none of its calls reaches the server afterwards. The guards check after the
 *    test that no socket handle, ref'd timer or listener is left.
 * 4. clear() drops every client (size and credential sets 0) and breaks no call in flight: each
 *    call of a live cache succeeds once released, old clients included; the next getter builds a
 *    new client; hits + misses equal the getter calls that returned a client, and the size is what
 *    the model holds. A role is assumed at most once per cache that sent through it (its
 *    credential set outlives clear(), one fetch in flight).
 * 5. A getter after destroyClientCache() builds a new default cache with the same options
 *    (README); until then a stats read reports the ended cache's final counts and builds none.
 *    The own cache's getters throw `ClientCacheError` ("destroyed") every time, for a config
 *    cached before or not.
 * 6. configureClientCache() is refused (`ClientCacheConfigError`) once the default cache built a
 *    client, leaving the cache and its options as they were; otherwise (before the first client,
 *    or after destroyClientCache()) the next clients use the new options, and the cache it
 *    replaces is ended. destroyClientCache() after it still waits for caches ended earlier.
 *
 * CI (`CI=true`) runs a fixed seed, elsewhere a new one each run (MODEL_SEED=<n> replays it).
 * LIFECYCLE_MODEL_RUNS sets the number of runs.
 */
import fc from 'fast-check';
import {
  configureClientCache,
  destroyClientCache,
  existingDefaultCache,
  resetDefaultClientCache,
} from '../../../src/client-cache/default-cache.js';
import { createClientCache } from '../../../src/client-cache/default-cache-functions.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import type { LifecycleModel } from '../../support/lifecycle-model-checks.js';
import { lifecycleCommands } from '../../support/lifecycle-model-commands.js';
import { endRun } from '../../support/lifecycle-model-oracle.js';
import { Gates, LifecycleWorld } from '../../support/lifecycle-model-world.js';
import { propertyParameters } from '../../support/property-run.js';
import { useReliabilityGuards } from '../../support/reliability-guards.js';
import { reportFigures } from '../../support/reliability-report.js';

const RUNS = Number(process.env.LIFECYCLE_MODEL_RUNS ?? 120);

describe('the cache lifecycle under overlapping invocations', () => {
  const local = useLocalAws();
  useFreshCache({ against: () => local.endpoint });
  const guards = useReliabilityGuards();

  it('keeps at most once, ends cleanly, and clears without breaking calls in flight', async () => {
    const gates = new Gates();
    gates.install(local.endpoint);
    const totals = {
      runs: 0,
      commands: 0,
      calls: 0,
      arrivals: 0,
      caches: 0,
      runningAtDestroy: 0,
      waitingAtDestroy: 0,
      sentAfterDestroy: 0,
      cutAfterGrace: 0,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.commands(lifecycleCommands, { maxCommands: 30, size: 'max' }),
        async (defaultSockets, ownSockets, sequence) => {
          // Prepare: a fresh default cache configured as at cold start, and a cache of one's own
          gates.reset();
          local.endpoint.faults.clear();
          local.endpoint.stats.reset();
          await destroyClientCache();
          resetDefaultClientCache();
          configureClientCache({ maxSockets: defaultSockets });
          const world = new LifecycleWorld(local.endpoint, gates, defaultSockets);
          const builtAtConfigure = existingDefaultCache();
          if (builtAtConfigure === undefined) throw new Error('configure built no cache');
          world.current = world.addGeneration('default', builtAtConfigure, defaultSockets);
          const own = createClientCache({ maxSockets: ownSockets });
          world.own = world.addGeneration('own', own, ownSockets);
          const unhandledBefore = guards.unhandled.length;
          let broken: string[];
          try {
            // Act
            await fc.asyncModelRun(
              () => ({ model: { world } satisfies LifecycleModel, real: world }),
              sequence,
            );
          } finally {
            broken = await endRun(world, guards.unhandled.slice(unhandledBefore));
          }
          totals.runs++;
          totals.commands += [...sequence].length;
          totals.calls += world.calls.length;
          totals.arrivals += world.calls.reduce((sum, call) => sum + gates.arrivalsOf(call.id), 0);
          totals.caches += world.generations.length;
          for (const call of world.calls) {
            if (call.arrivedAtDestroy === true) totals.runningAtDestroy++;
            if (call.arrivedAtDestroy === false) totals.waitingAtDestroy++;
            if (call.afterDestroy) totals.sentAfterDestroy++;
            const error = call.outcome?.ok === false ? String(call.outcome.error) : '';
            if (error.includes('may have reached')) totals.cutAfterGrace++;
          }
          // Assess
          expect(broken).toEqual([]);
        },
      ),
      propertyParameters(RUNS, 20261204),
    );
    reportFigures('lifecycle-model', totals);
  }, 120_000);
});
