/**
 * Covers the shared keep-alive pool and role-keyed credentials against the
 * local AWS endpoint with real sockets: handshake and AssumeRole counts as
 * roles, services and concurrency grow.
 */

import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  getClientCacheStats,
  getCostExplorerClient,
  getEventBridgeClient,
  getS3Client,
} from '../../../src/all.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const roleArn = (n: number): string => `arn:aws:iam::123456789012:role/tenant-${n}`;
const pathStyle = { forcePathStyle: true };

describe('shared pool and role credentials', () => {
  const local = useLocalAws();
  useFreshCache({ against: () => local.endpoint });

  it('makes one AssumeRole per role and reuses S3 connections across 20 roles', async () => {
    // Prepare
    const { stats } = local.endpoint;

    // Act: 5 rounds, each putting one object for each of 20 roles, in sequence
    for (let round = 0; round < 5; round++) {
      for (let tenant = 0; tenant < 20; tenant++) {
        const s3 = getS3Client({ roleArn: roleArn(tenant), additionalConfig: pathStyle });
        await s3.send(
          new PutObjectCommand({ Bucket: 'reports', Key: `${tenant}/${round}`, Body: 'x' }),
        );
      }
    }

    // Assess
    expect(stats.assumeRoleCalls()).toBe(20);
    for (let tenant = 0; tenant < 20; tenant++)
      expect(stats.assumeRoleCalls(roleArn(tenant))).toBe(1);
    expect(stats.requests('S3.PutObject')).toBe(100);
    expect(stats.handshakes('s3')).toBeLessThanOrEqual(2);
    expect(stats.handshakes('sts')).toBeLessThanOrEqual(2);
    const cache = getClientCacheStats();
    expect(cache.requestsSent / cache.connectionsOpened).toBeGreaterThan(25);
  });

  it('shares one credential set between the S3, EventBridge and Cost Explorer clients of a role', async () => {
    // Prepare
    const role = { roleArn: roleArn(1) };

    // Act
    await Promise.all([
      getS3Client({ ...role, additionalConfig: pathStyle }).send(
        new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }),
      ),
      getEventBridgeClient(role).send(
        new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }),
      ),
      getCostExplorerClient({ ...role, region: 'us-east-1' }).send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-01-01', End: '2026-02-01' },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
        }),
      ),
    ]);

    // Assess
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(1))).toBe(1);
  });

  it('makes exactly one AssumeRole for 50 concurrent first calls of one role', async () => {
    // Prepare
    const calls = Array.from({ length: 50 }, (_, i) =>
      getS3Client({ roleArn: roleArn(7), additionalConfig: pathStyle }).send(
        new PutObjectCommand({ Bucket: 'b', Key: `k${i}`, Body: 'x' }),
      ),
    );

    // Act
    const results = await Promise.allSettled(calls);

    // Assess
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(0);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(7))).toBe(1);
    expect(getClientCacheStats().credentialRefreshes).toBe(1);
  });
});
