/**
 * EMF lines from the demo's own cached workload (`examples/demo/workload.ts`, the lease-costs handler
 * with aws-client-cache) run against the local AWS endpoint, for tests of what the alarms and
 * the fleet view would make of them. Bounded: one process, a fixed number of invocations.
 */

import { DEMO_APP_ENV, LEASES_FUNCTION_NAME, leasesFunction } from '../../examples/demo/leases.js';
import { WorkloadProcess } from '../../examples/demo/workload-process.js';
import { startLocalAws } from '../../tools/local-aws/index.js';

export interface DemoRun {
  /** The EMF documents the workload printed, one JSON line each, as printed. */
  readonly emfLines: readonly string[];
  readonly errors: number;
}

export interface DemoRunOptions {
  readonly service: string;
  readonly invocations: number;
  /** `CLIENT_CACHE_MAX_ENTRIES` of the workload; default the cache's. */
  readonly maxEntries?: number;
  /** Every AssumeRole answered with HTTP 503: a role whose credentials cannot be refreshed. */
  readonly stsBroken?: boolean;
  readonly namespace?: string;
}

/** Runs the demo's cached workload once, four invocations at a time, and returns what it printed. */
export async function runDemoWorkload(options: DemoRunOptions): Promise<DemoRun> {
  const endpoint = await startLocalAws({
    functions: { [LEASES_FUNCTION_NAME]: leasesFunction },
    costExplorerPages: 2,
  });
  try {
    if (options.stsBroken === true) {
      endpoint.faults.set('sts', { failNext: 1_000_000, failStatus: 503 });
    }
    const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...inherited } = process.env;
    const workload = new WorkloadProcess('cache', 5, {
      ...inherited,
      ...endpoint.env,
      ...DEMO_APP_ENV,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_SERVICE_NAME: options.service,
      POWERTOOLS_METRICS_NAMESPACE: options.namespace ?? 'LeaseCostsDemo',
      ...(options.maxEntries === undefined
        ? {}
        : { CLIENT_CACHE_MAX_ENTRIES: String(options.maxEntries) }),
    });
    await workload.ready();
    const batch = await workload.run(0, options.invocations, 4, () => undefined);
    await workload.finish();
    return { emfLines: workload.emfLines, errors: batch.errors };
  } finally {
    await endpoint.stop();
  }
}

/**
 * The same lines, spread evenly from `start` over `spanMs`: a time-lapse of a function invoked
 * steadily. Each line keeps exactly the figures the cache published; only `_aws.Timestamp`
 * moves, so the run covers the periods an alarm evaluates.
 */
export function spreadOver(lines: readonly string[], start: number, spanMs: number): string[] {
  const step = lines.length > 1 ? spanMs / (lines.length - 1) : 0;
  return lines.map((line, position) => {
    const document = JSON.parse(line) as { _aws: { Timestamp: number } };
    document._aws.Timestamp = Math.round(start + position * step);
    return JSON.stringify(document);
  });
}
