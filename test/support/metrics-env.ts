import { configureClientCache, resetCacheRuntime } from '../../src/cache/runtime.js';
import { publishClientCacheMetrics } from '../../src/index.js';
import { captureOutput } from './capture-output.js';
import { isolateEnv, setEnv } from './env.js';

/**
 * Every test of the file starts from a fresh cache of `maxEntries`, with the
 * Powertools metrics env set and the process-wide counters already published,
 * so what a test publishes is exactly what it did.
 */
export function useMetricsTestEnv(maxEntries: number): void {
  isolateEnv();
  beforeEach(() => {
    resetCacheRuntime();
    setEnv({
      AWS_REGION: 'us-east-1',
      POWERTOOLS_METRICS_NAMESPACE: 'ClientCacheTest',
      POWERTOOLS_SERVICE_NAME: 'cache-svc',
      POWERTOOLS_METRICS_DISABLED: undefined,
      POWERTOOLS_DEV: undefined,
      POWERTOOLS_LOG_LEVEL: undefined,
    });
    configureClientCache({ maxEntries });
    const drain = captureOutput();
    publishClientCacheMetrics();
    drain.stop();
  });
  afterAll(() => {
    resetCacheRuntime();
  });
}
