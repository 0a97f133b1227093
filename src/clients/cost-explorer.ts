import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { defineService } from '../client-cache/client-service.js';
import { getFromDefaultCache } from '../client-cache/default-cache.js';
import type { ClientConfig } from '../config/client-cache-config.js';

/**
 * Cost Explorer has one endpoint, in us-east-1, a low request rate limit
 * (hence adaptive retry with 5 attempts), and GetCostAndUsage queries over
 * many accounts or resources that take seconds: the pool's 3 s socket
 * timeout would cut them, so it gets 30 s.
 */
const DEFAULTS = Object.freeze({
  clientConfig: Object.freeze({ region: 'us-east-1', maxAttempts: 5, retryMode: 'adaptive' }),
  socketTimeoutMs: 30_000,
});

/** The `CostExplorerClient` service for `cache.get(CostExplorerService, config)` on a cache of your own. */
export const CostExplorerService = defineService(CostExplorerClient, 'CostExplorer', DEFAULTS);

/**
 * A cached `CostExplorerClient`: `us-east-1` unless `region` says otherwise,
 * 5 attempts with adaptive retry.
 *
 * @example
 * ```ts
 * import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
 * import { getCostExplorerClient } from 'aws-client-cache/cost-explorer';
 *
 * const ce = getCostExplorerClient({ roleArn: process.env.COST_ROLE_ARN });
 * const costs = await ce.send(new GetCostAndUsageCommand(query));
 * ```
 */
export function getCostExplorerClient(config?: ClientConfig): CostExplorerClient {
  return getFromDefaultCache(CostExplorerService, config);
}
