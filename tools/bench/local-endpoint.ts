import { resetDefaultClientCache } from '../../src/client-cache/default-cache.js';
import { type LocalAws, startLocalAws } from '../local-aws/index.js';

/**
 * Starts the local AWS endpoint and points the getters at it through the
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables. The process must have
 * been started with `NODE_EXTRA_CA_CERTS` (the bench script does that).
 */
export async function startBenchEndpoint(): Promise<LocalAws> {
  const endpoint = await startLocalAws();
  const { NODE_EXTRA_CA_CERTS: _readAtStartOnly, ...env } = endpoint.env;
  Object.assign(process.env, env);
  return endpoint;
}

/** A cold cache, pool and endpoint counters, as in a fresh execution environment. */
export function freshStart(endpoint: LocalAws): void {
  resetDefaultClientCache();
  endpoint.stats.reset();
}

/** Runs `count` jobs with at most `concurrency` at once. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  job: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
