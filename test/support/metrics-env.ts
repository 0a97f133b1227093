import { configureClientCache } from '../../src/all.js';
import { resetDefaultClientCache } from '../../src/client-cache/default-cache.js';
import { isolateEnv, setEnv } from './env.js';

/**
 * Every test of the file starts from a fresh cache of `maxEntries`, with the
 * Powertools metrics env set: its counts start at zero, so what a test
 * publishes is exactly what it did.
 */
export function useMetricsTestEnv(maxEntries: number): void {
  isolateEnv();
  beforeEach(() => {
    resetDefaultClientCache();
    setEnv({
      AWS_REGION: 'us-east-1',
      POWERTOOLS_METRICS_NAMESPACE: 'ClientCacheTest',
      POWERTOOLS_SERVICE_NAME: 'cache-svc',
      POWERTOOLS_METRICS_DISABLED: undefined,
      POWERTOOLS_DEV: undefined,
      POWERTOOLS_LOG_LEVEL: undefined,
    });
    configureClientCache({ maxEntries });
  });
  afterAll(() => {
    resetDefaultClientCache();
  });
}
