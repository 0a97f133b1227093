/**
 * Covers the shared pool under the loads that broke it (issue 13): requests queued for a socket
 * are not failed as connection timeouts, a burst over dead pooled sockets hands each reset to the
 * SDK's retry and runs no Invoke twice (issue 19), shutdown drains without sending anything twice or leaving a socket, and
 * after a real freeze (SIGSTOP past the server's keep-alive timeout) no attempt is retried.
 * Real SDK clients over `SharedPools` against the local local.endpoint, bounded in count and time.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ClientCacheError } from '../../../src/errors.js';
import { type PoolSettings, SharedPools } from '../../../src/transport/shared-pool.js';
import { localClientConfig } from '../../../tools/local-aws/client-config.js';
import { createTestClock } from '../../support/clock.js';
import { scaledTimeout } from '../../support/cpu-contention.js';
import { usePoolsAgainstLocalAws } from '../../support/pools-against-local-aws.js';
import { reportFigures } from '../../support/reliability-report.js';

// This file's longest test was given 30 s on a quiet machine; scaled to the measured CPU contention.
jest.setTimeout(scaledTimeout(30_000));

const SETTINGS: PoolSettings = {
  maxSockets: 200,
  connectionTimeoutMs: 3000,
  socketTimeoutMs: 30_000,
};
const CHILD = fileURLToPath(new URL('./pool-thaw-child.ts', import.meta.url));

interface AttemptsOf {
  readonly $metadata?: { readonly attempts?: number };
}

describe('shared pool reliability', () => {
  const local = usePoolsAgainstLocalAws({
    functions: { echo: (event) => event },
    keepAliveTimeoutMs: 2000,
  });

  const lambdaClient = (settings: PoolSettings = SETTINGS) => local.lambdaClient(settings);
  const invokeAll = (client: LambdaClient, count: number, tag: string) =>
    Promise.allSettled(
      Array.from({ length: count }, (_, index) =>
        client.send(
          new InvokeCommand({
            FunctionName: 'echo',
            Payload: JSON.stringify({ id: `${tag}-${index}` }),
          }),
        ),
      ),
    );
  const failures = (results: PromiseSettledResult<unknown>[]) =>
    results.filter((result) => result.status === 'rejected').length;
  const receivedOnce = (tag: string, count: number) => {
    const ids = local.endpoint.state.invocations
      .map((call) => (call.payload as { id: string }).id)
      .filter((id) => id.startsWith(`${tag}-`));
    return ids.length === count && new Set(ids).size === count;
  };

  it('never fails a request queued for a socket with the connection timeout', async () => {
    // Prepare: 4 sockets, each call held 1.5 s, so most requests queue longer than 1 s; one
    // attempt only, so a connection timeout cannot hide behind a retry
    const client = new LambdaClient({
      requestHandler: local.pools.handlerFor({
        maxSockets: 4,
        connectionTimeoutMs: 1000,
        socketTimeoutMs: 30_000,
      }),
      maxAttempts: 1,
      ...localClientConfig(local.endpoint, 'lambda'),
    });
    local.endpoint.faults.set('lambda', { latencyMs: 1500 });

    // Act
    const results = await invokeAll(client, 12, 'queued');

    // Assess
    expect(failures(results)).toBe(0);
    expect(receivedOnce('queued', 12)).toBe(true);
    expect(local.pools.counters.connectionsOpened).toBe(4);
  });

  it.each([50, 100])(
    'hands each reset of a burst of %i Invokes and PutEvents over dead pooled sockets to the SDK, and runs no Invoke twice',
    async (burst) => {
      // Prepare: fill the local.pools (each warm-up held until all are in flight, one socket each),
      // then the local.endpoint drops every idle socket silently. The pool's clock stands still: the
      // sockets are not idle past the 2 s hint however slow the machine, only dead
      await local.pools.close(0);
      local.pools = new SharedPools(() => undefined, createTestClock().now);
      const lambda = lambdaClient();
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
        invokeAll(lambda, burst, 'warm'),
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
        invokeAll(lambda, burst, 'burst'),
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

  it('drains an Invoke in flight at shutdown, runs it once and leaves no socket', async () => {
    // Prepare
    const client = lambdaClient();
    local.endpoint.faults.set('lambda', { latencyMs: 500 });
    const inFlight = invokeAll(client, 5, 'drain');
    await delay(100);

    // Act
    await local.pools.close(3000);
    const [results, after] = await Promise.all([inFlight, invokeAll(client, 1, 'after')]);

    // Assess
    expect(failures(results)).toBe(0);
    expect(receivedOnce('drain', 5)).toBe(true);
    expect(local.pools.openSocketCount).toBe(0);
    expect(after[0]?.status === 'rejected' && after[0].reason).toBeInstanceOf(ClientCacheError);
    expect(local.endpoint.stats.requests('Lambda.Invoke')).toBe(5);
  });

  it('cuts what outlives the grace period without sending it again', async () => {
    // Prepare
    const client = lambdaClient();
    local.endpoint.faults.set('lambda', { holdResponses: true });
    const inFlight = invokeAll(client, 1, 'cut');
    await local.endpoint.faults.waitForHeld('lambda');

    // Act
    await local.pools.close(50);
    const [result] = await inFlight;
    local.endpoint.faults.releaseHeld('lambda');
    await delay(50);

    // Assess
    expect(result?.status === 'rejected' && result.reason).toBeInstanceOf(ClientCacheError);
    expect(result?.status === 'rejected' && String(result.reason.message)).toMatch(
      /may have reached the server/,
    );
    expect(local.endpoint.stats.requests('Lambda.Invoke')).toBe(1);
    expect(local.pools.openSocketCount).toBe(0);
  });

  it('retries no attempt after a real freeze past the keep-alive timeout', async () => {
    // Prepare: a child warms its pool, then is stopped for longer than the 2 s keep-alive
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...local.endpoint.env, THAW_CONCURRENCY: '20' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const nextLine = () => once(lines, 'line').then(([line]) => String(line));
    try {
      expect(await nextLine()).toBe('warm');
      child.kill('SIGSTOP');
      await delay(3000);

      // Act: thaw and invoke at once
      const report = nextLine();
      child.stdin.write('go\n');
      child.kill('SIGCONT');
      const outcome = JSON.parse(await report) as { failures: number; retried: number };

      // Assess
      expect(outcome).toMatchObject({ failures: 0, retried: 0 });
      expect(local.endpoint.stats.resets()).toBe(0);
      expect(local.endpoint.stats.requests('Lambda.Invoke')).toBe(40);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
