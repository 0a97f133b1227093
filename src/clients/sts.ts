import { STSClient } from '@aws-sdk/client-sts';
import { defineService } from '../client-cache/client-service.js';
import { getFromDefaultCache } from '../client-cache/default-cache.js';
import type { ClientConfig } from '../config/client-cache-config.js';

/** The `STSClient` service for `cache.get(STSService, config)` on a cache of your own. */
export const STSService = defineService(STSClient, 'STS');

/**
 * A cached `STSClient` for this config: the same instance for an equivalent
 * config, on the shared keep-alive pool and the role's shared credentials.
 *
 * @example
 * ```ts
 * import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
 * import { getSTSClient } from 'aws-client-cache/sts';
 *
 * const { Account } = await getSTSClient().send(new GetCallerIdentityCommand({}));
 * ```
 */
export function getSTSClient(config?: ClientConfig): STSClient {
  return getFromDefaultCache(STSService, config);
}
