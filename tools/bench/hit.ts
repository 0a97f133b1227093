/**
 * P4: what a getter hit costs, against a bare lru-cache `get` and against
 * building the client, measured interleaved in one run (medians of rounds).
 * Many short rounds, each timing both back to back, and the median of the
 * per-round ratios: on a shared machine a round that lost the CPU shows as
 * one outlier, not as a shifted median.
 * Usage: npm run bench:hit [-- --rounds 101 --iterations 30000]
 */
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { getS3Client } from 'aws-client-cache/s3';
import { LRUCache } from 'lru-cache';
import { compareTimings, roundSpread } from '../../examples/demo/compare-timings.js';
import { interquartileSpread, isMain, median, nsPerOp, spread } from './timing.js';

const roleArn = 'arn:aws:iam::123456789012:role/Reports';

export interface HitPathResult {
  readonly lruNs: number;
  readonly hitNs: number;
  /** The median of the per-round hit / lru ratios (each round times both, back to back). */
  readonly ratio: number;
  /** A hit alternating between two roles: the index path, never the most recent entry. */
  readonly alternatingNs: number;
  /** Its median per-round ratio to an lru-cache get. */
  readonly alternatingRatio: number;
  readonly buildNs: number;
  /** A hit on the keyed path: a config with an `additionalConfig` literal. */
  readonly keyedNs: number;
  /** A hit on the keyed path: a config with `credentials` (an identity held at module scope). */
  readonly credentialsNs: number;
  /** Hit / lru ratio per round, smallest to largest. */
  readonly ratioSpread: string;
  /** The spread of the hit / lru ratios across rounds, as a fraction (`interquartileSpread`). */
  readonly ratioNoise: number;
  /** The same for build / hit, round by round. */
  readonly buildNoise: number;
}

export function measureHitPath({ rounds = 15, iterations = 200_000 } = {}): HitPathResult {
  const lru = new LRUCache<string, object>({ max: 100 });
  const key = `S3:us-east-1:${roleArn}:none`;
  lru.set(key, {});
  getS3Client({ region: 'us-east-1', roleArn }); // the one miss
  let sink: unknown;
  const lookup = () => {
    sink = lru.get(key);
  };
  // A fresh options literal per call, as a handler writes it.
  const hit = () => {
    sink = getS3Client({ region: 'us-east-1', roleArn });
  };
  const otherRole = `${roleArn}-2`;
  getS3Client({ region: 'us-east-1', roleArn: otherRole });
  let flip = false;
  const alternating = () => {
    flip = !flip;
    sink = getS3Client({ region: 'us-east-1', roleArn: flip ? roleArn : otherRole });
  };
  const lruRuns: number[] = [];
  const hitRuns: number[] = [];
  const alternatingRuns: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so neither always runs on a warmer (or fuller) heap.
    const order = round % 2 === 0 ? [lookup, hit, alternating] : [alternating, hit, lookup];
    for (const run of order) {
      const runs = run === lookup ? lruRuns : run === hit ? hitRuns : alternatingRuns;
      runs.push(nsPerOp(iterations, run));
    }
  }
  getS3Client({ region: 'us-east-1', roleArn, additionalConfig: { forcePathStyle: true } });
  const keyedRuns = Array.from({ length: rounds }, () =>
    nsPerOp(iterations / 10, () => {
      sink = getS3Client({
        region: 'us-east-1',
        roleArn,
        additionalConfig: { forcePathStyle: true },
      });
    }),
  );
  const identity = { accessKeyId: 'AKIDBENCHEXAMPLE', secretAccessKey: 'bench-secret' };
  getS3Client({ region: 'us-east-1', credentials: identity });
  const credentialsRuns = Array.from({ length: rounds }, () =>
    nsPerOp(iterations / 10, () => {
      sink = getS3Client({ region: 'us-east-1', credentials: identity });
    }),
  );
  // Builds allocate heavily; measured after, so their garbage is not collected inside the hit rounds.
  const buildRuns = Array.from({ length: rounds }, () =>
    nsPerOp(50, () => {
      sink = new S3Client({ region: 'us-east-1' });
    }),
  );
  void sink;
  const ratios = hitRuns.map((hitNs, i) => hitNs / (lruRuns[i] ?? hitNs));
  return {
    lruNs: median(lruRuns),
    hitNs: median(hitRuns),
    ratio: median(ratios),
    alternatingNs: median(alternatingRuns),
    alternatingRatio: median(alternatingRuns.map((ns, i) => ns / (lruRuns[i] ?? ns))),
    credentialsNs: median(credentialsRuns),
    buildNs: median(buildRuns),
    keyedNs: median(keyedRuns),
    ratioSpread: spread(ratios),
    ratioNoise: interquartileSpread(ratios),
    buildNoise: roundSpread(buildRuns.map((buildNs, i) => buildNs / (hitRuns[i] ?? buildNs))),
  };
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '101' },
      iterations: { type: 'string', default: '30000' },
      json: { type: 'boolean', default: false },
    },
  });
  const result = measureHitPath({
    rounds: Number(values.rounds),
    iterations: Number(values.iterations),
  });
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    const { lruNs, hitNs, buildNs, keyedNs, ratio, ratioSpread } = result;
    console.log(`lru-cache get     ${lruNs.toFixed(1)} ns`);
    console.log(
      `getS3Client hit   ${hitNs.toFixed(1)} ns  ${ratio.toFixed(2)}x a get (median per-round ratio; rounds ${ratioSpread}; target <= 2.5x)`,
    );
    console.log(
      `alternating roles ${result.alternatingNs.toFixed(1)} ns  ${result.alternatingRatio.toFixed(2)}x a get (two roles, each call the other)`,
    );
    console.log(
      `new S3Client      ${(buildNs / 1000).toFixed(1)} us  ${(buildNs / hitNs).toFixed(0)}x a hit (target >= 1000x)`,
    );
    console.log(`keyed-path hit    ${keyedNs.toFixed(0)} ns  (with an additionalConfig literal)`);
    console.log(
      `credentials hit   ${result.credentialsNs.toFixed(0)} ns  (credentials: an identity held at module scope)`,
    );
    const hitTiming = { name: 'a getter hit', value: hitNs };
    console.log(
      compareTimings(hitTiming, { name: 'a get', value: lruNs }, result.ratioNoise, 'ns'),
    );
  }
}
