import { CLIENT_CACHE_CONFIG_KEYS, type ClientCacheConfig } from '../config/client-cache-config.js';
import { ClientCacheConfigError } from '../errors.js';
import { fingerprintConfig, fingerprintCredentials, fingerprintText } from './fingerprint.js';

const KNOWN_KEYS: Readonly<Record<string, true>> = Object.fromEntries(
  CLIENT_CACHE_CONFIG_KEYS.map((key) => [key, true]),
);

/**
 * Rejects a misspelt option on every call, hits included: `{ roleARN }`
 * would otherwise key as "no role" and silently hand back the wrong client.
 */
export function assertKnownKeys(config: object): void {
  for (const key in config) {
    if (KNOWN_KEYS[key] !== true) {
      throw new ClientCacheConfigError(
        key,
        `\`${key}\` is not a ClientCacheConfig option; allowed: ${CLIENT_CACHE_CONFIG_KEYS.join(', ')}`,
      );
    }
  }
}

/**
 * The cache key: `type:region:roleArn:profile`, then a named segment for each
 * other option that is set. Region, role ARN and profile appear verbatim (the
 * seed's format: `{}` gives `"S3:default:none:none"`); credentials, external
 * id and `additionalConfig` only as short one-way fingerprints. Every segment
 * is colon-free except the ARN, which always has exactly five colons, so no
 * two valid configs share a key.
 */
export function generateCacheKey(clientType: string, config: ClientCacheConfig = {}): string {
  let key = `${clientType}:${config.region ?? 'default'}:${config.roleArn ?? 'none'}:${config.profile ?? 'none'}`;
  if (config.roleSessionName !== undefined) key += `:session=${config.roleSessionName}`;
  if (config.externalId !== undefined) key += `:external-id=${fingerprintText(config.externalId)}`;
  if (config.durationSeconds !== undefined) key += `:duration=${config.durationSeconds}`;
  if (config.credentials !== undefined) {
    key += `:credentials=${fingerprintCredentials(config.credentials)}`;
  }
  if (config.additionalConfig !== undefined) {
    key += `:config=${fingerprintConfig(config.additionalConfig)}`;
  }
  return key;
}
