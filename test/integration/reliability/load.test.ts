/**
 * Covers the cache under load against the local endpoint: 1,000 concurrent
 * getter calls and sends over 50 roles (one AssumeRole per role, every
 * non-idempotent call reaching the server exactly once), the same load
 * through a cache of 2 (an eviction storm with requests in flight), and pool
 * saturation (50 requests on 5 sockets queue, complete, and are logged once).
 * Each test prints its figures; docs/reliability.md quotes them. The
 * 10,000-role churn bound is in pool-safety.test.ts.
 *
 * Nothing here bounds wall time but the (contention-scaled) jest timeout:
 * on a loaded 2-core machine the eviction storm takes five times as long.
 * Every send carries the guards' signal and the load is tracked, so a test
 * that times out is aborted and drained before the next one starts.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  configureClientCache,
  getClientCacheStats,
  getEventBridgeClient,
  getLambdaClient,
  getS3Client,
} from '../../../src/all.js';
import { defaultClientCache } from '../../../src/client-cache/default-cache.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { cpuSlowdown, scaledTimeout } from '../../support/cpu-contention.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { useReliabilityGuards } from '../../support/reliability-guards.js';
import { elapsedMs, reportFigures } from '../../support/reliability-report.js';

const CALLS = 1000;
const ROLES = Array.from(
  { length: 50 },
  (_, i) => `arn:aws:iam::123456789012:role/load-${String(i).padStart(2, '0')}`,
);

interface Captured {
  readonly warnings: string[];
}

function capturingLogger(captured: Captured) {
  return {
    debug: () => undefined,
    warn: (message: string, attributes: object) =>
      captured.warnings.push(`${message} ${JSON.stringify(attributes)}`),
  };
}

/**
 * Call `i` asks a getter for role `i % 50` and sends at once, rotating over
 * EventBridge PutEvents, Lambda Invoke and S3 PutObject; each carries its id.
 */
function send(i: number, abortSignal: AbortSignal): Promise<unknown> {
  const roleArn = ROLES[i % ROLES.length];
  const id = `call-${i}`;
  switch (i % 3) {
    case 0:
      return getEventBridgeClient({ roleArn }).send(
        new PutEventsCommand({
          Entries: [{ Source: 'load', DetailType: 'call', Detail: JSON.stringify({ id }) }],
        }),
        { abortSignal },
      );
    case 1:
      return getLambdaClient({ roleArn }).send(
        new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ id }) }),
        { abortSignal },
      );
    default:
      return getS3Client({ roleArn, additionalConfig: { forcePathStyle: true } }).send(
        new PutObjectCommand({ Bucket: 'load', Key: id, Body: id }),
        { abortSignal },
      );
  }
}

/**
 * The pool's 3-second timeouts, scaled to the measured CPU contention. The
 * endpoint runs in this process: starved of CPU, it answers 1,000 requests
 * so slowly that the defaults fire (TimeoutError, and AssumeRole failing as
 * ClientCacheCredentialsError), and the SDK's retry after a socket timeout
 * sends a PutEvents the endpoint had already stored. These tests are about
 * the cache under load, not about the timeouts.
 */
function timeoutsForThisMachine() {
  return { connectionTimeoutMs: scaledTimeout(3000), socketTimeoutMs: scaledTimeout(3000) };
}

/** How many sends failed, by error name: what a failed run reports instead of 1,000 objects. */
function countByName(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    if (result.status !== 'rejected') continue;
    const name = result.reason instanceof Error ? result.reason.name : typeof result.reason;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

describe('the cache under load', () => {
  const local = useLocalAws({ functions: { echo: (event) => event } });
  useFreshCache({ against: () => local.endpoint });
  const guards = useReliabilityGuards();

  async function runLoad(captured: Captured) {
    const { stats, state } = local.endpoint;
    const started = performance.now();
    const { signal } = guards;
    const results = await guards.track(
      Promise.allSettled(Array.from({ length: CALLS }, (_, i) => send(i, signal))),
    );
    const wallMs = elapsedMs(started);
    const after = getClientCacheStats();
    const expected = { events: Math.ceil(CALLS / 3), invocations: Math.floor((CALLS + 1) / 3) };
    const eventIds = state.events.map((event) => JSON.parse(String(event.entry.Detail)).id);
    const invocationIds = state.invocations.map((call) => (call.payload as { id: string }).id);
    return {
      expected,
      eventIds,
      invocationIds,
      figures: {
        calls: CALLS,
        roles: ROLES.length,
        wallMs,
        assumeRoleCalls: stats.assumeRoleCalls(),
        handshakes: stats.snapshot().handshakes,
        requests: stats.requests(),
        putEventsRequests: stats.requests('EventBridge.PutEvents'),
        invokeRequests: stats.requests('Lambda.Invoke'),
        putObjectRequests: stats.requests('S3.PutObject'),
        misses: after.misses,
        hits: after.hits,
        credentialFetches: after.credentialRefreshes + after.credentialRefreshFailures,
        evictions: after.evictions,
        connectionsOpened: after.connectionsOpened,
        saturationWarnings: captured.warnings.filter((line) => line.includes('saturated')).length,
        failuresByName: countByName(results),
        cpuSlowdown: Number(cpuSlowdown().toFixed(1)),
      },
    };
  }

  it('serves 1,000 concurrent calls over 50 roles with one AssumeRole per role and each call sent once', async () => {
    // Prepare
    const captured: Captured = { warnings: [] };
    // 50 roles x 3 services are 150 configs: room for all of them.
    configureClientCache({
      maxEntries: 200,
      maxSockets: 50,
      logger: capturingLogger(captured),
      ...timeoutsForThisMachine(),
    });

    // Act
    const run = await runLoad(captured);

    // Assess
    reportFigures('1,000 concurrent calls over 50 roles', run.figures);
    expect(run.figures.failuresByName).toEqual({});
    // The cache asks once per role. The server may count more only if the SDK retried that one
    // call (a response lost on a starved machine, seen once as 51): the roles are all assumed.
    expect(run.figures.credentialFetches).toBe(50);
    expect(run.figures.assumeRoleCalls).toBeGreaterThanOrEqual(50);
    expect(ROLES.filter((role) => local.endpoint.stats.assumeRoleCalls(role) === 0)).toEqual([]);
    expect(run.figures.putEventsRequests).toBe(run.expected.events);
    expect(run.figures.invokeRequests).toBe(run.expected.invocations);
    expect(new Set(run.eventIds).size).toBe(run.expected.events);
    expect(new Set(run.invocationIds).size).toBe(run.expected.invocations);
    expect(run.figures.misses).toBe(150);
    expect(run.figures.hits).toBe(CALLS - 150);
    // At most maxSockets (50) connections per endpoint, whatever the roles.
    for (const handshakes of Object.values(run.figures.handshakes)) {
      expect(handshakes).toBeLessThanOrEqual(50);
    }
  });

  it('completes every request and sends each PutEvents and Invoke once through an eviction storm (cache of 2)', async () => {
    // Prepare
    const captured: Captured = { warnings: [] };
    configureClientCache({
      maxEntries: 2,
      logger: capturingLogger(captured),
      ...timeoutsForThisMachine(),
    });

    // Act
    const run = await runLoad(captured);

    // Assess
    reportFigures('eviction storm: 1,000 calls, cache of 2', run.figures);
    expect(run.figures.failuresByName).toEqual({});
    expect(run.figures.evictions).toBe(run.figures.misses - 2);
    expect(run.eventIds).toHaveLength(run.expected.events);
    expect(new Set(run.eventIds).size).toBe(run.expected.events);
    expect(run.invocationIds).toHaveLength(run.expected.invocations);
    expect(new Set(run.invocationIds).size).toBe(run.expected.invocations);
    expect(run.figures.putEventsRequests).toBe(run.expected.events);
    expect(run.figures.invokeRequests).toBe(run.expected.invocations);
    expect(getClientCacheStats().size).toBe(2);
  });

  it('queues 50 concurrent requests on 5 sockets, completes them all and logs the saturation once', async () => {
    // Prepare
    const captured: Captured = { warnings: [] };
    configureClientCache({ maxSockets: 5, logger: capturingLogger(captured) });
    const { stats, faults } = local.endpoint;
    faults.set('s3', { latencyMs: 20 });
    const s3 = getS3Client({ additionalConfig: { forcePathStyle: true } });
    let peakSockets = 0;
    // This cache, not `defaultClientCache()` at each tick: after a timeout that would build a new one.
    const cache = defaultClientCache();
    const sampler = setInterval(() => {
      peakSockets = Math.max(peakSockets, cache.stats().openSockets);
    }, 5);

    // Act
    const started = performance.now();
    const { signal: abortSignal } = guards;
    const load = guards.track(
      Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          s3.send(new PutObjectCommand({ Bucket: 'b', Key: `queued/${i}`, Body: 'x' }), {
            abortSignal,
          }),
        ),
      ),
    );
    // Stopped when the load settles, even if the test timed out first.
    load.finally(() => clearInterval(sampler));
    const results = await load;
    const wallMs = elapsedMs(started);

    // Assess
    const saturation = captured.warnings.filter((line) => line.includes('saturated'));
    reportFigures('pool saturation: 50 requests, maxSockets 5', {
      wallMs,
      connections: stats.connections('s3'),
      peakPooledSockets: peakSockets,
      saturationWarnings: saturation.length,
    });
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(0);
    expect(local.endpoint.state.objects.size).toBe(50);
    expect(stats.connections('s3')).toBeLessThanOrEqual(5);
    expect(peakSockets).toBeLessThanOrEqual(5);
    expect(saturation).toHaveLength(1);
    expect(saturation[0]).toContain('"maxSockets":5');
  });
});
