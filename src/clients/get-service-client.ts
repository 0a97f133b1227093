import { assertKnownKeys, generateCacheKey } from '../cache/cache-key.js';
import { isSimpleConfig, type SimpleConfigPath } from '../cache/hit-index.js';
import { cacheRuntime } from '../cache/runtime.js';
import type { ClientCacheConfig } from '../config/client-cache-config.js';
import { validateClientConfig } from '../config/validate-client-config.js';
import {
  type ClientConstructor,
  createClientEntry,
  type ServiceDefaults,
} from './create-client-entry.js';

const NO_CONFIG: ClientCacheConfig = Object.freeze({});

/** Simple configs go in the hit index; everything else is found by its full key. */
function simplePathOf(clientType: string, config: ClientCacheConfig): SimpleConfigPath | undefined {
  return isSimpleConfig(config)
    ? { clientType, region: config.region, roleArn: config.roleArn }
    : undefined;
}

/**
 * Every getter comes here. A simple config (region and role) hits
 * through the hit index: a few map lookups. Anything else is validated,
 * then looked up by its full key; construction waits for the miss.
 */
export function getServiceClient<ClientType extends object>(
  ClientClass: ClientConstructor<ClientType>,
  clientType: string,
  config: ClientCacheConfig | undefined,
  defaults: ServiceDefaults,
): ClientType {
  const options = config ?? NO_CONFIG;
  const runtime = cacheRuntime();
  const hit =
    typeof options === 'object' && options !== null && runtime.store.getSimple(clientType, options);
  if (hit) return hit as ClientType;
  // Checked before the key is built: `{ durationSeconds: '3600' }` must not
  // find the client of `{ durationSeconds: 3600 }`, nor a symbol break the key.
  validateClientConfig(options);
  assertKnownKeys(options);
  return runtime.store.getOrCreate(
    generateCacheKey(clientType, options),
    clientType,
    options.region,
    () => createClientEntry(ClientClass, options, defaults, runtime),
    simplePathOf(clientType, options),
  ) as ClientType;
}
