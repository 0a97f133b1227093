/**
 * `npm start`: the lease-costs handler against the local AWS endpoint as warm containers would
 * run it, in three modes side by side (new clients per call, module singletons, the cache), then
 * one table of what each cost.
 *
 *   npm start -- [--invocations 300] [--roles 5] [--concurrency 4] [--latency-ms 0]
 *     [--out out/demo-emf.jsonl] [--fleet-out out/demo-fleet-emf.jsonl] [--json rows.json]
 *
 * The endpoint runs here; each mode is its own process (examples/demo/workload.ts), started with
 * NODE_EXTRA_CA_CERTS. The modes take turns, batch by batch, so that whatever else the machine
 * is doing slows all three alike. Handshakes, AssumeRole calls and requests are counted by the
 * endpoint, which serves one mode at a time.
 *
 * Two more cached functions publish to the same namespace as their own services (one with a
 * cache too small on purpose), so the fleet view has a fleet to rank. Each round runs their
 * slice after the three timed modes, so they never share the machine with a timed batch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICE_NAMES, startLocalAws } from '../../tools/local-aws/index.js';
import { DEMO_APP_ENV, LEASES_FUNCTION_NAME, leasesFunction } from './leases.js';
import { formatTable, type ModeRow, percentile, summarise } from './table.js';
import { WorkloadProcess } from './workload-process.js';
import { DEMO_MODES, type DemoMode } from './workload-protocol.js';

const { values } = parseArgs({
  options: {
    invocations: { type: 'string', default: '300' },
    roles: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '4' },
    'latency-ms': { type: 'string', default: '0' },
    out: { type: 'string', default: 'out/demo-emf.jsonl' },
    // The cached run's lines and the other services', for the fleet view; beside --out by default.
    'fleet-out': { type: 'string' },
    // The table's rows as JSON, for the benchmark (P1).
    json: { type: 'string' },
  },
});

function integerFlag(name: keyof typeof values, min: number, max: number): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(
      `\`--${name}\` must be an integer from ${min} to ${max}, got "${values[name]}"\n`,
    );
    process.exit(2);
  }
  return value;
}

// Naive mode leaves every client's keep-alive socket open, as the original app did: 5 per invocation, on
// both sides of the loopback. 2,000 invocations stay well inside a 20,000 file-descriptor limit.
const invocations = integerFlag('invocations', 1, 2000);
// The demo's eight accounts are spread over the roles' organisations: more roles would go unused.
const roles = integerFlag('roles', 1, 8);
const concurrency = integerFlag('concurrency', 1, 64);
const latencyMs = integerFlag('latency-ms', 0, 1000);
const outFile = resolve(values.out ?? 'out/demo-emf.jsonl');
const fleetOutFile = resolve(values['fleet-out'] ?? join(dirname(outFile), 'demo-fleet-emf.jsonl'));
const batches = Math.min(10, invocations);

interface ModeTally {
  readonly latenciesMs: number[];
  /** The p50 of each batch: the rounds whose spread says how much of a difference is noise. */
  readonly roundP50Ms: number[];
  errors: number;
  firstError: string | undefined;
  failure: string | undefined;
  handshakes: number;
  assumeRoleCalls: number;
  requests: number;
  connections: number;
}

const endpoint = await startLocalAws({
  functions: { [LEASES_FUNCTION_NAME]: leasesFunction },
  // Two pages per query, so every report follows a NextPageToken as real accounts do.
  costExplorerPages: 2,
  faults: Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, { latencyMs, handshakeLatencyMs: 2 * latencyMs }]),
  ),
});
const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...inherited } = process.env;
const childEnv = {
  ...inherited,
  ...endpoint.env,
  ...DEMO_APP_ENV,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_SERVICE_NAME: 'lease-costs',
  POWERTOOLS_METRICS_NAMESPACE: 'LeaseCostsDemo',
};

const workloads = DEMO_MODES.map((mode) => new WorkloadProcess(mode, roles, childEnv));

/**
 * The fleet: more functions with the cache in the same namespace. `lease-alerts` runs with a
 * cache of 2 for clients of 5 roles, so the fleet view has eviction misses to rank first.
 */
const FLEET_SERVICES = [
  { service: 'lease-reports', env: {} },
  { service: 'lease-alerts', env: { CLIENT_CACHE_MAX_ENTRIES: '2' } },
] as const;
// A sixth of the run each: enough lines to rank, little time added after the comparison.
const fleetInvocations = Math.max(1, Math.ceil(invocations / 6));
const fleet = FLEET_SERVICES.map(
  ({ service, env }) =>
    [
      service,
      new WorkloadProcess('cache', roles, {
        ...childEnv,
        ...env,
        POWERTOOLS_SERVICE_NAME: service,
      }),
    ] as const,
);
const fleetFailures: string[] = [];
const tallies = new Map<DemoMode, ModeTally>(
  DEMO_MODES.map((mode) => [
    mode,
    {
      latenciesMs: [],
      roundP50Ms: [],
      errors: 0,
      firstError: undefined,
      failure: undefined,
      handshakes: 0,
      assumeRoleCalls: 0,
      requests: 0,
      connections: 0,
    },
  ]),
);
const tallyOf = (mode: DemoMode) => tallies.get(mode) as ModeTally;
const fail = (mode: DemoMode, error: unknown) => {
  tallyOf(mode).failure ??= error instanceof Error ? error.message : String(error);
};
const progressLine = (batch: number) =>
  `batch ${batch}/${batches}: ${DEMO_MODES.map((mode) => `${mode} ${tallyOf(mode).latenciesMs.length}/${invocations}`).join(', ')}`;

const totals = new Map<DemoMode, Awaited<ReturnType<WorkloadProcess['finish']>>>();
try {
  await Promise.all([
    ...workloads.map((workload) => workload.ready().catch((error) => fail(workload.mode, error))),
    ...fleet.map(([service, workload]) =>
      workload.ready().catch((error) => fleetFailures.push(`${service}: ${String(error)}`)),
    ),
  ]);
  for (let batch = 0; batch < batches; batch++) {
    const from = Math.floor((batch * invocations) / batches);
    const to = Math.floor(((batch + 1) * invocations) / batches);
    // Rotate who goes first, so no mode always runs right after another's burst.
    for (const offset of DEMO_MODES.keys()) {
      const workload = workloads[(batch + offset) % workloads.length] as WorkloadProcess;
      const tally = tallyOf(workload.mode);
      if (tally.failure !== undefined) continue;
      endpoint.stats.reset();
      const before = tally.latenciesMs.length;
      const result = await workload
        .run(from, to, concurrency, (done) => {
          if (process.stderr.isTTY)
            process.stderr.write(`\r${workload.mode} ${before + done}/${invocations}   `);
        })
        .catch((error) => fail(workload.mode, error));
      if (result === undefined) continue;
      tally.latenciesMs.push(...result.latenciesMs);
      tally.roundP50Ms.push(percentile(result.latenciesMs, 0.5));
      tally.errors += result.errors;
      tally.firstError ??= result.firstError;
      tally.handshakes += endpoint.stats.handshakes();
      tally.assumeRoleCalls += endpoint.stats.assumeRoleCalls();
      tally.requests += endpoint.stats.requests();
      tally.connections += endpoint.stats.connections();
    }
    // The fleet's slice of this round, after the timed modes, so every service spans the run.
    const fleetFrom = Math.floor((batch * fleetInvocations) / batches);
    const fleetTo = Math.floor(((batch + 1) * fleetInvocations) / batches);
    for (const [service, workload] of fleet) {
      if (fleetTo === fleetFrom || fleetFailures.some((failure) => failure.startsWith(service)))
        continue;
      const result = await workload
        .run(fleetFrom, fleetTo, concurrency, () => undefined)
        .catch((error) => {
          fleetFailures.push(
            `${service}: ${error instanceof Error ? error.message : String(error)}`,
          );
          return undefined;
        });
      if (result !== undefined && result.errors > 0)
        fleetFailures.push(`${service}: ${result.firstError}`);
    }
    process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}${progressLine(batch + 1)}\n`);
  }
  for (const [service, workload] of fleet) {
    await workload.finish().catch((error) => fleetFailures.push(`${service}: ${String(error)}`));
  }
  process.stderr.write(
    `fleet: ${fleet.map(([service]) => `${service} ${fleetInvocations}`).join(', ')} invocations\n`,
  );
  for (const workload of workloads) {
    if (tallyOf(workload.mode).failure !== undefined) continue;
    await workload.finish().then(
      (result) => totals.set(workload.mode, result),
      (error) => fail(workload.mode, error),
    );
  }
} finally {
  await endpoint.stop();
}

const rows: ModeRow[] = DEMO_MODES.flatMap((mode) => {
  const tally = tallyOf(mode);
  const total = totals.get(mode);
  if (total === undefined) return [];
  const lookups = (total.cacheHits ?? 0) + (total.cacheMisses ?? 0);
  return [
    {
      mode,
      p50Ms: percentile(tally.latenciesMs, 0.5),
      p95Ms: percentile(tally.latenciesMs, 0.95),
      roundP50Ms: tally.roundP50Ms,
      handshakes: tally.handshakes,
      assumeRoleCalls: tally.assumeRoleCalls,
      sdkClients: total.sdkClients,
      emfLines: workloads.find((workload) => workload.mode === mode)?.emfLines.length ?? 0,
      hitRatio:
        total.cacheHits === undefined || lookups === 0 ? undefined : total.cacheHits / lookups,
      requestsPerConnection: tally.requests / Math.max(1, tally.connections),
    },
  ];
});

const cached = workloads.find((workload) => workload.mode === 'cache');
mkdirSync(dirname(outFile), { recursive: true });
const lines = (emfLines: readonly string[]) => emfLines.map((line) => `${line}\n`).join('');
writeFileSync(outFile, lines(cached?.emfLines ?? []));
mkdirSync(dirname(fleetOutFile), { recursive: true });
writeFileSync(
  fleetOutFile,
  lines([...(cached?.emfLines ?? []), ...fleet.flatMap(([, workload]) => workload.emfLines)]),
);
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);

const network =
  latencyMs === 0
    ? 'loopback, no added latency'
    : `+${latencyMs} ms per response, +${2 * latencyMs} ms per new TLS connection`;
process.stdout.write(
  `\nLease-costs handler: ${invocations} invocations per mode, ${roles} roles, concurrency ` +
    `${concurrency}, local AWS endpoint (${network})\n\n${formatTable(rows)}\n\n` +
    `${summarise(rows, roles)}\n\nEMF lines of the cached run: ${outFile}\n` +
    `EMF lines of three services (lease-costs, ${FLEET_SERVICES.map(({ service }) => service).join(', ')}) for the fleet view: ${fleetOutFile}\n`,
);
let failed = fleetFailures.length > 0;
for (const failure of fleetFailures) process.stderr.write(`\nfleet service failed: ${failure}\n`);
for (const workload of workloads) {
  const tally = tallyOf(workload.mode);
  if (tally.failure === undefined && tally.errors === 0) continue;
  failed = true;
  process.stderr.write(
    `\n${workload.mode} failed: ${tally.failure ?? `${tally.errors} invocations failed, first: ${tally.firstError}`}\n${workload.stderr}\n`,
  );
}
process.exit(failed ? 1 : 0);
