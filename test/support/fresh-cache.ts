import { ClientCacheConfigError } from '../../src/all.js';
import { ClientCache } from '../../src/client-cache/client-cache.js';
import type { ClientCacheOptions } from '../../src/client-cache/client-cache-options.js';
import { resetDefaultClientCache } from '../../src/client-cache/default-cache.js';
import type { LocalAws } from '../../tools/local-aws/index.js';
import { isolateEnv, setEnv } from './env.js';

/** What every test of a file starts from. */
export interface FreshCacheOptions {
  /** Points the getters at this local endpoint through its `AWS_ENDPOINT_URL_<SERVICE>` variables. */
  readonly against?: () => LocalAws;
  /** Env for every test, set after the cache's own variables are cleared; `AWS_REGION` is `us-east-1` unless given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Builds caches owned by the current test, each destroyed when it ends. */
export interface FreshCaches {
  cache(options?: ClientCacheOptions): ClientCache;
}

/**
 * The one fresh-cache fixture. Every test of the file gets a fresh default
 * cache that reads env anew, `process.env` restored afterwards (the cache's
 * `CLIENT_CACHE_*` variables cleared before), `AWS_REGION` set as in Lambda,
 * and caches of its own from `cache(options)`, destroyed when it ends.
 * `NODE_EXTRA_CA_CERTS` for the local endpoint is set by `npm test` itself:
 * Node reads it only at start-up.
 */
export function useFreshCache(options: FreshCacheOptions = {}): FreshCaches {
  const owned: ClientCache[] = [];
  isolateEnv();
  beforeEach(() => {
    resetDefaultClientCache();
    const { NODE_EXTRA_CA_CERTS: _readAtStartOnly, ...endpointEnv } = options.against?.().env ?? {};
    setEnv({ AWS_REGION: 'us-east-1', ...endpointEnv, ...options.env });
  });
  afterEach(async () => {
    await Promise.all(owned.splice(0).map((cache) => cache.destroy()));
  });
  afterAll(() => {
    resetDefaultClientCache();
  });
  return {
    cache(cacheOptions?: ClientCacheOptions): ClientCache {
      const cache = new ClientCache(cacheOptions);
      owned.push(cache);
      return cache;
    },
  };
}

/** The error of class `ErrorClass` that `action` throws; fails the test on anything else. */
export function errorFrom<ErrorType extends Error>(
  ErrorClass: new (...args: never[]) => ErrorType,
  action: () => unknown,
): ErrorType {
  try {
    action();
  } catch (error) {
    if (error instanceof ErrorClass) return error;
    throw error;
  }
  throw new Error(`expected a ${ErrorClass.name}, but nothing was thrown`);
}

/** The `ClientCacheConfigError` that `action` throws; fails the test on anything else. */
export function configErrorFrom(action: () => unknown): ClientCacheConfigError {
  return errorFrom(ClientCacheConfigError, action);
}
