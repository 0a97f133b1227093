import { LambdaClient } from '@aws-sdk/client-lambda';
import { defineService } from '../client-cache/client-service.js';
import { getFromDefaultCache } from '../client-cache/default-cache.js';
import type { ClientConfig } from '../config/client-cache-config.js';

/**
 * Invoke is synchronous, and the socket stays silent until the called
 * function returns, which may take its whole 15-minute timeout. Any shorter
 * idle timeout would cut a healthy call, and the SDK would retry it,
 * invoking the function again. So the socket timeout is 15 minutes and a
 * few seconds; your own function's timeout bounds a hung call. Standard
 * retry with 3 attempts, as the cache this package replaces had.
 */
const DEFAULTS = Object.freeze({
  clientConfig: Object.freeze({ maxAttempts: 3, retryMode: 'standard' }),
  socketTimeoutMs: 905_000,
});

/** The `LambdaClient` service for `cache.get(LambdaService, config)` on a cache of your own. */
export const LambdaService = defineService(LambdaClient, 'Lambda', DEFAULTS);

/**
 * A cached `LambdaClient` for this config, with retry settings for Invoke.
 *
 * @example
 * ```ts
 * import { InvokeCommand } from '@aws-sdk/client-lambda';
 * import { getLambdaClient } from 'aws-client-cache/lambda';
 *
 * const result = await getLambdaClient().send(
 *   new InvokeCommand({ FunctionName: 'leases', Payload: JSON.stringify({ leaseId }) }),
 * );
 * ```
 */
export function getLambdaClient(config?: ClientConfig): LambdaClient {
  return getFromDefaultCache(LambdaService, config);
}
