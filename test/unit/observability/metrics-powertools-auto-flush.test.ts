/**
 * The cache never fails a handler through its metrics, even when Powertools
 * flushes your store by itself: it writes a line as soon as one metric holds
 * 100 values, and a store emptied that way makes your `logMetrics` with
 * `throwOnEmptyMetrics` throw. A publish carries at most 99 creation times,
 * but two publishes into one store (a `publishClientCacheMetrics(metrics)`
 * during the invocation, then the middleware) can carry 100. The invariant
 * tried: the invocation settles as it would without the cache, and the
 * cache's EMF sums equal its stats.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import {
  clientCacheMetrics,
  configureClientCache,
  getClientCacheStats,
  getS3Client,
  publishClientCacheMetrics,
} from '../../../src/all.js';
import { captureDuring } from '../../support/capture-output.js';
import { COUNTERS, metricSum, metricValues, parseEmf } from '../../support/emf.js';
import { useMetricsTestEnv } from '../../support/metrics-env.js';
import { loadMiddy } from '../../support/middy.js';

const middy = loadMiddy();

useMetricsTestEnv(4);

it('never leaves your store empty for logMetrics when Powertools flushes it at 100 values', async () => {
  // Prepare: room for every client, so each getter call is a miss with a creation time
  configureClientCache({ maxEntries: 200 });
  const metrics = new Metrics({ namespace: 'UserNs', serviceName: 'user-svc' });
  const work = async (): Promise<string> => {
    getS3Client({ region: 'eu-test-0' });
    publishClientCacheMetrics(metrics);
    for (let index = 1; index < 100; index++) getS3Client({ region: `eu-test-${index}` });
    return 'handler returned';
  };
  const handler = middy(work)
    .use(logMetrics(metrics, { throwOnEmptyMetrics: true }))
    .use(clientCacheMetrics({ metrics }));

  // Act
  const { result, output } = await captureDuring(() =>
    handler({}, {} as never).then(
      (value) => value,
      (error: Error) => `${error.name}: ${error.message}`,
    ),
  );

  // Assess: the handler's own result, and every count out once
  expect(result).toBe('handler returned');
  const stats = getClientCacheStats();
  const lines = parseEmf(output.stdout);
  for (const [metric, stat] of Object.entries(COUNTERS)) {
    const published = lines.reduce((sum, line) => sum + metricSum(line, metric), 0);
    expect({ metric, published }).toEqual({ metric, published: stats[stat] });
  }
  // One creation time per client: 1 in the first publish, 99 in the second.
  const creationTimes = lines.flatMap((line) => metricValues(line, 'ClientCreationTime'));
  expect(creationTimes).toHaveLength(100);
});
