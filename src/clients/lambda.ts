import { LambdaClient } from '@aws-sdk/client-lambda';
import type { ClientCacheConfig } from '../config/client-cache-config.js';
import { getServiceClient } from './get-service-client.js';

/**
 * Invoke is synchronous: the called function's run time counts against the
 * socket timeout. The pool's 3 s would cut a slower function, and the SDK
 * would then retry, invoking it twice; 30 s leaves room and still bounds a
 * hung call. Standard retry with 3 attempts is the seed's setting.
 */
const DEFAULTS = Object.freeze({
  clientConfig: Object.freeze({ maxAttempts: 3, retryMode: 'standard' }),
  socketTimeoutMs: 30_000,
});

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
export function getLambdaClient(config?: ClientCacheConfig): LambdaClient {
  return getServiceClient(LambdaClient, 'Lambda', config, DEFAULTS);
}
