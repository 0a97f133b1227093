import type { CredentialIdentity } from '../config/client-cache-config.js';
import { calculateEntryExpiry } from './expiry.js';
import { cacheRuntime } from './runtime.js';

/** A cached client and the instant (epoch ms) it stops being valid: the seed's shape. */
export interface CachedClient<ClientType = unknown> {
  readonly client: ClientType;
  readonly expiresAt: number;
}

/**
 * When a client built with these credentials should be replaced: the expiry
 * buffer (5 minutes) before they expire, or the TTL (1 hour) from now.
 */
export function calculateExpirationTime(credentials?: Partial<CredentialIdentity>): number {
  const { settings, now } = cacheRuntime();
  return calculateEntryExpiry(credentials as CredentialIdentity | undefined, settings, now());
}

/** True while `now < expiresAt`; invalid exactly at `expiresAt`. */
export function isCachedClientValid(cached?: Pick<CachedClient, 'expiresAt'>): boolean {
  return cached !== undefined && cacheRuntime().now() < cached.expiresAt;
}

/**
 * The seed's low-level entry point: the client cached under `key`, or a new
 * one from `factory`, kept until `expiresAt` in the same bounded store.
 */
export function getCachedClient<ClientType extends object>(
  key: string,
  factory: () => ClientType,
  expiresAt: number,
): ClientType {
  const clientType = key.split(':', 1)[0] || 'custom';
  return cacheRuntime().store.getOrCreate(key, clientType, undefined, () => ({
    client: factory(),
    expiresAt,
    // The seed's `expiresAt` is usually a credential expiry: check it exactly, never coarsely.
    credentialsExpire: true,
  })) as ClientType;
}
