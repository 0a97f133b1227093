import type { ClientCacheConfig } from '../config/client-cache-config.js';
import type { ClientCacheSettings } from '../config/settings.js';
import { ClientCacheCredentialsError } from '../errors.js';

type ExpirySettings = Pick<ClientCacheSettings, 'ttlSeconds' | 'expiryBufferSeconds'>;

function expirationOf(credentials: ClientCacheConfig['credentials']): number | undefined {
  if (typeof credentials !== 'object' || credentials === null) return undefined;
  const { expiration } = credentials;
  return expiration instanceof Date ? expiration.getTime() : expiration;
}

/**
 * When an entry stops being served: the buffer before its static credentials
 * expire, or the TTL from now. Providers (and roles) refresh by themselves,
 * so only the TTL applies to them.
 */
export function credentialsExpire(credentials: ClientCacheConfig['credentials']): boolean {
  return expirationOf(credentials) !== undefined;
}

export function calculateEntryExpiry(
  credentials: ClientCacheConfig['credentials'],
  settings: ExpirySettings,
  now: number,
): number {
  const expiration = expirationOf(credentials);
  if (expiration === undefined) return now + settings.ttlSeconds * 1000;
  return expiration - settings.expiryBufferSeconds * 1000;
}

/** Refuses credentials that have already run out: a client built on them could only fail. */
export function assertNotExpired(credentials: ClientCacheConfig['credentials'], now: number): void {
  const expiration = expirationOf(credentials);
  if (expiration !== undefined && expiration <= now) {
    throw new ClientCacheCredentialsError(
      `\`credentials\` expired at ${new Date(expiration).toISOString()}; pass credentials that are still valid`,
    );
  }
}
