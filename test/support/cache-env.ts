import { resetDefaultClientCache } from '../../src/client-cache/default-cache.js';
import type { LocalAws } from '../../tools/local-aws/index.js';
import { scaledTimeout } from './cpu-contention.js';

/**
 * Points the cache's getters at the local endpoint through the standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables for the tests of one file, and gives
 * each test a fresh default cache (its own pool, counters and credentials). `NODE_EXTRA_CA_CERTS` is
 * set by `npm test` itself: Node reads it only at start-up.
 */
export function useCacheAgainst(endpoint: () => LocalAws): void {
  const saved = { ...process.env };
  beforeAll(() => {
    const { NODE_EXTRA_CA_CERTS: _readAtStartOnly, ...env } = endpoint().env;
    Object.assign(process.env, env);
  });
  afterAll(() => {
    resetDefaultClientCache();
    process.env = saved;
  });
  beforeEach(() => {
    resetDefaultClientCache();
  });
}

/** Resolves once `condition` holds, polling every few ms; fails after `timeoutMs` (5 s on a quiet machine). */
export async function eventually(
  condition: () => boolean,
  timeoutMs = scaledTimeout(5000),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
