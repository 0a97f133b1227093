/**
 * Regression tests for the pool's delivery rule and shutdown (issue 19, cases 1 to 3): a request
 * whose connection is reset after the server ran it is not sent again by the pool; requests
 * waiting for a socket at `close()` are refused and never sent; `close()`, `ClientCache.destroy()`
 * and `destroyClientCache()` return one promise however often they are called. Real SDK clients
 * against the local local.endpoint; `pool-delivery-model.test.ts` tries the same rules at random.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createClientCache, destroyClientCache, getClientCacheStats } from '../../../src/index.js';
import type { PoolSettings } from '../../../src/transport/shared-pool.js';
import { localClientConfig } from '../../../tools/local-aws/client-config.js';
import { usePoolsAgainstLocalAws } from '../../support/pools-against-local-aws.js';

const SETTINGS: PoolSettings = {
  maxSockets: 50,
  connectionTimeoutMs: 3000,
  socketTimeoutMs: 30_000,
};

describe('shared pool delivery and shutdown', () => {
  const local = usePoolsAgainstLocalAws({ functions: { echo: (event) => event } });

  const lambdaClient = (settings: PoolSettings = SETTINGS) =>
    local.lambdaClient(settings, { maxAttempts: 1 });
  const invoke = (client: LambdaClient, id: string) =>
    client.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ id }) }));
  const runsOf = (id: string) =>
    local.endpoint.state.invocations.filter((call) => (call.payload as { id: string }).id === id)
      .length;
  const outcomeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: Error) => `${error.name}: ${error.message}`,
    );

  it('runs an Invoke once when the server resets the reused socket after running it, as a plain client does', async () => {
    // Prepare: one warm socket each, then the server runs the next Invoke and resets before answering
    const cached = lambdaClient();
    const plain = new LambdaClient({
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
      ...localClientConfig(local.endpoint, 'lambda'),
    });
    await invoke(cached, 'warm-cached');
    await invoke(plain, 'warm-plain');
    local.endpoint.faults.set('lambda', { resetAfterRunNext: 2 });

    // Act
    const cachedOutcome = await outcomeOf(invoke(cached, 'reset-cached'));
    const plainOutcome = await outcomeOf(invoke(plain, 'reset-plain'));
    plain.destroy();

    // Assess
    expect(cachedOutcome).toMatch(/ECONNRESET|socket hang up/);
    expect(plainOutcome).toMatch(/ECONNRESET|socket hang up/);
    expect(runsOf('reset-cached')).toBe(1);
    expect(runsOf('reset-plain')).toBe(1);
    expect(local.pools.counters.requestsSent).toBe(2);
  });

  it('refuses the requests waiting for a socket at close(), says they were not sent, and never sends them', async () => {
    // Prepare: one socket, its request held by the server, two more queued behind it
    const client = lambdaClient({ ...SETTINGS, maxSockets: 1 });
    local.endpoint.faults.set('lambda', { holdResponses: true });
    const calls = ['first', 'queued-1', 'queued-2'].map((id) => outcomeOf(invoke(client, id)));
    await local.endpoint.faults.waitForHeld('lambda');

    // Act
    const closing = local.pools.close(5000);
    const queued = await Promise.all(calls.slice(1));
    local.endpoint.faults.releaseHeld('lambda');
    await closing;
    const first = await calls[0];
    await delay(50);

    // Assess
    expect(queued).toEqual([
      expect.stringMatching(/^ClientCacheError: .*this request was not sent/),
      expect.stringMatching(/^ClientCacheError: .*this request was not sent/),
    ]);
    expect(first).toBe('ok');
    expect(local.endpoint.stats.requests('Lambda.Invoke')).toBe(1);
    expect(local.pools.counters.requestsSent).toBe(1);
    expect(local.pools.openSocketCount).toBe(0);
  });

  it('returns the same pending promise from a second close(), resolved only when the drain is done', async () => {
    // Prepare
    const client = lambdaClient();
    local.endpoint.faults.set('lambda', { holdResponses: true });
    const inFlight = outcomeOf(invoke(client, 'in-flight'));
    await local.endpoint.faults.waitForHeld('lambda');

    // Act
    const first = local.pools.close(5000);
    const second = local.pools.close(0);
    let resolved = false;
    void second.then(() => {
      resolved = true;
    });
    await delay(100);
    const resolvedWhileInFlight = resolved;
    local.endpoint.faults.releaseHeld('lambda');
    await second;

    // Assess: the second call's grace of 0 cut nothing
    expect(second).toBe(first);
    expect(resolvedWhileInFlight).toBe(false);
    expect(await inFlight).toBe('ok');
    expect(runsOf('in-flight')).toBe(1);
  });

  it('returns the same promise from a second ClientCache.destroy() and destroyClientCache()', async () => {
    // Prepare
    const cache = createClientCache();
    getClientCacheStats();

    // Act
    const cacheFirst = cache.destroy();
    const cacheSecond = cache.destroy();
    const defaultFirst = destroyClientCache();
    const defaultSecond = destroyClientCache();
    await Promise.all([cacheFirst, defaultFirst]);

    // Assess
    expect(cacheSecond).toBe(cacheFirst);
    expect(defaultSecond).toBe(defaultFirst);
  });
});
