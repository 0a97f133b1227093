/**
 * P2 and P3: TLS handshakes and AssumeRole calls as roles, invocations and
 * concurrency grow. Exact counts from the local endpoint, not timings.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getS3Client } from 'aws-client-cache/s3';
import type { LocalAws } from '../local-aws/index.js';
import { freshStart, runConcurrently } from './local-endpoint.js';

export interface ScalingPoint {
  readonly roles: number;
  readonly invocations: number;
  readonly concurrency: number;
  readonly s3Handshakes: number;
  readonly stsHandshakes: number;
  readonly assumeRoleCalls: number;
  readonly maxAssumeRolePerRole: number;
}

async function measurePoint(
  endpoint: LocalAws,
  roles: number,
  invocations: number,
  concurrency: number,
): Promise<ScalingPoint> {
  freshStart(endpoint);
  const roleArns = Array.from(
    { length: roles },
    (_, i) => `arn:aws:iam::123456789012:role/tenant-${i}`,
  );
  await runConcurrently(invocations, concurrency, async (i) => {
    const s3 = getS3Client({
      roleArn: roleArns[i % roles],
      additionalConfig: { forcePathStyle: true },
    });
    await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `${i}`, Body: 'x' }));
  });
  const { stats } = endpoint;
  return {
    roles,
    invocations,
    concurrency,
    s3Handshakes: stats.handshakes('s3'),
    stsHandshakes: stats.handshakes('sts'),
    assumeRoleCalls: stats.assumeRoleCalls(),
    maxAssumeRolePerRole: Math.max(...roleArns.map((arn) => stats.assumeRoleCalls(arn))),
  };
}

/** The series: each dimension grown with the others held still. */
export async function measureScaling(endpoint: LocalAws, quick: boolean): Promise<ScalingPoint[]> {
  const invocations = quick ? 20 : 300;
  const points: [roles: number, invocations: number, concurrency: number][] = [
    [1, invocations, 4],
    [10, invocations, 4],
    [50, invocations, 4],
    [10, invocations, 1],
    [10, invocations, 16],
    [10, invocations * 2, 4],
    [1, 50, 50],
  ];
  const results: ScalingPoint[] = [];
  for (const [roles, count, concurrency] of points) {
    results.push(await measurePoint(endpoint, roles, count, concurrency));
  }
  return results;
}
