// `aws-client-cache/compat`: the helpers of the hand-written cache this
// package replaces (its design promised them), for code
// that keys and times its own clients. New code needs none of them: the
// getters key, expire and rebuild clients by themselves.

import { calculateEntryExpiry } from './cache/expiry.js';
import { settingsOf } from './client-cache/client-cache.js';
import { defaultCacheOptions, defaultClientCache } from './client-cache/default-cache.js';
import type { ClientConfig, CredentialIdentity } from './config/client-cache-config.js';

/** A client and the instant (epoch ms) it stops being valid. */
export interface CachedClient<ClientType = unknown> {
  readonly client: ClientType;
  readonly expiresAt: number;
}

/**
 * The key the default cache files a client of `clientType` under for
 * `config`: `type:region:roleArn:profile` (`{}` gives
 * `"S3:default:none:none"`), then a segment per other option, secrets only
 * as fingerprints. Validates `config` as a getter would.
 */
export function generateCacheKey(clientType: string, config?: ClientConfig): string {
  return defaultClientCache().cacheKey(clientType, config);
}

/**
 * When a client built with these credentials should be replaced (epoch ms):
 * the expiry buffer (5 minutes by default) before they expire, or the TTL
 * (1 hour by default) from now, on the default cache's settings and clock.
 */
export function calculateExpirationTime(credentials?: Partial<CredentialIdentity>): number {
  const expiration = credentials?.expiration;
  const expiresAt = expiration instanceof Date ? expiration.getTime() : expiration;
  return calculateEntryExpiry(
    expiresAt,
    settingsOf(defaultClientCache()),
    (defaultCacheOptions().now ?? Date.now)(),
  );
}

/** True while `now < expiresAt`; invalid exactly at `expiresAt` and for `undefined`. */
export function isCachedClientValid(
  cached?: Pick<CachedClient, 'expiresAt'>,
  now: number = Date.now(),
): boolean {
  return cached !== undefined && now < cached.expiresAt;
}

/**
 * The client under `key` in the default cache, or `factory`'s, kept until
 * `expiresAt` (epoch ms) in the same bounded store as the getters' clients.
 * The text before the key's first colon names the client type in logs and
 * metrics (`custom` when there is none).
 */
export function getCachedClient<ClientType extends object>(
  key: string,
  factory: () => ClientType,
  expiresAt: number,
): ClientType {
  const clientType = key.split(':', 1)[0] || 'custom';
  return defaultClientCache().getOrCreateKeyed(key, clientType, factory, expiresAt);
}
