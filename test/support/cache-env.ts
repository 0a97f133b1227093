import type { LocalAws } from '../../tools/local-aws/index.js';
import { scaledTimeout } from './cpu-contention.js';
import { useFreshCache } from './fresh-cache.js';

/** @deprecated use `useFreshCache({ against: endpoint })`. */
export function useCacheAgainst(endpoint: () => LocalAws): void {
  useFreshCache({ against: endpoint });
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
