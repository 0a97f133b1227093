import { ClientCacheConfigError } from '../../src/all.js';
import { resetDefaultClientCache } from '../../src/client-cache/default-cache.js';
import { isolateEnv, setEnv } from './env.js';

/**
 * Gives every test of the file a fresh cache that reads env anew, with
 * `process.env` restored afterwards and `AWS_REGION` set, as in Lambda.
 */
export function useFreshCache(): void {
  isolateEnv();
  beforeEach(() => {
    resetDefaultClientCache();
    setEnv({ AWS_REGION: 'us-east-1' });
  });
  afterAll(() => {
    resetDefaultClientCache();
  });
}

/** The `ClientCacheConfigError` that `action` throws; fails the test on anything else. */
export function configErrorFrom(action: () => unknown): ClientCacheConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ClientCacheConfigError) return error;
    throw error;
  }
  throw new Error('expected a ClientCacheConfigError, but nothing was thrown');
}
