import { assertKnownKeys, generateCacheKey } from '../cache/cache-key.js';
import type { SimpleConfigPath } from '../cache/hit-index.js';
import { cacheRuntime } from '../cache/runtime.js';
import type { ClientCacheConfig } from '../config/client-cache-config.js';
import { validateClientConfig } from '../config/validate-client-config.js';
import {
  type ClientConstructor,
  createClientEntry,
  type ServiceDefaults,
} from './create-client-entry.js';

const NO_CONFIG: ClientCacheConfig = Object.freeze({});

/** Configs of only region and role go in the hit index; everything else is keyed. */
function simplePathOf(clientType: string, config: ClientCacheConfig): SimpleConfigPath | undefined {
  for (const field in config) {
    if (field !== 'region' && field !== 'roleArn') return undefined;
  }
  return { clientType, region: config.region, roleArn: config.roleArn };
}

/**
 * Every getter comes here. A simple config (region and role) hits
 * through the hit index: a few map lookups. Anything else is checked for
 * unknown keys and looked up by its full key; validation and construction
 * wait for the miss, which counts even when validation then rejects it.
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
  if (typeof options !== 'object' || options === null) validateClientConfig(options);
  assertKnownKeys(options);
  return runtime.store.getOrCreate(
    generateCacheKey(clientType, options),
    clientType,
    options.region,
    () => createClientEntry(ClientClass, options, defaults, runtime),
    simplePathOf(clientType, options),
  ) as ClientType;
}
