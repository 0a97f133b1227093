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
import { runManagedInstance } from '../../../../tools/local-aws/managed-instance/run-instance.js';
import { useLocalAws } from '../../../../tools/local-aws/use-local-aws.js';
import { scaledTimeout } from '../../../support/cpu-contention.js';
import { COUNTERS, emfProblems, metricSum, parseEmf } from '../../../support/emf.js';
import { reportFigures } from '../../../support/reliability-report.js';

// This file's longest test was given 90 s on a quiet machine; scaled to the measured CPU contention.
jest.setTimeout(scaledTimeout(90_000));

const WORKERS = 2;
const CONCURRENCY = 32;
const DURATION_MS = 8000;
const LIFETIME_SECONDS = 12;
const ROLES = [0, 1, 2, 3].map((index) => `arn:aws:iam::123456789012:role/mi-${index}`);

describe('Lambda Managed Instances', () => {
  const local = useLocalAws();

  it('serves 2 workers x 32 concurrent invocations with exact metrics and shared credentials', async () => {
    // Prepare
    local.endpoint.faults.set('sts', { credentialsLifetimeSeconds: LIFETIME_SECONDS });

    // Act
    const { stdout, code, results } = await runManagedInstance(local.endpoint, {
      workers: WORKERS,
      concurrency: CONCURRENCY,
      durationMs: DURATION_MS,
      maxInvocations: 4000,
      roles: ROLES,
    });

    // Assess
    expect(code).toBe(0);
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
  });
});
