/**
 * Every performance target of DESIGN.md, measured side by side in one run.
 * Timings are ratios of alternatives measured interleaved (medians, with the
 * spread); counts are exact. Writes tools/bench/results/latest.json.
 * Usage: npm run bench -- [--quick] [--cold-start-rounds N]
 * (P6 runs 21 rounds by default, which rarely decide a target a few percent
 * away; 151 rounds, about 11 minutes on Node 22 and 24, decide most.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { compareTimings } from '../../examples/demo/compare-timings.js';
import {
  type ColdStartTiming,
  coldStartTarget,
  coldStartVerdict,
  HEAP_OFFSETS_KB,
  measureColdStart,
  nodeBinary,
  wordColdStart,
} from './cold-start.js';
import { measureEmfLines } from './emf-lines.js';
import { measureFanOut } from './fan-out.js';
import { measureFreeze } from './freeze.js';
import { describeHitCase, type HitPathResult } from './hit.js';
import { measureLeaseCosts } from './lease-costs.js';
import { startBenchEndpoint } from './local-endpoint.js';
import { measureManagedInstanceVolume } from './managed-instances.js';
import { type BenchResult, printTable } from './report.js';
import { measureScaling } from './scaling.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'cold-start-rounds': { type: 'string', default: '21' },
  },
});
const quick = values.quick === true;
const coldStartRounds = Number(values['cold-start-rounds']);
if (!Number.isInteger(coldStartRounds) || coldStartRounds < 1) {
  throw new Error(
    `--cold-start-rounds takes a whole number of rounds, got ${values['cold-start-rounds']}`,
  );
}
const results: BenchResult[] = [];
const progress = (step: string): void => {
  process.stderr.write(`bench: ${step}\n`);
};

const endpoint = await startBenchEndpoint();
try {
  progress('P1 lease-costs workload (naive, singleton, cached; then with 20 ms network latency)');
  results.push(...(await measureLeaseCosts(quick)));

  progress('P2/P3 handshakes and AssumeRole calls as roles, invocations and concurrency grow');
  const scaling = await measureScaling(endpoint, quick);
  const handshakesOk = scaling.every((point) => point.s3Handshakes <= point.concurrency);
  results.push({
    id: 'P2',
    name: 'S3 TLS handshakes per run <= endpoints x concurrency, whatever the roles and invocations',
    measured: scaling
      .map((p) => `${p.roles}r/${p.invocations}i/c${p.concurrency}: ${p.s3Handshakes}`)
      .join(', '),
    target: '<= concurrency (one endpoint)',
    pass: handshakesOk,
    series: scaling,
  });
  results.push({
    id: 'P3',
    name: 'AssumeRole calls per role per credential lifetime, whatever the concurrency',
    measured: `max ${Math.max(...scaling.map((p) => p.maxAssumeRolePerRole))} per role; ${scaling
      .map((p) => `${p.roles}r/c${p.concurrency}: ${p.assumeRoleCalls}`)
      .join(', ')}`,
    target: '<= 1 per role',
    pass: scaling.every(
      (point) => point.maxAssumeRolePerRole <= 1 && point.assumeRoleCalls <= point.roles,
    ),
  });

  progress('P4 getter hit vs lru-cache get vs building a client');
  // Full mode on Lambda's runtimes (Node 22 and 24, from the npm registry), quick mode on this Node.
  const runtimes: Record<string, string> = {};
  if (quick) runtimes[`Node ${process.versions.node.split('.')[0]}`] = process.execPath;
  else {
    for (const major of [22, 24]) {
      const binary = nodeBinary(major);
      if (binary === undefined) progress(`could not fetch node@${major}; skipped`);
      else runtimes[`Node ${major}`] = binary;
    }
  }
  for (const [runtime, node] of Object.entries(runtimes)) {
    // In a process of its own: after P1-P3 the getter's call sites have seen many config shapes,
    // which no handler's do.
    const [rounds, iterations] = quick ? ['3', '5000'] : ['101', '30000'];
    const hit = JSON.parse(
      execFileSync(
        node,
        [
          '--import',
          'tsx',
          'tools/bench/hit.ts',
          '--json',
          '--rounds',
          rounds,
          '--iterations',
          iterations,
        ],
        { encoding: 'utf8' },
      ),
    ) as HitPathResult;
    for (const hitCase of hit.cases) {
      results.push({
        id: 'P4',
        name: `${runtime}: ${hitCase.name} / lru-cache get (fresh literal per call)`,
        measured: describeHitCase(hitCase, hit.lruNs),
        target: hitCase.target === undefined ? 'reported' : `<= ${hitCase.target}x`,
        pass: hitCase.target === undefined || hitCase.ratio <= hitCase.target,
      });
    }
    results.push({
      id: 'P4',
      name: `${runtime}: building an S3Client / getter hit`,
      measured: `${(hit.buildNs / hit.hitNs).toFixed(0)}x (${(hit.buildNs / 1000).toFixed(0)} us vs ${hit.hitNs.toFixed(0)} ns): ${compareTimings({ name: 'build', value: hit.buildNs }, { name: 'hit', value: hit.hitNs }, hit.buildNoise, 'ns')}`,
      target: '>= 1000x',
      pass: hit.buildNs / hit.hitNs >= 1000,
    });
  }

  progress('P5 EMF lines per invocation');
  const emf = await measureEmfLines(endpoint, quick ? 10 : 200);
  results.push({
    id: 'P5',
    name: 'EMF lines from the cache per invocation',
    measured: `${(emf.emfLines / emf.invocations).toFixed(2)} (${emf.emfLines} lines / ${emf.invocations} invocations)`,
    target: '<= 1',
    pass: emf.emfLines <= emf.invocations,
  });

  progress('P5 EMF lines under multi-concurrency (emulated Managed Instance, 2 workers x 32)');
  const volume = await measureManagedInstanceVolume(endpoint, quick ? 1000 : 10_000);
  const perThousand = (1000 * volume.cacheLines) / Math.max(1, volume.invocations);
  results.push({
    id: 'P5',
    name: 'cache EMF lines per 1,000 invocations under multi-concurrency (per worker <= 1 per second)',
    measured: `${perThousand.toFixed(1)} per 1,000 (${volume.cacheLines} lines / ${volume.invocations} invocations in ${volume.seconds.toFixed(1)} s, 2 workers)`,
    target: '<= 1 per second per worker',
    pass: volume.cacheLines <= 2 * (Math.ceil(volume.seconds) + 2),
  });

  progress('P6 cold start (whole fresh processes, built package and esbuild bundles)');
  // Quick mode: one round of each cell (after the warm-up spawns), which keeps the script working.
  const cold = await measureColdStart(quick ? 1 : coldStartRounds, runtimes);
  for (const result of cold.results) {
    const how =
      result.packaging === 'bundled'
        ? 'esbuild bundle (ESM, minified), as NodejsFunction deploys'
        : 'unbundled ESM from node_modules';
    const target = coldStartTarget(result);
    const worded = (timing: ColdStartTiming): string => wordColdStart(timing, 'cache');
    results.push({
      id: 'P6',
      name: `cold start, ${result.node}, ${how}, ${result.powertools ? 'with' : 'without'} Powertools Logger and Metrics in the handler: cache getter / new S3Client (whole process)`,
      measured: `CPU ${worded(result.cpu)}; wall ${worded(result.wall)}; across heap positions (both sides of a round ${HEAP_OFFSETS_KB[0]} to ${HEAP_OFFSETS_KB.at(-1)} KB more, by round): CPU ${worded(result.acrossHeap.cpu)}`,
      target: `<= ${target.toFixed(2)}x (CPU as the handler stands; wall and heap positions reported)`,
      ...coldStartVerdict(result.cpu, target),
      series: result,
    });
  }
  for (const size of cold.sizes) {
    const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
    results.push({
      id: 'P6',
      name: `bundle bytes the cache adds (esbuild, ESM, minified), ${size.powertools ? 'with' : 'without'} Powertools in the handler`,
      measured: `+${kb(size.cacheBytes - size.sdkBytes)} minified (${kb(size.cacheBytes)} vs ${kb(size.sdkBytes)}), +${kb(size.cacheGzipBytes - size.sdkGzipBytes)} gzip`,
      target: 'reported',
      pass: true,
      series: size,
    });
  }

  progress('P8 requests after a freeze past the keep-alive (child processes, SIGSTOP/SIGCONT)');
  for (const [runtime, node] of Object.entries(runtimes)) {
    results.push(await measureFreeze(quick ? 1 : 5, node, runtime));
  }

  progress('P9 fan-out throughput, pooled vs one plain client per role');
  results.push(...(await measureFanOut(endpoint, quick)));

  progress('P7 10,000-role churn through a cache of 100 (separate process, --expose-gc)');
  const churn = JSON.parse(
    execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'tools/bench/churn-child.ts', quick ? '500' : '10000'],
      {
        encoding: 'utf8',
        env: process.env,
      },
    )
      .trim()
      .split('\n')
      .at(-1) ?? '{}',
  ) as {
    roles: number;
    steadyHeap: number;
    churnedHeap: number;
    peakSockets: number;
    maxSockets: number;
    endpoints: number;
  };
  results.push({
    id: 'P7',
    name: `heap after ${churn.roles} roles churned / steady state (after GC)`,
    measured: `${(churn.churnedHeap / churn.steadyHeap).toFixed(3)}x (${(churn.churnedHeap / 2 ** 20).toFixed(1)} MiB vs ${(churn.steadyHeap / 2 ** 20).toFixed(1)} MiB)`,
    target: '<= 1.2x',
    pass: churn.churnedHeap / churn.steadyHeap <= 1.2,
  });
  results.push({
    id: 'P7',
    name: 'open sockets during churn',
    measured: `${churn.peakSockets} peak over ${churn.endpoints} endpoints`,
    target: `<= maxSockets (${churn.maxSockets}) per endpoint`,
    pass: churn.peakSockets <= churn.maxSockets * churn.endpoints,
  });
} finally {
  await endpoint.stop();
}

const sdkVersion = (
  JSON.parse(readFileSync('node_modules/@aws-sdk/client-s3/package.json', 'utf8')) as {
    version: string;
  }
).version;
const report = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, platform: process.platform },
  node: process.version,
  sdk: sdkVersion,
  results,
};
mkdirSync('tools/bench/results', { recursive: true });
writeFileSync(
  `tools/bench/results/${quick ? 'quick' : 'latest'}.json`,
  `${JSON.stringify(report, null, 2)}\n`,
);
printTable(results);
process.stderr.write(`bench: wrote tools/bench/results/${quick ? 'quick' : 'latest'}.json\n`);
