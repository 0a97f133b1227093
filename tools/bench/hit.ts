/**
 * P4: what a getter hit costs, against a bare lru-cache `get` and against
 * building the client, measured interleaved in one run. Many short rounds,
 * each timing every case and a `get` in interleaved slices and keeping each
 * one's fastest slice, and the median of the per-round ratios: on a shared
 * machine a slice that lost the CPU is dropped, and a round that lost it
 * throughout shows as one outlier, not as a shifted median.
 * Usage: npm run bench:hit [-- --rounds 101 --iterations 30000]
 */
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { getS3Client } from 'aws-client-cache/s3';
import { LRUCache } from 'lru-cache';
import { compareTimings, roundSpread } from '../../examples/demo/compare-timings.js';
import { interquartileSpread, isMain, median, nsPerOp, spread } from './timing.js';

const roleArn = 'arn:aws:iam::123456789012:role/Reports';
/** Each round's calls are timed in this many slices, interleaved across the cases. */
const SLICES = 10;
/**
 * Roles as a handler gets them: read once from its environment, so strings
 * made at run time, not literals V8 interns.
 */
const roles = Array.from({ length: 8 }, (_, index) => {
  process.env[`BENCH_ROLE_ARN_${index}`] = `${roleArn}${index}`;
  return process.env[`BENCH_ROLE_ARN_${index}`] as string;
});

/** One kind of getter hit against an lru-cache `get`, round by round. */
export interface HitCase {
  readonly name: string;
  /** Median ns per call. */
  readonly ns: number;
  /** Median of the per-round case / `get` ratios. */
  readonly ratio: number;
  /** Those ratios' range, "min..max". */
  readonly ratioSpread: string;
  /** Their interquartile spread, as a fraction (`interquartileSpread`), for `compareTimings`. */
  readonly ratioNoise: number;
  /** The ratio the design allows, when it sets one. */
  readonly target?: number;
}

export interface HitPathResult {
  readonly lruNs: number;
  /** The repeat hit: the same fresh `{ region, roleArn }` literal each call. */
  readonly hitNs: number;
  readonly ratio: number;
  readonly ratioSpread: string;
  readonly ratioNoise: number;
  /** Every case, the repeat hit first. */
  readonly cases: readonly HitCase[];
  readonly buildNs: number;
  /** The spread of build / repeat hit, round by round. */
  readonly buildNoise: number;
}

interface Timed {
  readonly name: string;
  readonly run: () => void;
  /** Calls per round: the keyed path is slower, so it runs fewer. */
  readonly share: number;
  readonly target?: number;
}

export function measureHitPath({ rounds = 15, iterations = 200_000 } = {}): HitPathResult {
  const lru = new LRUCache<string, object>({ max: 100 });
  const key = `S3:us-east-1:${roleArn}:none`;
  lru.set(key, {});
  let sink: unknown;
  let turn = 0;
  const identity = { accessKeyId: 'AKIDBENCHEXAMPLE', secretAccessKey: 'bench-secret' };
  // A fresh options literal per call, as a handler writes it.
  const timed: Timed[] = [
    {
      name: 'repeat hit',
      share: 1,
      target: 2.5,
      run: () => {
        sink = getS3Client({ region: 'us-east-1', roleArn });
      },
    },
    {
      name: 'alternating two roles',
      share: 1,
      target: 2.5,
      run: () => {
        sink = getS3Client({ region: 'us-east-1', roleArn: roles[turn++ & 1] });
      },
    },
    {
      name: 'alternating two regions',
      share: 1,
      target: 2.5,
      run: () => {
        sink = getS3Client({ region: turn++ & 1 ? 'eu-west-1' : 'us-east-1', roleArn });
      },
    },
    {
      name: 'rotating eight roles',
      share: 1,
      run: () => {
        sink = getS3Client({ region: 'us-east-1', roleArn: roles[turn++ & 7] });
      },
    },
    {
      name: 'keyed, `credentials` held at module scope',
      share: 0.1,
      run: () => {
        sink = getS3Client({ region: 'us-east-1', credentials: identity });
      },
    },
    {
      name: 'keyed, `additionalConfig` literal',
      share: 0.1,
      run: () => {
        sink = getS3Client({
          region: 'us-east-1',
          roleArn,
          additionalConfig: { forcePathStyle: true },
        });
      },
    },
  ];
  const lookup = () => {
    sink = lru.get(key);
  };
  const lruRuns: number[] = [];
  const caseRuns = timed.map((): number[] => []);
  // The keyed cases run after the simple ones: their config shapes, seen first, would make
  // the hit path's property loads polymorphic, which a handler with one shape never sees.
  for (const keyed of [false, true]) {
    const phase = [...timed.keys()].filter((index) => (timed[index]?.share === 1) !== keyed);
    for (const index of phase) {
      for (let call = 0; call < 16; call++) timed[index]?.run(); // the misses
    }
    for (let round = 0; round < rounds; round++) {
      // Rotate which goes first, so none always runs on a warmer (or fuller) heap.
      const order = [-1, ...phase];
      for (let shift = round % order.length; shift > 0; shift--) {
        order.push(order.shift() as number);
      }
      // Each side's fastest slice of the round: a slice the scheduler took the CPU from
      // measures the other load, and both sides are sliced alike.
      const fastest = new Map<number, number>();
      for (let slice = 0; slice < SLICES; slice++) {
        for (const index of order) {
          const { run, share } = index < 0 ? { run: lookup, share: 1 } : (timed[index] as Timed);
          const calls = Math.max(1, Math.round((iterations * share) / SLICES));
          const ns = nsPerOp(calls, run);
          fastest.set(index, Math.min(ns, fastest.get(index) ?? ns));
        }
      }
      for (const [index, ns] of fastest) (index < 0 ? lruRuns : caseRuns[index])?.push(ns);
    }
  }
  // Builds allocate heavily; measured after, so their garbage is not collected inside the hit rounds.
  const buildRuns = Array.from({ length: rounds }, () =>
    nsPerOp(50, () => {
      sink = new S3Client({ region: 'us-east-1' });
    }),
  );
  void sink;
  const cases = timed.map(({ name, target }, index): HitCase => {
    const runs = caseRuns[index] ?? [];
    // Each case against the gets of its own phase's rounds.
    const gets = timed[index]?.share === 1 ? lruRuns.slice(0, rounds) : lruRuns.slice(rounds);
    const ratios = runs.map((ns, round) => ns / (gets[round] ?? ns));
    return {
      name,
      ns: median(runs),
      ratio: median(ratios),
      ratioSpread: spread(ratios),
      ratioNoise: interquartileSpread(ratios),
      target,
    };
  });
  const repeat = cases[0] as HitCase;
  const hitRuns = caseRuns[0] ?? [];
  return {
    lruNs: median(lruRuns.slice(0, rounds)),
    hitNs: repeat.ns,
    ratio: repeat.ratio,
    ratioSpread: repeat.ratioSpread,
    ratioNoise: repeat.ratioNoise,
    cases,
    buildNs: median(buildRuns),
    buildNoise: roundSpread(buildRuns.map((buildNs, i) => buildNs / (hitRuns[i] ?? buildNs))),
  };
}

/** One case in words: its ratio to a `get`, the rounds' range, and `compareTimings`' verdict. */
export function describeHitCase(hit: HitCase, lruNs: number): string {
  const verdict = compareTimings(
    { name: hit.name, value: hit.ns },
    { name: 'a get', value: lruNs },
    hit.ratioNoise,
    'ns',
  );
  return `${hit.ratio.toFixed(2)}x (median per-round ratio; rounds ${hit.ratioSpread}): ${verdict}`;
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
    console.log(`lru-cache get: ${result.lruNs.toFixed(1)} ns`);
    for (const hit of result.cases) {
      const target = hit.target === undefined ? '' : ` [target <= ${hit.target}x]`;
      console.log(`${hit.name}: ${describeHitCase(hit, result.lruNs)}${target}`);
    }
    console.log(
      `new S3Client: ${(result.buildNs / 1000).toFixed(1)} us, ${(result.buildNs / result.hitNs).toFixed(0)}x a repeat hit (target >= 1000x)`,
    );
  }
}
