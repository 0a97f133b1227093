/**
 * Lambda Managed Instances, emulated: one process with 2 worker threads
 * (AWS_LAMBDA_NODEJS_WORKER_COUNT), each running 32 invocations at once
 * (AWS_LAMBDA_MAX_CONCURRENCY) inside their own InvokeStore contexts, as the
 * runtime does, through middy with Powertools Logger and Metrics
 * (`logMetrics`, `throwOnEmptyMetrics: true`) and the cache's middleware,
 * against the local endpoint. STS issues 12-second credentials, so every
 * role is refreshed several times under load. It proves: no invocation
 * fails; the cache's EMF lines sum to each worker's totals (nothing lost or
 * counted twice); every line is valid EMF; each invocation's own metric
 * goes out in its own line; AssumeRole runs once per role per worker per
 * credential lifetime; the cache writes about one line per second per
 * worker, not one per invocation.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { useLocalAws } from '../../local-aws/use-local-aws.js';
import { COUNTERS, emfProblems, metricSum, parseEmf } from '../support/emf.js';
import { reportFigures } from '../support/reliability-report.js';

const WORKERS = 2;
const CONCURRENCY = 32;
const DURATION_MS = 8000;
const LIFETIME_SECONDS = 12;
const ROLES = [0, 1, 2, 3].map((index) => `arn:aws:iam::123456789012:role/mi-${index}`);
const INSTANCE = fileURLToPath(
  new URL('../../local-aws/managed-instance/instance.mjs', import.meta.url),
);

interface WorkerResult {
  readonly worker: number;
  readonly invocations: number;
  readonly failures: number;
  readonly errors: Record<string, number>;
  readonly elapsedMs: number;
  readonly totals: Record<string, number>;
}

function runInstance(
  env: Record<string, string>,
): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [INSTANCE], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ stdout, code });
    });
  });
}

describe('Lambda Managed Instances', () => {
  const local = useLocalAws();

  it('serves 2 workers x 32 concurrent invocations with exact metrics and shared credentials', async () => {
    // Prepare
    local.endpoint.faults.set('sts', { credentialsLifetimeSeconds: LIFETIME_SECONDS });
    const env = {
      PATH: process.env.PATH ?? '',
      ...local.endpoint.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_LAMBDA_MAX_CONCURRENCY: String(CONCURRENCY),
      AWS_LAMBDA_NODEJS_WORKER_COUNT: String(WORKERS),
      AWS_LAMBDA_FUNCTION_NAME: 'managed',
      POWERTOOLS_METRICS_NAMESPACE: 'ManagedInstances',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      MI_SETTINGS: JSON.stringify({
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
        maxInvocations: 4000,
        roles: ROLES,
      }),
    };

    // Act
    const { stdout, code } = await runInstance(env);

    // Assess
    expect(code).toBe(0);
    const results: WorkerResult[] = stdout
      .split('\n')
      .filter((line) => line.startsWith('MI-RESULT '))
      .map((line) => JSON.parse(line.slice('MI-RESULT '.length)));
    expect(results).toHaveLength(WORKERS);
    const documents = parseEmf(stdout);
    const problems = documents.flatMap((document) => emfProblems(document));
    expect(problems).toEqual([]);
    const invocations = results.reduce((sum, result) => sum + result.invocations, 0);
    const orderLines = documents.filter((document) => 'Orders' in document);
    const figures: Record<string, unknown> = {
      workers: WORKERS,
      concurrency: CONCURRENCY,
      invocations,
    };

    for (const result of results) {
      expect({ worker: result.worker, failures: result.failures, errors: result.errors }).toEqual({
        worker: result.worker,
        failures: 0,
        errors: {},
      });
      const service = `mi-worker-${result.worker}`;
      const cacheLines = documents.filter(
        (document) => document.service === service && 'ClientCacheMiss' in document,
      );
      for (const [metric, field] of Object.entries(COUNTERS)) {
        const published = cacheLines.reduce((sum, line) => sum + metricSum(line, metric), 0);
        expect({ metric, published }).toEqual({ metric, published: result.totals[field] });
      }
      const seconds = result.elapsedMs / 1000;
      // About one line a second (and the last one at shutdown), not one per invocation.
      expect(cacheLines.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
      figures[`${service} invocations`] = result.invocations;
      figures[`${service} cache lines`] = cacheLines.length;
      figures[`${service} cache lines per second`] = Number(
        (cacheLines.length / seconds).toFixed(2),
      );
      figures[`${service} credential refreshes`] = result.totals.credentialRefreshes;
    }

    // Each invocation's own metric went out once, in its own line: nothing flushed another's.
    expect(orderLines).toHaveLength(invocations);
    expect(orderLines.reduce((sum, line) => sum + metricSum(line, 'Orders'), 0)).toBe(invocations);

    // One AssumeRole per role per worker per credential lifetime (advisory refreshes run at about
    // a quarter of the way to expiry here, so a worker needs at most 1 + elapsed / 3 s per role).
    const longest = Math.max(...results.map((result) => result.elapsedMs));
    for (const role of ROLES) {
      const calls = local.endpoint.stats.assumeRoleCalls(role);
      expect(calls).toBeGreaterThanOrEqual(WORKERS * 2);
      expect(calls).toBeLessThanOrEqual(WORKERS * (1 + Math.ceil(longest / 3000)));
      figures[`AssumeRole ${role.split('/')[1]}`] = calls;
    }
    figures['user metric lines'] = orderLines.length;
    reportFigures('managed instances', figures);
  }, 90_000);
});
