/**
 * P9: fan-out throughput. 100 concurrent long Invokes across 10 roles, through
 * clients sharing one `SharedPools` (default socket limit) against one plain
 * SDK `LambdaClient` per role, alternating in one run. Reports pooled/plain
 * throughput per round, its median and spread, and failures on either side.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { compareTimings, roundSpread } from '../../examples/demo/compare-timings.js';
import { SharedPools } from '../../src/transport/shared-pool.js';
import { localClientConfig } from '../local-aws/client-config.js';
import type { LocalAws } from '../local-aws/index.js';
import type { BenchResult } from './report.js';

const ROLES = 10;
const CALLS = 100;
// CLIENT_CACHE_MAX_SOCKETS, CLIENT_CACHE_CONNECTION_TIMEOUT_MS defaults; Lambda's socket timeout.
const POOL_SETTINGS = { maxSockets: 500, connectionTimeoutMs: 3000, socketTimeoutMs: 905_000 };

interface Side {
  readonly callsPerSecond: number;
  readonly failures: number;
}

async function fanOut(clients: readonly LambdaClient[]): Promise<Side> {
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: CALLS }, (_, index) =>
      clients[index % ROLES]?.send(new InvokeCommand({ FunctionName: 'fan-out' })),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    callsPerSecond: CALLS / seconds,
    failures: results.filter((result) => result.status === 'rejected').length,
  };
}

async function pooledRound(endpoint: LocalAws): Promise<Side> {
  const pools = new SharedPools();
  const handler = pools.handlerFor(POOL_SETTINGS);
  const clients = Array.from(
    { length: ROLES },
    () => new LambdaClient({ ...localClientConfig(endpoint, 'lambda'), requestHandler: handler }),
  );
  try {
    return await fanOut(clients);
  } finally {
    await pools.close(0);
  }
}

async function plainRound(endpoint: LocalAws): Promise<Side> {
  const clients = Array.from(
    { length: ROLES },
    () => new LambdaClient(localClientConfig(endpoint, 'lambda')),
  );
  try {
    return await fanOut(clients);
  } finally {
    for (const client of clients) client.destroy();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Runs the rounds (alternating which side goes first) and returns the P9 rows. */
export async function measureFanOut(endpoint: LocalAws, quick: boolean): Promise<BenchResult[]> {
  // Quick mode (CI) keeps the script working: one round of each side, shorter Invokes.
  const rounds = quick ? 1 : 7;
  const latencyMs = quick ? 250 : 3000;
  endpoint.functions.set('fan-out', () => ({ ok: true }));
  endpoint.faults.set('lambda', { latencyMs });
  const ratios: number[] = [];
  const pooledMs: number[] = [];
  const plainMs: number[] = [];
  let failures = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const pooledFirst = round % 2 === 0;
      const first = await (pooledFirst ? pooledRound(endpoint) : plainRound(endpoint));
      const second = await (pooledFirst ? plainRound(endpoint) : pooledRound(endpoint));
      const [pooled, plain] = pooledFirst ? [first, second] : [second, first];
      ratios.push(pooled.callsPerSecond / plain.callsPerSecond);
      pooledMs.push((1000 * CALLS) / pooled.callsPerSecond);
      plainMs.push((1000 * CALLS) / plain.callsPerSecond);
      failures += pooled.failures + plain.failures;
    }
  } finally {
    endpoint.faults.clear('lambda');
  }
  const ratio = median(ratios);
  return [
    {
      id: 'P9',
      name: `fan-out: ${CALLS} concurrent ${latencyMs} ms Invokes across ${ROLES} roles, pooled / one plain client per role (throughput)`,
      measured: `${ratio.toFixed(3)}x (rounds ${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)}, ${rounds} rounds); failures ${failures}; ${compareTimings(
        { name: 'pooled clients', value: median(pooledMs) },
        { name: 'one plain client per role', value: median(plainMs) },
        roundSpread(ratios),
      )} per fan-out`,
      target: '>= 1.0x, 0 failures',
      pass: ratio >= 0.98 && failures === 0,
      series: ratios,
    },
  ];
}
