/**
 * Covers the wire protocols of the local AWS endpoint (tools/local-aws): real SDK v3
 * clients, over real TLS sockets, round-trip the operations of STS, EventBridge, Cost Explorer
 * and Lambda, and find the endpoint through the env it publishes. S3 is covered by
 * s3.test.ts, counters and faults by faults.test.ts. Run with
 * NODE_EXTRA_CA_CERTS=tools/local-aws/certs/ca.pem.
 */
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { localClientConfig, objectKey } from '../../../../tools/local-aws/index.js';
import { useLocalAws } from '../../../../tools/local-aws/use-local-aws.js';
import { isolateEnv, setEnv } from '../../../support/env.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/report-reader';
const START = Date.parse('2030-01-01T00:00:00Z');

describe('local AWS endpoint protocols', () => {
  let nowMs = START;
  const local = useLocalAws({
    now: () => nowMs,
    functions: {
      'double-it': (event) => ({ doubled: (event as { value: number }).value * 2 }),
      'always-fails': () => {
        throw new RangeError('value out of range');
      },
    },
  });
  const track = local.track;
  const sts = () => track(new STSClient(localClientConfig(local.endpoint, 'sts')));

  beforeEach(() => {
    nowMs = START;
  });

  describe('STS', () => {
    it('issues fresh credentials that expire after the configured lifetime', async () => {
      // Prepare
      local.endpoint.faults.set('sts', { credentialsLifetimeSeconds: 900 });
      const client = sts();
      const assume = () =>
        client.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'reader' }));

      // Act
      const first = await assume();
      const second = await assume();

      // Assess
      expect(first.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(second.Credentials?.AccessKeyId).not.toBe(first.Credentials?.AccessKeyId);
      expect(first.Credentials?.Expiration?.getTime()).toBe(START + 900_000);
      expect(first.AssumedRoleUser?.Arn).toBe(
        'arn:aws:sts::123456789012:assumed-role/report-reader/reader',
      );
      expect(local.endpoint.stats.assumeRoleCalls(ROLE_ARN)).toBe(2);
    });

    it('honours DurationSeconds, defaults to an hour and can issue already expired credentials', async () => {
      // Prepare
      const client = sts();
      const assume = (DurationSeconds?: number) =>
        client.send(
          new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 's', DurationSeconds }),
        );

      // Act
      const requested = await assume(1800);
      const defaulted = await assume();
      local.endpoint.faults.set('sts', { credentialsLifetimeSeconds: -60 });
      const expired = await assume(1800);

      // Assess
      expect(requested.Credentials?.Expiration?.getTime()).toBe(START + 1_800_000);
      expect(defaulted.Credentials?.Expiration?.getTime()).toBe(START + 3_600_000);
      expect(expired.Credentials?.Expiration?.getTime()).toBe(START - 60_000);
    });

    it('names the assumed role as the caller of requests signed with its credentials', async () => {
      // Prepare
      const { Credentials } = await sts().send(
        new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'me' }),
      );
      const { AccessKeyId = '', SecretAccessKey = '', SessionToken } = Credentials ?? {};
      const assumed = track(
        new STSClient({
          ...localClientConfig(local.endpoint, 'sts'),
          credentials: {
            accessKeyId: AccessKeyId,
            secretAccessKey: SecretAccessKey,
            sessionToken: SessionToken,
          },
        }),
      );

      // Act
      const identity = await assumed.send(new GetCallerIdentityCommand({}));

      // Assess
      expect(identity.Arn).toBe('arn:aws:sts::123456789012:assumed-role/report-reader/me');
      expect(identity.Account).toBe('123456789012');
    });
  });

  describe('EventBridge', () => {
    it('stores accepted entries and reports an injected per-entry failure', async () => {
      // Prepare
      local.endpoint.faults.set('eventbridge', { failEntries: 1 });
      const client = track(new EventBridgeClient(localClientConfig(local.endpoint, 'eventbridge')));
      const entry = { Source: 'app.reports', DetailType: 'ReportReady', Detail: '{"id":1}' };

      // Act
      const result = await client.send(
        new PutEventsCommand({ Entries: [entry, { ...entry, Detail: '{"id":2}' }] }),
      );

      // Assess
      expect(result.FailedEntryCount).toBe(1);
      expect(result.Entries?.[0]).toMatchObject({ ErrorCode: 'InternalFailure' });
      expect(result.Entries?.[1]?.EventId).toBe(local.endpoint.state.events[0]?.eventId);
      expect(local.endpoint.state.events.map((event) => event.entry.Detail)).toEqual(['{"id":2}']);
    });
  });

  describe('Cost Explorer', () => {
    it('splits GetCostAndUsage over the configured number of pages', async () => {
      // Prepare
      local.endpoint.settings.costExplorerPages = 3;
      const client = track(
        new CostExplorerClient(localClientConfig(local.endpoint, 'costexplorer')),
      );
      const periods: string[] = [];
      let pages = 0;
      let NextPageToken: string | undefined;

      // Act
      do {
        const page = await client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: '2030-01-01', End: '2030-01-07' },
            Granularity: 'DAILY',
            Metrics: ['UnblendedCost'],
            GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
            NextPageToken,
          }),
        );
        pages += 1;
        periods.push(...(page.ResultsByTime ?? []).map((result) => result.TimePeriod?.Start ?? ''));
        expect(page.ResultsByTime?.[0]?.Groups).toHaveLength(3);
        NextPageToken = page.NextPageToken;
      } while (NextPageToken);

      // Assess
      expect(pages).toBe(3);
      expect(periods).toEqual([
        '2030-01-01',
        '2030-01-02',
        '2030-01-03',
        '2030-01-04',
        '2030-01-05',
        '2030-01-06',
      ]);
      expect(local.endpoint.stats.requests('CostExplorer.GetCostAndUsage')).toBe(3);
    });
  });

  describe('Lambda', () => {
    it('returns the registered handler result, found by name or by ARN', async () => {
      // Prepare
      const client = track(new LambdaClient(localClientConfig(local.endpoint, 'lambda')));
      const payload = new TextEncoder().encode('{"value":21}');

      // Act
      const byName = await client.send(
        new InvokeCommand({ FunctionName: 'double-it', Payload: payload }),
      );
      const byArn = await client.send(
        new InvokeCommand({
          FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:double-it',
          Payload: payload,
        }),
      );

      // Assess
      for (const response of [byName, byArn]) {
        expect(response.FunctionError).toBeUndefined();
        expect(JSON.parse(new TextDecoder().decode(response.Payload))).toEqual({ doubled: 42 });
      }
      expect(local.endpoint.state.invocations.map(({ functionName }) => functionName)).toEqual([
        'double-it',
        'double-it',
      ]);
    });

    it('reports a handler that throws as an Unhandled function error', async () => {
      // Prepare
      const client = track(new LambdaClient(localClientConfig(local.endpoint, 'lambda')));

      // Act
      const response = await client.send(new InvokeCommand({ FunctionName: 'always-fails' }));

      // Assess
      expect(response.StatusCode).toBe(200);
      expect(response.FunctionError).toBe('Unhandled');
      expect(JSON.parse(new TextDecoder().decode(response.Payload))).toMatchObject({
        errorType: 'RangeError',
        errorMessage: 'value out of range',
      });
    });
  });

  describe('configuration', () => {
    isolateEnv();

    it('serves default-configured clients through the env it publishes', async () => {
      // Prepare
      setEnv(local.endpoint.env);

      // Act
      const identity = await track(new STSClient({})).send(new GetCallerIdentityCommand({}));
      await track(new S3Client({ forcePathStyle: true })).send(
        new PutObjectCommand({ Bucket: 'env', Key: 'k', Body: 'via env' }),
      );
      const costs = await track(new CostExplorerClient({})).send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2030-01-01', End: '2030-03-01' },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
        }),
      );

      // Assess
      expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/local-aws');
      expect(costs.ResultsByTime).toHaveLength(2);
      expect(local.endpoint.state.objects.get(objectKey('env', 'k'))?.body.toString()).toBe(
        'via env',
      );
    });
  });
});
