/**
 * P7, in its own process (started with --expose-gc and the test CA): heap
 * after GC at steady state, then after 10,000 roles churn through a cache of
 * 100, and the most sockets the pool held at once. Prints one JSON line.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { configureClientCache, getClientCacheStats, getS3Client } from 'aws-client-cache/all';
import { startBenchEndpoint } from './local-endpoint.js';

const roles = Number(process.argv[2] ?? 10_000);
const maxEntries = 100;
const maxSockets = 10;
const gc = globalThis.gc as () => void;

const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const endpoint = await startBenchEndpoint();
configureClientCache({ maxEntries, maxSockets, logger: { debug: () => {}, warn: () => {} } });
let peakSockets = 0;

async function churn(from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 500) {
    const sends: Promise<unknown>[] = [];
    for (let tenant = start; tenant < Math.min(to, start + 500); tenant++) {
      const s3 = getS3Client({
        roleArn: `arn:aws:iam::123456789012:role/churn-${tenant}`,
        additionalConfig: { forcePathStyle: true },
      });
      if (tenant % 50 === 0)
        sends.push(s3.send(new PutObjectCommand({ Bucket: 'b', Key: `${tenant}`, Body: 'x' })));
    }
    await Promise.all(sends);
    peakSockets = Math.max(peakSockets, getClientCacheStats().openSockets);
  }
}

// Steady state: the cache full, every entry used, the pool warm.
await churn(0, maxEntries);
await churn(0, maxEntries);
const steadyHeap = heapAfterGc();
await churn(maxEntries, maxEntries + roles);
const churnedHeap = heapAfterGc();
console.log(
  JSON.stringify({
    roles,
    maxEntries,
    maxSockets,
    steadyHeap,
    churnedHeap,
    peakSockets,
    endpoints: 2,
  }),
);
await endpoint.stop();
process.exit(0);
