import type { ResolvedSettings } from '../config/settings.js';
import { ClientCacheCredentialsError } from '../errors.js';

type ExpirySettings = Pick<ResolvedSettings, 'ttlSeconds' | 'expiryBufferSeconds'>;

/**
 * When an entry stops being served: the buffer before its static credentials
 * expire (`expiration`, epoch ms), or the TTL from now. Providers (and roles)
 * refresh by themselves, so only the TTL applies to them.
 */
export function calculateEntryExpiry(
  expiration: number | undefined,
  settings: ExpirySettings,
  now: number,
): number {
  if (expiration === undefined) return now + settings.ttlSeconds * 1000;
  return expiration - settings.expiryBufferSeconds * 1000;
}

/** Refuses credentials that have already run out: a client built on them could only fail. */
export function assertNotExpired(
  expiration: number | undefined,
  now: number,
  field = 'credentials',
): void {
  if (expiration !== undefined && expiration <= now) {
    throw new ClientCacheCredentialsError(
      `\`${field}\` expired at ${new Date(expiration).toISOString()}; pass credentials that are still valid`,
    );
  }
}
