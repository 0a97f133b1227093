import { configureClientCache } from '../../src/all.js';
import { type FreshCaches, useFreshCache } from './fresh-cache.js';

/** The Powertools metrics env every metrics test runs under: its namespace and service, nothing disabled. */
export const METRICS_ENV = {
  POWERTOOLS_METRICS_NAMESPACE: 'ClientCacheTest',
  POWERTOOLS_SERVICE_NAME: 'cache-svc',
  POWERTOOLS_METRICS_DISABLED: undefined,
  POWERTOOLS_DEV: undefined,
  POWERTOOLS_LOG_LEVEL: undefined,
} as const;

/**
 * Every test of the file starts from the fresh-cache fixture with the
 * Powertools metrics env set and, when `maxEntries` is given, the default
 * cache configured to it: its counts start at zero, so what a test
 * publishes is exactly what it did.
 */
export function useMetricsTestEnv(maxEntries?: number): FreshCaches {
  const fresh = useFreshCache({ env: METRICS_ENV });
  if (maxEntries !== undefined) {
    beforeEach(() => {
      configureClientCache({ maxEntries });
    });
  }
  return fresh;
}
