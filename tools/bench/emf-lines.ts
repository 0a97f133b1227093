/**
 * P5: EMF lines the cache writes per invocation, counted from stdout while
 * a wrapped handler runs invocations that hit, miss and send.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getS3Client, withClientCacheMetrics } from 'aws-client-cache/all';
import type { LocalAws } from '../local-aws/index.js';
import { freshStart } from './local-endpoint.js';

export interface EmfLinesResult {
  readonly invocations: number;
  readonly emfLines: number;
}

export async function measureEmfLines(
  endpoint: LocalAws,
  invocations: number,
): Promise<EmfLinesResult> {
  freshStart(endpoint);
  process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'AwsClientCacheBench';
  process.env.POWERTOOLS_SERVICE_NAME ??= 'bench';
  const handler = withClientCacheMetrics(async (index: number) => {
    const s3 = getS3Client({
      roleArn: `arn:aws:iam::123456789012:role/tenant-${index % 5}`,
      additionalConfig: { forcePathStyle: true },
    });
    await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `${index}`, Body: 'x' }));
  });
  let emfLines = 0;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    emfLines += String(chunk)
      .split('\n')
      .filter((line) => line.includes('"_aws"')).length;
    return write(chunk.toString().includes('"_aws"') ? '' : chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    for (let i = 0; i < invocations; i++) await handler(i, undefined);
  } finally {
    process.stdout.write = write;
  }
  return { invocations, emfLines };
}
