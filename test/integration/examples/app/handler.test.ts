/**
 * Covers the lease-costs handler end to end against the local AWS endpoint (real SDK clients,
 * real sockets): the leases function invoked, the CSV stored with its checksum, the event
 * announced, one AssumeRole per role, and each failing step surfacing as its typed error.
 *
 * In-process tests drive the handler's body (`createLeaseCostsProcessor` with the cached modules).
 * The middy-wrapped handler runs in a child process, as `examples/demo/workload.ts` runs it: `@middy/core`
 * 6 is ESM-only, which jest (CommonJS transform, Node 20) cannot load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { readLeaseCostsConfig } from '../../../../examples/app/config.js';
import {
  EventPublishError,
  LeaseApiError,
  LeaseNotFoundError,
} from '../../../../examples/app/errors.js';
import { cachedModules, createLeaseCostsProcessor } from '../../../../examples/app/lease-costs.js';
import { assumeCostExplorerRole } from '../../../../examples/app/lib/assume-role.js';
import { encodeLeaseId } from '../../../../examples/app/lib/isb-api-client.js';
import {
  DEMO_APP_ENV,
  demoLeaseEvent,
  demoRoleArn,
  leasesFunction,
} from '../../../../examples/demo/leases.js';
import type { WorkloadMessage } from '../../../../examples/demo/workload-protocol.js';
import { objectKey } from '../../../../tools/local-aws/index.js';
import { useLocalAws } from '../../../../tools/local-aws/use-local-aws.js';
import { metricSum, parseEmf } from '../../../support/emf.js';
import { useFreshCache } from '../../../support/fresh-cache.js';

const config = readLeaseCostsConfig(DEMO_APP_ENV);
const quiet = { info: () => undefined, warn: () => undefined };

function processor() {
  const metrics: Array<[string, number]> = [];
  const run = createLeaseCostsProcessor(config, cachedModules(config), {
    logger: quiet,
    metrics: { addMetric: (name, _unit, value) => metrics.push([name, value]) },
  });
  return { run, metrics };
}

describe('lease-costs handler against the local AWS endpoint', () => {
  const local = useLocalAws({ functions: { leases: leasesFunction }, costExplorerPages: 2 });
  useFreshCache({ against: () => local.endpoint });

  afterEach(() => {
    local.endpoint.functions.set('leases', leasesFunction);
  });

  it('invokes the leases function, stores the CSV with its checksum and announces it', async () => {
    // Prepare
    const event = demoLeaseEvent(3, 2);
    const { run, metrics } = processor();

    // Act
    const result = await run(event);

    // Assess
    const { state, stats } = local.endpoint;
    expect(state.invocations).toHaveLength(1);
    expect(state.invocations[0]).toMatchObject({
      functionName: 'leases',
      payload: {
        pathParameters: {
          leaseId: encodeLeaseId({ userEmail: event.userEmail, uuid: event.leaseId }),
        },
      },
    });
    const stored = state.objects.get(objectKey(config.bucketName, `${event.leaseId}.csv`));
    const csv = stored?.body.toString('utf8') ?? '';
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe('Service,UsageType,Cost');
    expect(rows.length).toBeGreaterThan(0);
    expect(stored?.checksums['x-amz-checksum-sha256']).toBeDefined();
    const csvTotal = rows.reduce((sum, row) => sum + Number(row.split(',').at(-1)), 0);
    expect(csvTotal).toBeCloseTo(result.totalCost, 1);
    expect(state.events).toHaveLength(1);
    const entry = state.events[0]?.entry;
    expect(entry).toMatchObject({
      EventBusName: 'isb-events',
      Source: 'isb-costs',
      DetailType: 'LeaseCostsGenerated',
    });
    expect(JSON.parse(String(entry?.Detail))).toEqual({
      leaseId: event.leaseId,
      accountId: event.accountId,
      totalCost: result.totalCost,
      currency: 'USD',
      startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      csvUrl: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+\/.+X-Amz-Expires=604800/),
      csvS3Uri: `s3://${config.bucketName}/${event.leaseId}.csv`,
      csvChecksumSha256: stored?.checksums['x-amz-checksum-sha256'],
      partial: false,
    });
    expect(result.eventId).toBe(state.events[0]?.eventId);
    expect(stats.requests('CostExplorer.GetCostAndUsage')).toBe(2);
    expect(metrics).toContainEqual(['CostExplorerPages', 2]);
  });

  it('assumes each role once across leases, and hands out that same session raw', async () => {
    // Prepare
    const { run } = processor();
    const { stats, state } = local.endpoint;

    // Act
    for (let index = 0; index < 6; index++) await run(demoLeaseEvent(index, 2));
    const credentials = await assumeCostExplorerRole(demoRoleArn(0));

    // Assess
    expect(state.objects.size).toBe(6);
    expect(stats.assumeRoleCalls()).toBe(2);
    expect(stats.assumeRoleCalls(demoRoleArn(0))).toBe(1);
    const issued = state.issuedCredentials.find((issue) => issue.roleArn === demoRoleArn(0));
    expect(credentials.accessKeyId).toBe(issued?.accessKeyId);
  });

  it('fails with EventPublishError when EventBridge refuses the entry, after storing the CSV', async () => {
    // Prepare
    local.endpoint.faults.set('eventbridge', { failEntries: 1 });
    const event = demoLeaseEvent(1, 1);

    // Act
    const failure = processor().run(event);

    // Assess
    await expect(failure).rejects.toThrow(EventPublishError);
    expect(
      local.endpoint.state.objects.has(objectKey(config.bucketName, `${event.leaseId}.csv`)),
    ).toBe(true);
    expect(local.endpoint.state.events).toHaveLength(0);
  });

  it('fails with LeaseApiError when the leases function throws, storing nothing', async () => {
    // Prepare
    local.endpoint.functions.set('leases', () => {
      throw new Error('leases table unavailable');
    });

    // Act
    const failure = processor().run(demoLeaseEvent(2, 1));

    // Assess
    await expect(failure).rejects.toThrow(LeaseApiError);
    await expect(failure).rejects.toMatchObject({ functionError: 'Unhandled' });
    expect(local.endpoint.state.objects.size).toBe(0);
  });

  it('fails with LeaseNotFoundError for a lease the sandbox API does not know', async () => {
    // Act
    const failure = processor().run({
      ...demoLeaseEvent(2, 1),
      leaseId: '00000000-0000-4000-8000-000000000000',
    });

    // Assess
    await expect(failure).rejects.toThrow(LeaseNotFoundError);
  });

  it('writes one EMF line per invocation from the middy handler, the cache’s figures included', async () => {
    // Prepare
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'examples/demo/workload.ts', '--mode', 'cache', '--roles', '2'],
      {
        env: {
          ...process.env,
          ...local.endpoint.env,
          ...DEMO_APP_ENV,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        cwd: resolve(__dirname, '../../../..'),
      },
    );
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    const messages: WorkloadMessage[] = [];
    child.on('message', (message: WorkloadMessage) => messages.push(message));
    const next = async (type: WorkloadMessage['type']) => {
      while (!messages.some((message) => message.type === type)) await once(child, 'message');
      return messages.find((message) => message.type === type);
    };

    // Act
    let batch: WorkloadMessage | undefined;
    try {
      await next('ready');
      child.send({ type: 'run', from: 0, to: 3, concurrency: 1 });
      batch = await next('batch');
      const closed = once(child, 'close');
      child.send({ type: 'finish' });
      await closed;
    } finally {
      if (child.exitCode === null) child.kill();
    }

    // Assess
    expect(batch).toMatchObject({ errors: 0 });
    expect(local.endpoint.state.objects.size).toBe(3);
    expect(local.endpoint.state.events).toHaveLength(3);
    const documents = parseEmf(stdout);
    expect(documents).toHaveLength(3);
    for (const document of documents)
      expect(metricSum(document, 'LeaseCostReportGenerated')).toBe(1);
    const total = (name: string) =>
      documents.reduce((sum, document) => sum + metricSum(document, name), 0);
    // Five getter calls per invocation: Lambda, Cost Explorer, S3 upload, S3 presign, EventBridge.
    // Five distinct clients over the three invocations; every other call hits.
    expect(total('ClientCacheMiss')).toBe(5);
    expect(total('ClientCacheHit')).toBe(3 * 5 - 5);
  });
});
