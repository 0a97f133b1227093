/**
 * Covers the shared pool under the loads that broke it (issue 13): requests queued for a socket
 * are not failed as connection timeouts, shutdown drains without sending anything twice or
 * leaving a socket, and after a real freeze (SIGSTOP past the server's keep-alive timeout) no
 * attempt is retried. A burst over dead pooled sockets has its own file (`pool-burst.test.ts`).
 * Real SDK clients over `SharedPools` against the local endpoint, bounded in count and time.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ClientCacheError } from '../../../src/errors.js';
import type { PoolSettings } from '../../../src/transport/shared-pool.js';
import { localClientConfig } from '../../../tools/local-aws/client-config.js';
import { scaledTimeout } from '../../support/cpu-contention.js';
import { invokeEchoes, usePoolsAgainstLocalAws } from '../../support/pools-against-local-aws.js';

// This file's longest test was given 30 s on a quiet machine; scaled to the measured CPU contention.
jest.setTimeout(scaledTimeout(30_000));

const SETTINGS: PoolSettings = {
  maxSockets: 200,
  connectionTimeoutMs: 3000,
  socketTimeoutMs: 30_000,
};
const CHILD = fileURLToPath(new URL('./pool-thaw-child.ts', import.meta.url));

describe('shared pool reliability', () => {
  const local = usePoolsAgainstLocalAws({
    functions: { echo: (event) => event },
    keepAliveTimeoutMs: 2000,
  });

  const lambdaClient = (settings: PoolSettings = SETTINGS) => local.lambdaClient(settings);
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
    const results = await invokeEchoes(client, 12, 'queued');

    // Assess
    expect(failures(results)).toBe(0);
    expect(receivedOnce('queued', 12)).toBe(true);
    expect(local.pools.counters.connectionsOpened).toBe(4);
  });

  it('drains an Invoke in flight at shutdown, runs it once and leaves no socket', async () => {
    // Prepare: five Invokes the endpoint holds once it has them, so all five are on the wire at
    // shutdown however long a loaded machine takes to send them (a 100 ms sleep did not always
    // suffice in CI: the two still unsent were refused, as they should be)
    const client = lambdaClient();
    local.endpoint.faults.set('lambda', { holdResponses: true });
    const inFlight = invokeEchoes(client, 5, 'drain');
    await local.endpoint.faults.waitForHeld('lambda', 5);

    // Act: shut down, and let the answers go within the grace period
    const closing = local.pools.close(3000);
    local.endpoint.faults.clear('lambda');
    await closing;
    const [results, after] = await Promise.all([inFlight, invokeEchoes(client, 1, 'after')]);

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
    const inFlight = invokeEchoes(client, 1, 'cut');
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
