/**
 * Covers the rule that the cache's metrics helpers never cost the handler
 * anything: whatever the cache skips or throttles for its own figures, your
 * Metrics instance is flushed at the end of each invocation as Powertools
 * would (by the wrapper, or by your `logMetrics` under middy), and the cache
 * never makes `throwOnEmptyMetrics` fire. One regression test per case found
 * in issue 19; `metrics-model.test.ts` tries random schedules.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import {
  ClientCacheMetric,
  clientCacheMetrics,
  configureClientCache,
  getClientCacheStats,
  getS3Client,
  withClientCacheMetrics,
} from '../../../src/all.js';
import { captureDuring } from '../../support/capture-output.js';
import { COUNTERS, metricSum, parseEmf } from '../../support/emf.js';
import { Gate, managedInstance } from '../../support/managed-invocations.js';
import { useMetricsTestEnv } from '../../support/metrics-env.js';
import { loadMiddy } from '../../support/middy.js';

const middy = loadMiddy();

useMetricsTestEnv(4);

function userMetrics(): Metrics {
  return new Metrics({ namespace: 'UserNs', serviceName: 'user-svc' });
}

/** The values of the user's `Orders` metric in `stdout`, one per line that carries it. */
function ordersIn(stdout: string): number[] {
  return parseEmf(stdout)
    .filter((line) => 'Orders' in line)
    .map((line) => metricSum(line, 'Orders'));
}

describe('under Managed Instances concurrency (one Metrics store per invocation)', () => {
  it('flushes the own metrics of an invocation whose cache figures an overlapping one published (wrapper, your Metrics)', async () => {
    // Prepare: A and B both use the cache and record a metric; A ends first and publishes B's hits too.
    const instance = await managedInstance();
    // Rebuilt: the cache reads AWS_LAMBDA_MAX_CONCURRENCY when it is built.
    configureClientCache({ maxEntries: 4 });
    const metrics = userMetrics();
    const gates = { A: new Gate(), B: new Gate() };
    const handler = withClientCacheMetrics(
      async (event: { name: 'A' | 'B'; orders: number }) => {
        getS3Client({ region: 'eu-west-1' });
        metrics.addMetric('Orders', 'Count', event.orders);
        await gates[event.name].opened;
      },
      { metrics },
    );

    // Act
    const { output } = await captureDuring(async () => {
      const a = instance.invoke('A', () => handler({ name: 'A', orders: 1 }, {}));
      const b = instance.invoke('B', () => handler({ name: 'B', orders: 2 }, {}));
      gates.A.open();
      await a;
      gates.B.open();
      await b;
    });

    // Assess
    expect(ordersIn(output.stdout)).toEqual([1, 2]);
    const lines = parseEmf(output.stdout);
    expect(lines.reduce((sum, line) => sum + metricSum(line, ClientCacheMetric.Hit), 0)).toBe(
      getClientCacheStats().hits,
    );
    expect(output.stderr).toBe('');
  });

  it("never fails the second of two overlapping invocations of the README's middy setup with throwOnEmptyMetrics", async () => {
    // Prepare: the README handler records no metric of its own; only the cache fills its line.
    const instance = await managedInstance();
    // Rebuilt: the cache reads AWS_LAMBDA_MAX_CONCURRENCY when it is built.
    configureClientCache({ maxEntries: 4 });
    const metrics = userMetrics();
    const gates = { A: new Gate(), B: new Gate() };
    const handler = middy(async (event: { name: 'A' | 'B' }) => {
      getS3Client({ region: 'eu-west-1' });
      await gates[event.name].opened;
      return event.name;
    })
      .use(logMetrics(metrics, { throwOnEmptyMetrics: true }))
      .use(clientCacheMetrics({ metrics }));

    // Act
    const { result, output } = await captureDuring(async () => {
      const settle = (name: 'A' | 'B') =>
        instance
          .invoke(name, () => handler({ name }, {} as never))
          .catch((error: Error) => `${error.name}: ${error.message}`);
      const a = settle('A');
      const b = settle('B');
      gates.A.open();
      const first = await a;
      gates.B.open();
      return [first, await b];
    });

    // Assess: both succeed, each writes its line, and the counts still sum to the stats.
    expect(result).toEqual(['A', 'B']);
    const lines = parseEmf(output.stdout);
    expect(lines).toHaveLength(2);
    const stats = getClientCacheStats();
    for (const [metric, stat] of Object.entries(COUNTERS)) {
      const published = lines.reduce((sum, line) => sum + metricSum(line, metric), 0);
      expect({ metric, published }).toEqual({ metric, published: stats[stat] });
    }
  });
});

describe('without concurrency', () => {
  it('flushes your metric in an invocation that does not touch the cache (wrapper, your Metrics)', async () => {
    // Prepare
    const metrics = userMetrics();
    const handler = withClientCacheMetrics(
      async (event: { orders: number; useCache: boolean }) => {
        if (event.useCache) getS3Client({ region: 'eu-west-1' });
        metrics.addMetric('Orders', 'Count', event.orders);
      },
      { metrics },
    );

    // Act: the second invocation's line must be out when it returns, not with the third's.
    const lines: number[][] = [];
    for (const event of [
      { orders: 1, useCache: true },
      { orders: 2, useCache: false },
      { orders: 3, useCache: true },
    ]) {
      const { output } = await captureDuring(() => handler(event, {}));
      lines.push(ordersIn(output.stdout));
    }

    // Assess
    expect(lines).toEqual([[1], [2], [3]]);
  });

  it('flushes your metric in an invocation that does not touch the cache (wrapper, Metrics given to configureClientCache)', async () => {
    // Prepare
    const metrics = userMetrics();
    configureClientCache({ metrics });
    const handler = withClientCacheMetrics(async (event: { useCache: boolean }) => {
      if (event.useCache) getS3Client({ region: 'eu-west-1' });
      metrics.addMetric('Orders', 'Count', 1);
    });

    // Act
    await captureDuring(() => handler({ useCache: true }, {}));
    const { output } = await captureDuring(() => handler({ useCache: false }, {}));

    // Assess
    expect(ordersIn(output.stdout)).toEqual([1]);
  });
});
