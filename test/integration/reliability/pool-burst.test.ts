/**
 * Covers a burst of requests over pooled sockets the far end has forgotten (issue 19): the pool
 * hands each reset to the SDK's retry strategy, resends nothing itself, and runs no Invoke twice.
 * Invariant: every Invoke ran at most once, a failed one never ran, and every extra attempt or
 * error is one reset. The server keeps idle sockets for a minute, past any stall of a loaded
 * machine: with a short keep-alive its own timer could close the sockets before the burst, and
 * the burst would then meet no dead socket at all. Real SDK clients over `SharedPools` against
 * the local endpoint, bounded in count and time.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type PoolSettings, SharedPools } from '../../../src/transport/shared-pool.js';
import { localClientConfig } from '../../../tools/local-aws/client-config.js';
import { createTestClock } from '../../support/clock.js';
import { scaledTimeout } from '../../support/cpu-contention.js';
import { invokeEchoes, usePoolsAgainstLocalAws } from '../../support/pools-against-local-aws.js';
import { reportFigures } from '../../support/reliability-report.js';

jest.setTimeout(scaledTimeout(30_000));

const SETTINGS: PoolSettings = {
  maxSockets: 200,
  connectionTimeoutMs: 3000,
  socketTimeoutMs: 30_000,
};

interface AttemptsOf {
  readonly $metadata?: { readonly attempts?: number };
}

describe('a burst over dead pooled sockets', () => {
  const local = usePoolsAgainstLocalAws({
    functions: { echo: (event) => event },
    keepAliveTimeoutMs: 60_000,
  });

  it.each([50, 100])(
    'hands each reset of a burst of %i Invokes and PutEvents over dead pooled sockets to the SDK, and runs no Invoke twice',
    async (burst) => {
      // Prepare: fill the pools (each warm-up held until all are in flight, one socket each), then
      // the endpoint drops every idle socket silently. The pool's clock stands still and the
      // server keeps idle sockets a minute: however slow the machine, the sockets are only dead
      await local.pools.close(0);
      local.pools = new SharedPools(() => undefined, createTestClock().now);
      const lambda = local.lambdaClient(SETTINGS);
      const events = new EventBridgeClient({
        requestHandler: local.pools.handlerFor(SETTINGS),
        ...localClientConfig(local.endpoint, 'eventbridge'),
      });
      const put = () =>
        events.send(
          new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }),
        );
      local.endpoint.faults.set('lambda', { holdResponses: true });
      local.endpoint.faults.set('eventbridge', { holdResponses: true });
      const warm = Promise.all([
        invokeEchoes(lambda, burst, 'warm'),
        Promise.all(Array.from({ length: burst }, put)),
      ]);
      await local.endpoint.faults.waitForHeld('lambda', burst);
      await local.endpoint.faults.waitForHeld('eventbridge', burst);
      local.endpoint.faults.clear();
      await warm;
      expect(local.endpoint.dropIdleConnections()).toBe(2 * burst);
      expect(local.pools.counters.requestsSent).toBe(2 * burst);

      // Act
      const [invokes, puts] = await Promise.all([
        invokeEchoes(lambda, burst, 'burst'),
        Promise.allSettled(Array.from({ length: burst }, put)),
      ]);

      // Assess: a dead socket fails the request written on it; the pool does not resend it,
      // the SDK's retry strategy decides (within its retry quota), and no retry meets a dead
      // socket, since the first reset retires every socket idle before it
      const results = [...invokes, ...puts];
      const attempts = (result: PromiseSettledResult<unknown>) =>
        ((result.status === 'fulfilled' ? result.value : result.reason) as AttemptsOf).$metadata
          ?.attempts ?? 1;
      const extraAttempts = results.reduce((sum, result) => sum + attempts(result) - 1, 0);
      const errors = results.flatMap((result) =>
        result.status === 'rejected' ? [String((result.reason as Error).message)] : [],
      );
      const failedInvokes = new Set(
        invokes.flatMap((result, index) =>
          result.status === 'rejected' ? [`burst-${index}`] : [],
        ),
      );
      const ran = local.endpoint.state.invocations
        .map((call) => (call.payload as { id: string }).id)
        .filter((id) => id.startsWith('burst-'));
      const resets = local.endpoint.stats.resets();
      expect(new Set(ran).size).toBe(ran.length);
      expect(ran.length).toBe(burst - failedInvokes.size);
      expect(ran.some((id) => failedInvokes.has(id))).toBe(false);
      expect(errors.every((message) => /ECONNRESET/.test(message))).toBe(true);
      expect(resets).toBeGreaterThan(0);
      expect(extraAttempts + errors.length).toBe(resets);
      expect(local.pools.counters.requestsSent).toBe(2 * burst + 2 * burst + extraAttempts);
      reportFigures(`burst of ${burst} over dead pooled sockets`, {
        failures: errors.length,
        retried: results.filter((result) => attempts(result) > 1).length,
        resets,
        requestsSent: local.pools.counters.requestsSent - 2 * burst,
      });
    },
    30_000,
  );
});
