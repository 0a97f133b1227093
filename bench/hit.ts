/**
 * P4: what a getter hit costs, against a bare lru-cache `get` and against
 * building the client, measured interleaved in one run (medians of rounds).
 * Usage: npm run bench:hit [-- --rounds 15 --iterations 200000]
 */
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { getS3Client } from 'aws-client-cache';
import { LRUCache } from 'lru-cache';
import { median, nsPerOp } from './timing.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    iterations: { type: 'string', default: '200000' },
  },
});
const rounds = Number(values.rounds);
const iterations = Number(values.iterations);
const roleArn = 'arn:aws:iam::123456789012:role/Reports';

export function measureHitPath(): {
  lruNs: number;
  hitNs: number;
  buildNs: number;
  spread: string;
} {
  const lru = new LRUCache<string, object>({ max: 100 });
  const key = `S3:us-east-1:${roleArn}:none`;
  lru.set(key, {});
  getS3Client({ region: 'us-east-1', roleArn }); // the one miss
  let sink: unknown;
  const lruRuns: number[] = [];
  const hitRuns: number[] = [];
  const buildRuns: number[] = [];
  const lookup = () => {
    sink = lru.get(key);
  };
  // A fresh options literal per call, as a handler writes it.
  const hit = () => {
    sink = getS3Client({ region: 'us-east-1', roleArn });
  };
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so neither always runs on a warmer (or fuller) heap.
    if (round % 2 === 0) {
      lruRuns.push(nsPerOp(iterations, lookup));
      hitRuns.push(nsPerOp(iterations, hit));
    } else {
      hitRuns.push(nsPerOp(iterations, hit));
      lruRuns.push(nsPerOp(iterations, lookup));
    }
  }
  // Builds allocate heavily; measured after, so their garbage is not collected inside the hit rounds.
  for (let round = 0; round < rounds; round++) {
    buildRuns.push(
      nsPerOp(100, () => {
        sink = new S3Client({ region: 'us-east-1' });
      }),
    );
  }
  void sink;
  const ratios = hitRuns.map((hit, i) => hit / (lruRuns[i] ?? hit)).sort((a, b) => a - b);
  return {
    lruNs: median(lruRuns),
    hitNs: median(hitRuns),
    buildNs: median(buildRuns),
    spread: `${ratios[0]?.toFixed(2)}..${ratios.at(-1)?.toFixed(2)}`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { lruNs, hitNs, buildNs, spread } = measureHitPath();
  console.log(`lru-cache get        ${lruNs.toFixed(1)} ns`);
  console.log(
    `getS3Client hit      ${hitNs.toFixed(1)} ns  (${(hitNs / lruNs).toFixed(2)}x lru get, spread ${spread}; target <= 5x)`,
  );
  console.log(
    `new S3Client         ${(buildNs / 1000).toFixed(1)} us  (${(buildNs / hitNs).toFixed(0)}x a hit; target >= 1000x)`,
  );
}
