import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { defineService } from '../client-cache/client-service.js';
import { getFromDefaultCache } from '../client-cache/default-cache.js';
import type { ClientConfig } from '../config/client-cache-config.js';

/** The `EventBridgeClient` service for `cache.get(EventBridgeService, config)` on a cache of your own. */
export const EventBridgeService = defineService(EventBridgeClient, 'EventBridge');

/**
 * A cached `EventBridgeClient` for this config: the same instance for an equivalent
 * config, on the shared keep-alive pool and the role's shared credentials.
 *
 * @example
 * ```ts
 * import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
 * import { getEventBridgeClient } from 'aws-client-cache/eventbridge';
 *
 * await getEventBridgeClient().send(new PutEventsCommand({ Entries: [entry] }));
 * ```
 */
export function getEventBridgeClient(config?: ClientConfig): EventBridgeClient {
  return getFromDefaultCache(EventBridgeService, config);
}
