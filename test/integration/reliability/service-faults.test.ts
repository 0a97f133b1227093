/**
 * Covers service-endpoint faults through the getters: Cost Explorer
 * throttling under its adaptive retry (retries counted at the endpoint),
 * EventBridge 5xx, a refused connection, slow responses against the socket
 * timeout, a slow TLS handshake against the connection timeout, a response
 * reset mid-body (a small server of our own: the endpoint cannot), and
 * Lambda Invoke over pooled connections dropped while the function was
 * frozen (pool-safety.test.ts covers S3). Every request succeeds or fails
 * with a clear error after the SDK's retries; non-idempotent calls run once.
 * Backoff jitter (`Math.random`) is pinned low: retry counts stay, waits go.
 */
import { createServer } from 'node:net';
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  configureClientCache,
  destroyClientCache,
  getCostExplorerClient,
  getEventBridgeClient,
  getLambdaClient,
  getS3Client,
  getSTSClient,
} from '../../../src/all.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { useReliabilityGuards } from '../../support/reliability-guards.js';
import { elapsedMs, reportFigures } from '../../support/reliability-report.js';
import { startResetServer } from '../../support/reliability-reset-server.js';

const costQuery = new GetCostAndUsageCommand({
  TimePeriod: { Start: '2025-01-01', End: '2025-01-03' },
  Granularity: 'DAILY',
  Metrics: ['UnblendedCost'],
});
const putEvent = (id: string) =>
  new PutEventsCommand({
    Entries: [{ Source: 'reliability', DetailType: 'fault', Detail: JSON.stringify({ id }) }],
  });
const invokeEcho = (id: string) =>
  new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ id }) });

/** Settles `pending`, timing it; the error, if any, is kept as it came. */
async function outcomeOf(pending: Promise<unknown>) {
  const started = performance.now();
  const error = await pending.then(
    () => undefined,
    (failure: unknown) => failure as Error & { $metadata?: { attempts?: number } },
  );
  return { error, ms: elapsedMs(started) };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('service endpoint faults through the getters', () => {
  const local = useLocalAws({ functions: { echo: (event) => event } });
  useFreshCache({ against: () => local.endpoint });
  useReliabilityGuards();

  beforeEach(() => {
    jest.spyOn(Math, 'random').mockReturnValue(0.01);
  });
  afterEach(() => jest.restoreAllMocks());

  it('gives up on Cost Explorer throttling after 5 adaptive attempts, all counted at the endpoint', async () => {
    // Prepare
    const { stats, faults } = local.endpoint;
    const ce = getCostExplorerClient();
    faults.set('costexplorer', { throttleNext: 1000 });

    // Act
    const exhausted = await outcomeOf(ce.send(costQuery));

    // Assess: the waits come from the adaptive rate limiter, not the (pinned) jitter
    expect(exhausted.error?.name).toBe('LimitExceededException');
    expect(exhausted.error?.$metadata?.attempts).toBe(5);
    expect(stats.requests('CostExplorer.GetCostAndUsage')).toBe(5);
    reportFigures('cost explorer throttling (adaptive)', {
      requestsBeforeGivingUp: stats.requests('CostExplorer.GetCostAndUsage'),
      giveUpMs: exhausted.ms,
    });
  });

  it('retries EventBridge 5xx and stores each event once, or fails after 3 attempts storing none', async () => {
    // Prepare
    const { stats, state, faults } = local.endpoint;
    const events = getEventBridgeClient();
    faults.set('eventbridge', { failNext: 2, failStatus: 500 });

    // Act
    const recovered = await outcomeOf(events.send(putEvent('recovered')));
    faults.set('eventbridge', { failNext: 1000, failStatus: 503 });
    const outage = await outcomeOf(events.send(putEvent('lost')));

    // Assess: a 5xx here comes before the service stores anything
    expect(recovered.error).toBeUndefined();
    expect(outage.error?.name).toBe('ServiceUnavailable');
    expect(outage.error?.$metadata?.attempts).toBe(3);
    expect(stats.requests('EventBridge.PutEvents')).toBe(3 + 3);
    expect(state.events.map((event) => JSON.parse(String(event.entry.Detail)).id)).toEqual([
      'recovered',
    ]);
  });

  it('fails fast with a clear error when the endpoint refuses connections', async () => {
    // Prepare
    const port = await closedPort();
    const sts = getSTSClient({ additionalConfig: { endpoint: `https://127.0.0.1:${port}` } });

    // Act
    const refused = await outcomeOf(sts.send(new GetCallerIdentityCommand({})));

    // Assess: under jest the SDK wraps Node's error (another realm), keeping its text
    expect(refused.error?.message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(refused.error?.$metadata?.attempts).toBe(3);
    expect(refused.ms).toBeLessThan(2000);
    reportFigures('connection refused', { attempts: 3, ms: refused.ms });
  });

  it('cuts a response slower than the socket timeout after 3 attempts, but not a Lambda Invoke', async () => {
    // Prepare
    configureClientCache({ socketTimeoutMs: 200 });
    const { stats, state, faults } = local.endpoint;
    faults.set('s3', { latencyMs: 1000 });
    faults.set('lambda', { latencyMs: 1000 });
    const s3 = getS3Client({ additionalConfig: { forcePathStyle: true } });

    // Act
    const slowPut = await outcomeOf(
      s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'slow', Body: 'x' })),
    );
    const slowInvoke = await outcomeOf(getLambdaClient().send(invokeEcho('slow')));

    // Assess: S3 gave up; Lambda keeps its 30 s timeout, so the slow function ran once
    expect(slowPut.error?.name).toBe('TimeoutError');
    expect(slowPut.error?.message).toContain('timed out after 200 ms of inactivity');
    expect(slowPut.error?.$metadata?.attempts).toBe(3);
    expect(stats.requests('S3.PutObject')).toBe(3);
    expect(slowPut.ms).toBeLessThan(3 * 1000); // less than three answered requests would take
    expect(slowInvoke.error).toBeUndefined();
    expect(state.invocations).toHaveLength(1);
    reportFigures('socket timeout 200 ms vs 1000 ms latency', {
      s3Attempts: 3,
      s3Ms: slowPut.ms,
      s3ObjectsWrittenByCutRequests: stats.requests('S3.PutObject'),
      lambdaInvocations: state.invocations.length,
      lambdaMs: slowInvoke.ms,
    });
  });

  it('bounds a stalled TLS handshake by the socket timeout; the connection timeout covers TCP connect only', async () => {
    // Prepare
    const { stats, faults } = local.endpoint;
    faults.set('sts', { handshakeLatencyMs: 600 });
    configureClientCache({ connectionTimeoutMs: 100, socketTimeoutMs: 3000 });

    // Act
    const patient = await outcomeOf(getSTSClient().send(new GetCallerIdentityCommand({})));
    destroyClientCache(); // so the next request needs a new connection
    configureClientCache({ connectionTimeoutMs: 3000, socketTimeoutMs: 150 });
    const impatient = await outcomeOf(getSTSClient().send(new GetCallerIdentityCommand({})));

    // Assess
    expect(patient.error).toBeUndefined();
    expect(patient.ms).toBeGreaterThanOrEqual(600);
    expect(impatient.error?.name).toBe('TimeoutError');
    expect(impatient.error?.$metadata?.attempts).toBe(3);
    expect(stats.connections('sts')).toBe(1 + 3);
    expect(stats.handshakes('sts')).toBe(1);
    reportFigures('slow TLS handshake 600 ms', {
      connectionTimeout100msOutcome: 'succeeded',
      connectionTimeout100msMs: patient.ms,
      socketTimeout150msOutcome: impatient.error?.name,
      socketTimeout150msMs: impatient.ms,
      connectionsOpened: stats.connections('sts'),
    });
  });

  it('retries a response reset mid-body, and fails after 3 attempts when every one is', async () => {
    // Prepare
    const server = await startResetServer();
    try {
      const sts = getSTSClient({ additionalConfig: { endpoint: server.url } });
      server.resetNext(1);

      // Act
      const once = await outcomeOf(sts.send(new GetCallerIdentityCommand({})));
      const requestsForOne = server.requests();
      server.resetNext(1000);
      const always = await outcomeOf(sts.send(new GetCallerIdentityCommand({})));

      // Assess
      expect(once.error).toBeUndefined();
      expect(requestsForOne).toBe(2);
      expect(always.error?.message).toContain('aborted');
      expect(always.error?.$metadata?.attempts).toBe(3);
      expect(server.requests()).toBe(2 + 3);
      reportFigures('reset mid-body', { requestsForOneReset: 2, attemptsWhenAlways: 3 });
    } finally {
      await server.close();
    }
  });

  it('invokes a Lambda function exactly once per call after its pooled connections were dropped', async () => {
    // Prepare: 5 concurrent invokes leave 5 sockets in the pool
    const { stats, state, faults } = local.endpoint;
    const lambda = getLambdaClient();
    faults.set('lambda', { latencyMs: 30 });
    await Promise.all([0, 1, 2, 3, 4].map((i) => lambda.send(invokeEcho(`warm-${i}`))));
    faults.clear('lambda');
    const dropped = local.endpoint.dropIdleConnections('lambda');

    // Act: the function thaws and invokes 10 at once, then 5 in a row
    const burst = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => lambda.send(invokeEcho(`burst-${i}`))),
    );
    for (let i = 0; i < 5; i++) await lambda.send(invokeEcho(`seq-${i}`));

    // Assess: a reset request never reached the function, so its retry ran it once
    const ids = state.invocations.map((call) => (call.payload as { id: string }).id);
    expect(dropped).toBe(5);
    expect(burst.filter((result) => result.status === 'rejected')).toHaveLength(0);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    reportFigures('lambda after dropped idle connections', {
      dropped,
      resets: stats.resets('lambda'),
      invokeRequests: stats.requests('Lambda.Invoke'),
      invocations: ids.length,
    });
  });
});
