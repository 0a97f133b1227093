import { scaledTimeout } from './cpu-contention.js';

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
