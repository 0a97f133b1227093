/**
 * Covers the three ways to publish the cache's figures: the function, the
 * middy middleware beside Powertools `logMetrics`, and the plain wrapper.
 * They publish the same metrics for the same activity; the middleware joins
 * the user's one line per invocation (on success and on error) without
 * Powertools' empty-store warning; and POWERTOOLS_METRICS_DISABLED silences
 * the cache's own instance.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import {
  ClientCacheMetric,
  ClientCacheMetricUnit,
  clientCacheMetrics,
  configureClientCache,
  getS3Client,
  publishClientCacheMetrics,
  withClientCacheMetrics,
} from '../../../src/all.js';
import { resetDefaultClientCache } from '../../../src/client-cache/default-cache.js';
import { type CapturedOutput, captureDuring } from '../../support/capture-output.js';
import { type EmfDocument, metricValues, parseEmf } from '../../support/emf.js';
import { setEnv } from '../../support/env.js';
import { useMetricsTestEnv } from '../../support/metrics-env.js';
import { loadMiddy } from '../../support/middy.js';

const EMPTY_STORE_WARNING = 'No application metrics to publish';

const middy = loadMiddy();

useMetricsTestEnv(2);

function userMetrics(): Metrics {
  return new Metrics({ namespace: 'UserNs', serviceName: 'user-svc' });
}

/** One invocation's cache work: 3 misses (one evicting), 7 hits, across await points. */
async function cacheWork(): Promise<void> {
  getS3Client({ region: 'eu-west-1' });
  await Promise.resolve();
  for (let call = 0; call < 4; call++) getS3Client({ region: 'eu-west-1' });
  getS3Client({ region: 'eu-west-2' });
  await new Promise((resolve) => setImmediate(resolve));
  for (let call = 0; call < 3; call++) getS3Client({ region: 'eu-west-2' });
  getS3Client({ region: 'eu-west-3' });
}

/** The cache's figures in a line: each count, the size, and how many creation times. */
function cacheFigures(line: EmfDocument): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [name, unit] of Object.entries(ClientCacheMetricUnit)) {
    figures[name] = unit === 'Count' ? (line[name] as number) : metricValues(line, name).length;
  }
  return figures;
}

function emfLines(output: CapturedOutput): EmfDocument[] {
  return parseEmf(output.stdout);
}

it('publishes the same metrics through the function, the middleware and the wrapper', async () => {
  // Prepare
  const metrics = userMetrics();
  const viaMiddleware = middy(cacheWork)
    .use(logMetrics(metrics))
    .use(clientCacheMetrics({ metrics }));
  const viaWrapper = withClientCacheMetrics(cacheWork);
  const paths = {
    function: async () => {
      await cacheWork();
      publishClientCacheMetrics();
    },
    middleware: () => viaMiddleware({}, {} as never),
    wrapper: () => viaWrapper({}, {}),
  };

  // Act
  const figures: Record<string, Record<string, number>> = {};
  for (const [path, invoke] of Object.entries(paths)) {
    resetDefaultClientCache();
    configureClientCache({ maxEntries: 2 });
    const { output } = await captureDuring(invoke);
    const lines = emfLines(output);
    expect({ path, lines: lines.length }).toEqual({ path, lines: 1 });
    figures[path] = cacheFigures(lines[0] as EmfDocument);
  }

  // Assess
  expect(figures.function).toMatchObject({
    ClientCacheHit: 7,
    ClientCacheMiss: 3,
    ClientCacheEviction: 1,
    ClientCacheSize: 2,
    ClientCreationTime: 3,
  });
  expect(figures.middleware).toEqual(figures.function);
  expect(figures.wrapper).toEqual(figures.function);
});

describe('middy with logMetrics and clientCacheMetrics on one Metrics instance', () => {
  function handlerWith(metrics: Metrics, work: () => Promise<void>) {
    return middy(work).use(logMetrics(metrics)).use(clientCacheMetrics({ metrics }));
  }

  it("writes one line per invocation with the user's metric and the cache's", async () => {
    // Prepare
    const metrics = userMetrics();
    const handler = handlerWith(metrics, async () => {
      metrics.addMetric('Orders', 'Count', 2);
      await cacheWork();
    });

    for (const invocation of [1, 2]) {
      // Act
      const { output } = await captureDuring(() => handler({}, {} as never));

      // Assess
      const lines = emfLines(output);
      expect({ invocation, lines: lines.length }).toEqual({ invocation, lines: 1 });
      const line = lines[0] as EmfDocument;
      expect(line.Orders).toBe(2);
      expect(line[ClientCacheMetric.Hit]).toBeGreaterThan(0);
      expect(line._aws.CloudWatchMetrics.map((directive) => directive.Namespace)).toEqual([
        'UserNs',
      ]);
      expect(output.all).not.toContain(EMPTY_STORE_WARNING);
      expect(output.stderr).toBe('');
    }
  });

  it('joins the line with only cache figures, and on error, without the empty-store warning', async () => {
    // Prepare
    const metrics = userMetrics();
    const succeeds = handlerWith(metrics, cacheWork);
    const fails = handlerWith(metrics, async () => {
      await cacheWork();
      throw new Error('handler failed');
    });

    // Act
    const success = await captureDuring(() => succeeds({}, {} as never));
    const failure = await captureDuring(() =>
      fails({}, {} as never).then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
    );

    // Assess
    expect(failure.result).toBe('handler failed');
    for (const { output } of [success, failure]) {
      const lines = emfLines(output);
      expect(lines).toHaveLength(1);
      expect((lines[0] as EmfDocument)[ClientCacheMetric.Miss]).toBeGreaterThan(0);
      expect(output.all).not.toContain(EMPTY_STORE_WARNING);
    }
  });
});

it('writes nothing with POWERTOOLS_METRICS_DISABLED=true', async () => {
  // Prepare: a fresh module graph, so the cache makes its own Metrics under this env.
  setEnv({ POWERTOOLS_METRICS_DISABLED: 'true' });
  let misses = 0;
  let written = '<not run>';

  // Act
  await jest.isolateModulesAsync(async () => {
    const cache = await import('../../../src/all.js');
    const handler = cache.withClientCacheMetrics(async () => {
      cache.getS3Client({ region: 'eu-west-1' });
      cache.getS3Client({ region: 'eu-west-1' });
    });
    const { output } = await captureDuring(async () => {
      await handler({}, {});
      cache.getS3Client({ region: 'eu-west-2' });
      cache.publishClientCacheMetrics();
    });
    misses = cache.getClientCacheStats().misses;
    written = output.all;
  });

  // Assess
  expect(misses).toBe(2);
  expect(written).toBe('');
});
