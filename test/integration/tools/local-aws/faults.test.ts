/**
 * Covers the counters and injected faults of the local AWS endpoint
 * (tools/local-aws), as real SDK v3 clients experience them over real TLS sockets:
 * exact connection, handshake and request counts; throttling and 5xx errors in each service's
 * wire format, retried by the SDK; keep-alive sockets dropped while idle; held requests; and
 * handshake latency. Run with NODE_EXTRA_CA_CERTS=tools/local-aws/certs/ca.pem.
 */
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  localClientConfig,
  SERVICE_NAMES,
  type ServiceName,
  THROTTLING_ERRORS,
} from '../../../../tools/local-aws/index.js';
import { useLocalAws } from '../../../../tools/local-aws/use-local-aws.js';

describe('local AWS endpoint counters and faults', () => {
  const local = useLocalAws({ functions: { 'double-it': (event) => event } });
  const s3 = (maxAttempts?: number) =>
    local.track(new S3Client({ ...localClientConfig(local.endpoint, 's3'), maxAttempts }));
  const sts = () => local.track(new STSClient(localClientConfig(local.endpoint, 'sts')));

  /** One cheap call per service, on a client that does not retry. */
  const callOnce: Record<ServiceName, () => Promise<unknown>> = {
    sts: () =>
      local
        .track(new STSClient({ ...localClientConfig(local.endpoint, 'sts'), maxAttempts: 1 }))
        .send(new GetCallerIdentityCommand({})),
    s3: () => s3(1).send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' })),
    eventbridge: () =>
      local
        .track(
          new EventBridgeClient({
            ...localClientConfig(local.endpoint, 'eventbridge'),
            maxAttempts: 1,
          }),
        )
        .send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] })),
    costexplorer: () =>
      local
        .track(
          new CostExplorerClient({
            ...localClientConfig(local.endpoint, 'costexplorer'),
            maxAttempts: 1,
          }),
        )
        .send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: '2030-01-01', End: '2030-01-02' },
            Granularity: 'DAILY',
            Metrics: ['UnblendedCost'],
          }),
        ),
    lambda: () =>
      local
        .track(new LambdaClient({ ...localClientConfig(local.endpoint, 'lambda'), maxAttempts: 1 }))
        .send(new InvokeCommand({ FunctionName: 'double-it', Payload: '{}' })),
  };

  it('counts one connection and one handshake for five sequential calls on one client', async () => {
    // Prepare
    const client = sts();

    // Act
    for (let call = 0; call < 5; call += 1) {
      await client.send(new GetCallerIdentityCommand({}));
    }

    // Assess
    expect(local.endpoint.stats.connections('sts')).toBe(1);
    expect(local.endpoint.stats.handshakes('sts')).toBe(1);
    expect(local.endpoint.stats.handshakes()).toBe(1);
    expect(local.endpoint.stats.requests('STS.GetCallerIdentity')).toBe(5);
  });

  it.each(SERVICE_NAMES)(
    'answers injected throttling with the real %s throttling error',
    async (service) => {
      // Prepare
      local.endpoint.faults.set(service, { throttleNext: 1 });

      // Act
      const call = callOnce[service]();

      // Assess
      await expect(call).rejects.toMatchObject({
        name: THROTTLING_ERRORS[service].code,
        $metadata: { httpStatusCode: THROTTLING_ERRORS[service].status },
      });
      expect(local.endpoint.faults.get(service).throttleNext).toBe(0);
    },
  );

  it.each([
    ['throttling', { throttleNext: 1 }],
    ['an HTTP 500', { failNext: 1 }],
    ['an HTTP 503', { failNext: 1, failStatus: 503 }],
  ])('counts the SDK retry after %s', async (_, faults) => {
    // Prepare
    local.endpoint.faults.set('s3', faults);

    // Act
    const result = await s3().send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));

    // Assess
    expect(result.$metadata.attempts).toBe(2);
    expect(local.endpoint.stats.requests('S3.PutObject')).toBe(2);
    expect(local.endpoint.state.objects.size).toBe(1);
  });

  it('resets a keep-alive connection dropped while idle, so the next call fails with ECONNRESET', async () => {
    // Prepare
    const client = s3(1);
    await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));

    // Act
    const dropped = local.endpoint.dropIdleConnections('s3');
    const staleCall = client.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));

    // Assess
    expect(dropped).toBe(1);
    // Under jest the SDK wraps Node's socket error (another realm's Error), keeping its message.
    await expect(staleCall).rejects.toThrow(/ECONNRESET/);
    await client.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }));
    expect(local.endpoint.stats.resets('s3')).toBe(1);
    expect(local.endpoint.stats.handshakes('s3')).toBe(2);
    // The client's agent resumes the TLS session it cached from the dropped connection.
    expect(local.endpoint.stats.resumedHandshakes('s3')).toBe(1);
    expect(local.endpoint.stats.requests('S3.GetObject')).toBe(0);
  });

  it('lets a retrying client reconnect after its idle connection was dropped', async () => {
    // Prepare
    const client = s3();
    await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));
    local.endpoint.dropIdleConnections();

    // Act
    const result = await client.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }));

    // Assess
    expect(result.$metadata.attempts).toBe(2);
    expect(local.endpoint.stats.resets('s3')).toBe(1);
    expect(local.endpoint.stats.connections('s3')).toBe(2);
  });

  it('holds a request in flight until released', async () => {
    // Prepare
    local.endpoint.faults.set('lambda', { holdResponses: true });
    const client = local.track(new LambdaClient(localClientConfig(local.endpoint, 'lambda')));

    // Act
    const pending = client.send(
      new InvokeCommand({ FunctionName: 'double-it', Payload: '{"value":1}' }),
    );
    await local.endpoint.faults.waitForHeld('lambda');
    const invokedWhileHeld = local.endpoint.state.invocations.length;
    const released = local.endpoint.faults.releaseHeld('lambda');

    // Assess
    expect(invokedWhileHeld).toBe(0);
    expect(released).toBe(1);
    expect((await pending).StatusCode).toBe(200);
    expect(local.endpoint.state.invocations).toHaveLength(1);
  });

  it('delays only new connections by the handshake latency', async () => {
    // Prepare
    local.endpoint.faults.set('sts', { handshakeLatencyMs: 300 });
    const client = sts();
    const timed = async () => {
      const started = performance.now();
      await client.send(new GetCallerIdentityCommand({}));
      return performance.now() - started;
    };

    // Act
    const firstMs = await timed();
    const secondMs = await timed();

    // Assess
    expect(firstMs).toBeGreaterThanOrEqual(290);
    expect(secondMs).toBeLessThan(300);
  });

  it('delays every response by the response latency', async () => {
    // Prepare
    local.endpoint.faults.set('sts', { latencyMs: 150 });
    const client = sts();
    await client.send(new GetCallerIdentityCommand({}));

    // Act
    const started = performance.now();
    await client.send(new GetCallerIdentityCommand({}));
    const elapsedMs = performance.now() - started;

    // Assess
    expect(elapsedMs).toBeGreaterThanOrEqual(140);
  });

  it('rejects a fault setting outside its range, naming the field', () => {
    // Act
    const setting = () => local.endpoint.faults.set('s3', { failStatus: 404 });

    // Assess
    expect(setting).toThrow('`failStatus` must be an integer from 500 to 599, got "404"');
  });
});
