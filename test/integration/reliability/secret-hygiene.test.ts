/**
 * Security: no credential material in any key, log line (DEBUG included),
 * metric, trace or error. A representative workload against the local
 * endpoint (distinctive static credentials, roles with an external id,
 * evictions, expirations, a failed first assumption, expired and malformed
 * credentials, a metrics publish) runs with a DEBUG Powertools Logger,
 * Powertools Metrics and a recording tracer, with stdout and stderr
 * captured. Then every captured byte, every cache key, every trace record
 * and every error is scanned for each access key id, secret, session token
 * and external id, the AssumeRole-issued ones included.
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  type CredentialIdentity,
  configureClientCache,
  getClientCacheStats,
  getEventBridgeClient,
  getLambdaClient,
  getS3Client,
  getSTSClient,
  publishClientCacheMetrics,
  type SubsegmentLike,
  type TracerLike,
} from '../../../src/all.js';
import { defaultClientCache } from '../../../src/client-cache/default-cache.js';
import { LOCAL_AWS_IDENTITY } from '../../../tools/local-aws/services.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { captureDuring } from '../../support/capture-output.js';
import { createTestClock } from '../../support/clock.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { useReliabilityGuards } from '../../support/reliability-guards.js';
import { reportFigures } from '../../support/reliability-report.js';

const ROLE = 'arn:aws:iam::123456789012:role/hygiene';
const FAILING_ROLE = 'arn:aws:iam::123456789012:role/hygiene-sts-down';

function distinctive(): Required<Omit<CredentialIdentity, 'expiration'>> {
  return {
    accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `FwoGZXIvYXdzE${randomBytes(48).toString('base64')}`,
  };
}

/** A structural tracer that keeps everything the cache hands it, as text. */
function recordingTracer(records: string[]): TracerLike {
  const subsegment = (name: string): SubsegmentLike => ({
    addAnnotation: (key, value) => records.push(`${name} annotation ${key}=${String(value)}`),
    addMetadata: (key, value) => records.push(`${name} metadata ${key}=${inspect(value)}`),
    addError: (error) => records.push(`${name} error ${inspect(error, { depth: 5 })}`),
    close: () => records.push(`${name} closed`),
  });
  return {
    isTracingEnabled: () => true,
    getSegment: () => ({ addNewSubsegment: subsegment }),
    captureAWSv3Client: (client) => client,
  };
}

describe('secret hygiene across a representative workload', () => {
  const local = useLocalAws({ functions: { echo: (event) => event } });
  useFreshCache({ against: () => local.endpoint });
  useReliabilityGuards();

  it('writes no access key id, secret, session token or external id anywhere', async () => {
    // Prepare
    const statics = [distinctive(), distinctive(), distinctive()];
    const externalId = `ext-${randomBytes(12).toString('hex')}`;
    const traces: string[] = [];
    const thrown: unknown[] = [];
    const resolved: CredentialIdentity[] = [];
    const clock = createTestClock(Date.now());
    const [a, b, c] = statics as [CredentialIdentity, CredentialIdentity, CredentialIdentity];
    const pathStyle = { forcePathStyle: true };

    const metrics = new Metrics({ namespace: 'Hygiene', serviceName: 'hygiene' });

    // Act
    const { output } = await captureDuring(async () => {
      configureClientCache({
        logger: new Logger({ logLevel: 'DEBUG', serviceName: 'hygiene' }),
        metrics,
        tracer: recordingTracer(traces),
        traceHits: true,
        maxEntries: 2,
        ttlSeconds: 60,
        now: clock.now,
      });
      await getS3Client({ credentials: a, additionalConfig: pathStyle }).send(
        new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }),
      );
      await getEventBridgeClient({ credentials: b }).send(
        new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }),
      );
      const sts = getSTSClient({ credentials: c });
      await sts.send(new GetCallerIdentityCommand({}));
      getSTSClient({ credentials: c }); // a traced hit
      // Two role identities, then both again after their TTL: expirations, new clients on the
      // released (still valid) credential sets
      for (const round of [1, 2]) {
        for (const config of [{ roleArn: ROLE }, { roleArn: ROLE, externalId }]) {
          const lambda = getLambdaClient(config);
          await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: `${round}` }));
          resolved.push(await lambda.config.credentials());
        }
        clock.advance(61_000);
      }
      local.endpoint.faults.set('sts', { failNext: 1000 });
      await getLambdaClient({ roleArn: FAILING_ROLE })
        .send(new InvokeCommand({ FunctionName: 'echo' }))
        .catch((error: unknown) => thrown.push(error));
      local.endpoint.faults.clear('sts');
      const { accessKeyId, secretAccessKey, sessionToken } = a;
      for (const credentials of [
        { ...b, expiration: new Date(clock.now() - 1000) },
        { accessKeyId, secretAccessKey: 42 },
        { accessKeyId: '', secretAccessKey, sessionToken },
        { accessKeyId, secretAccessKey, sessionToken: 7 },
        secretAccessKey,
      ]) {
        try {
          getS3Client({ credentials } as never);
        } catch (error) {
          thrown.push(error);
        }
      }
      publishClientCacheMetrics();
      metrics.publishStoredMetrics();
    });

    // Assess
    const keys = defaultClientCache().keys();
    const errors = thrown.map((error) => {
      const chain = [inspect(error, { depth: 10 })];
      for (let link = error; link instanceof Error; link = link.cause) {
        chain.push(link.message, link.stack ?? '', JSON.stringify(link));
      }
      return chain.join('\n');
    });
    const scanned = [
      output.all,
      ...keys,
      ...traces,
      ...errors,
      JSON.stringify(getClientCacheStats()),
    ].join('\n');
    const issuedKeyIds = local.endpoint.state.issuedCredentials.map((issued) => issued.accessKeyId);
    const needles = [
      ...statics.flatMap((identity) => Object.values(identity)),
      ...resolved.flatMap((identity) => [identity.secretAccessKey, identity.sessionToken ?? '']),
      ...issuedKeyIds,
      externalId,
      LOCAL_AWS_IDENTITY.secretAccessKey,
    ];
    const logLines = output.all.split('\n').filter((line) => line.includes('"level"'));
    reportFigures('secret hygiene scan', {
      bytesScanned: scanned.length,
      secretsLookedFor: needles.length,
      logLines: logLines.length,
      traceRecords: traces.length,
      errors: thrown.length,
      emfLines: output.all.split('\n').filter((line) => line.includes('"_aws"')).length,
    });
    expect(issuedKeyIds).toHaveLength(2);
    expect(getClientCacheStats().expirations).toBe(2);
    expect(thrown).toHaveLength(6);
    expect(logLines.some((line) => line.includes('"level":"DEBUG"'))).toBe(true);
    expect(logLines.some((line) => line.includes('credential refresh failed'))).toBe(true);
    expect(traces.some((record) => record.includes('ClientCache.credentialRefresh'))).toBe(true);
    expect(output.all).toContain('"ClientCacheMiss"');
    const found = needles.flatMap((needle, index) => (scanned.includes(needle) ? [index] : []));
    expect(needles.filter((needle) => needle.length <= 8)).toEqual([]);
    expect(found).toEqual([]);
  });
});
