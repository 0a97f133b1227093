/**
 * Covers the EMF line the cache publishes, parsed from stdout and held to
 * the EMF specification: counts are aggregated (1,000 hits are one value of
 * 1000) and equal the stats; each publish carries only what happened since
 * the previous one; an idle invocation writes nothing; the size gauge and
 * creation times; `service` is the only dimension and no role ARN, account or
 * request id appears; and a user's own Metrics instance lends its namespace
 * and default dimensions.
 */

import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Metrics } from '@aws-lambda-powertools/metrics';
import fc from 'fast-check';
import {
  ClientCacheMetric,
  ClientCacheMetricUnit,
  clearClientCache,
  clientCacheMetrics,
  configureClientCache,
  getClientCacheSize,
  getClientCacheStats,
  getS3Client,
  publishClientCacheMetrics,
  withClientCacheMetrics,
} from '../../../src/all.js';
import { resetDefaultClientCache } from '../../../src/client-cache/default-cache.js';
import { captureDuring } from '../../support/capture-output.js';
import {
  COUNTERS,
  dimensionSets,
  type EmfDocument,
  metricDefinitions,
  metricValues,
  parseEmf,
} from '../../support/emf.js';
import { METRICS_ENV, useMetricsTestEnv } from '../../support/metrics-env.js';
import { propertyParameters } from '../../support/property-run.js';

const NAMESPACE = METRICS_ENV.POWERTOOLS_METRICS_NAMESPACE;
const SERVICE = METRICS_ENV.POWERTOOLS_SERVICE_NAME;
const REGIONS = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'us-west-1', 'us-west-2'] as const;

useMetricsTestEnv();

/** Runs `act` with stdout captured and returns the EMF documents it wrote. */
async function emfDuring(act: () => unknown): Promise<{ documents: EmfDocument[]; all: string }> {
  const { output } = await captureDuring(act);
  return { documents: parseEmf(output.stdout), all: output.all };
}

function onlyDocument(documents: EmfDocument[]): EmfDocument {
  expect(documents).toHaveLength(1);
  return documents[0] as EmfDocument;
}

/** A role ARN no test could produce by accident, with its account and name. */
function distinctiveRole(): { arn: string; account: string; name: string } {
  const account = String(randomInt(100_000_000_000, 999_999_999_999));
  const name = `LeakCheck${randomBytes(6).toString('hex')}`;
  return { arn: `arn:aws:iam::${account}:role/${name}`, account, name };
}

it('publishes 1,000 hits and 3 misses as one line with one value per counter', async () => {
  // Prepare
  configureClientCache({ maxEntries: 10 });
  for (const region of REGIONS.slice(0, 3)) getS3Client({ region });
  for (let call = 0; call < 1000; call++) getS3Client({ region: REGIONS[call % 3] });
  const after = getClientCacheStats();

  // Act
  const { documents, all } = await emfDuring(() => publishClientCacheMetrics());

  // Assess
  const line = onlyDocument(documents);
  expect(all.trim().split('\n')).toHaveLength(1);
  expect(line[ClientCacheMetric.Hit]).toBe(1000);
  expect(line[ClientCacheMetric.Miss]).toBe(3);
  for (const [metric, stat] of Object.entries(COUNTERS)) {
    expect({ metric, value: line[metric] }).toEqual({ metric, value: after[stat] });
  }
});

it('carries only what happened since the previous publish', async () => {
  // Prepare
  getS3Client({ region: 'eu-west-1' });
  for (let call = 0; call < 10; call++) getS3Client({ region: 'eu-west-1' });
  const first = await emfDuring(() => publishClientCacheMetrics());
  for (let call = 0; call < 5; call++) getS3Client({ region: 'eu-west-1' });

  // Act
  const second = await emfDuring(() => publishClientCacheMetrics());

  // Assess
  expect(onlyDocument(first.documents)).toMatchObject({ ClientCacheHit: 10, ClientCacheMiss: 1 });
  expect(onlyDocument(second.documents)).toMatchObject({ ClientCacheHit: 5, ClientCacheMiss: 0 });
  expect(metricValues(onlyDocument(second.documents), ClientCacheMetric.CreationTime)).toEqual([]);
});

it('publishes exactly the hits of each batch, for any sequence of batches', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ hits: fc.nat(40), region: fc.constantFrom(...REGIONS) }), {
        maxLength: 6,
      }),
      async (batches) => {
        // Prepare
        resetDefaultClientCache();
        configureClientCache({ maxEntries: REGIONS.length });
        for (const region of REGIONS) getS3Client({ region });
        await emfDuring(() => publishClientCacheMetrics());

        for (const { hits, region } of batches) {
          // Act
          for (let call = 0; call < hits; call++) getS3Client({ region });
          const { documents, all } = await emfDuring(() => publishClientCacheMetrics());

          // Assess
          if (hits === 0) expect(all).toBe('');
          else expect(onlyDocument(documents)[ClientCacheMetric.Hit]).toBe(hits);
        }
      },
    ),
    propertyParameters(40, 20261207),
  );
});

it('writes nothing and warns nothing for an invocation without cache activity', async () => {
  // Prepare
  const handler = withClientCacheMetrics(async () => 'done');
  const middleware = clientCacheMetrics();

  // Act
  const { output } = await captureDuring(async () => {
    publishClientCacheMetrics();
    await handler({}, {});
    await middleware.after();
    await middleware.onError();
  });

  // Assess
  expect(output.all).toBe('');
});

it('reports ClientCacheSize as the number of cached clients at publish time', async () => {
  // Prepare
  configureClientCache({ maxEntries: 10 });
  for (const region of REGIONS.slice(0, 4)) getS3Client({ region });
  const four = await emfDuring(() => publishClientCacheMetrics());
  clearClientCache();
  getS3Client({ region: 'eu-west-1' });

  // Act
  const one = await emfDuring(() => publishClientCacheMetrics());

  // Assess
  expect(onlyDocument(four.documents)[ClientCacheMetric.Size]).toBe(4);
  expect(onlyDocument(one.documents)[ClientCacheMetric.Size]).toBe(1);
  expect(getClientCacheSize()).toBe(1);
});

it('records one ClientCreationTime value per miss, in milliseconds, and every unit per the contract', async () => {
  // Prepare
  configureClientCache({ maxEntries: 10 });
  for (const region of REGIONS.slice(0, 3)) getS3Client({ region });
  for (let call = 0; call < 20; call++) getS3Client({ region: 'eu-west-1' });

  // Act
  const { documents } = await emfDuring(() => publishClientCacheMetrics());

  // Assess
  const line = onlyDocument(documents);
  const creationTimes = metricValues(line, ClientCacheMetric.CreationTime);
  expect(creationTimes).toHaveLength(3);
  for (const milliseconds of creationTimes) expect(milliseconds).toBeGreaterThanOrEqual(0);
  const units = Object.fromEntries(metricDefinitions(line).map(({ Name, Unit }) => [Name, Unit]));
  expect(units).toEqual(ClientCacheMetricUnit);
});

it('uses only the service dimension and never a role ARN, account or request id', async () => {
  // Prepare
  const roles = [distinctiveRole(), distinctiveRole(), distinctiveRole()];
  const awsRequestId = randomUUID();
  const handler = withClientCacheMetrics(async () => {
    for (const role of roles) getS3Client({ roleArn: role.arn, region: 'eu-west-1' });
    for (const role of roles) getS3Client({ roleArn: role.arn, region: 'eu-west-1' });
  });

  // Act
  const { documents, all } = await emfDuring(() => handler({}, { awsRequestId }));

  // Assess
  const line = onlyDocument(documents);
  expect(dimensionSets(line)).toEqual([['service']]);
  expect(line.service).toBe(SERVICE);
  expect(line._aws.CloudWatchMetrics.map((directive) => directive.Namespace)).toEqual([NAMESPACE]);
  const names = metricDefinitions(line).map(({ Name }) => Name);
  expect(Object.keys(line).sort()).toEqual(['_aws', 'service', ...names].sort());
  for (const leak of [
    awsRequestId,
    ...roles.flatMap((role) => [role.arn, role.account, role.name]),
  ]) {
    expect(all).not.toContain(leak);
  }
});

describe("with the user's own Metrics instance", () => {
  function userMetrics(): Metrics {
    return new Metrics({
      namespace: 'UserNs',
      serviceName: 'user-svc',
      defaultDimensions: { env: 'test' },
    });
  }

  function expectUserLine(line: EmfDocument): void {
    expect(line._aws.CloudWatchMetrics.map((directive) => directive.Namespace)).toEqual(['UserNs']);
    expect(dimensionSets(line).map((set) => [...set].sort())).toEqual([['env', 'service']]);
    expect(line).toMatchObject({ service: 'user-svc', env: 'test', ClientCacheMiss: 1 });
  }

  it('adds to the instance given to configureClientCache and leaves its flush to the user', async () => {
    // Prepare
    const metrics = userMetrics();
    configureClientCache({ metrics });
    getS3Client({ region: 'eu-west-1' });

    // Act
    const publishOnly = await emfDuring(() => publishClientCacheMetrics());
    const { documents } = await emfDuring(() => metrics.publishStoredMetrics());

    // Assess
    expect(publishOnly.documents).toEqual([]);
    expectUserLine(onlyDocument(documents));
  });

  it('flushes your instance from the plain wrapper, which owns the end of your handler', async () => {
    // Prepare
    const metrics = userMetrics();
    const handler = withClientCacheMetrics(
      async () => {
        getS3Client({ region: 'eu-west-1' });
        metrics.addMetric('Orders', 'Count', 3);
        return 'done';
      },
      { metrics },
    );

    // Act
    const { documents } = await emfDuring(() => handler({}, {}));

    // Assess: one line, yours and the cache's together
    const line = onlyDocument(documents);
    expectUserLine(line);
    expect(line.Orders).toBe(3);
  });

  it("adds to the instance given as the argument, beside the user's own metric, for one line", async () => {
    // Prepare
    const metrics = userMetrics();
    metrics.addMetric('Orders', 'Count', 2);
    getS3Client({ region: 'eu-west-1' });

    // Act
    const publishOnly = await emfDuring(() => publishClientCacheMetrics(metrics));
    const { documents } = await emfDuring(() => metrics.publishStoredMetrics());

    // Assess
    expect(publishOnly.documents).toEqual([]);
    const line = onlyDocument(documents);
    expectUserLine(line);
    expect(line.Orders).toBe(2);
  });
});
