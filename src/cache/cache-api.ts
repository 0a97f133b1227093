import { credentialCounters } from '../credentials/credential-counters.js';
import { forgetSharedCredentials } from '../credentials/credential-registry.js';
import { closeSharedPools, connectionCounters } from '../transport/shared-pool.js';
import { cacheRuntime, cumulativeCounts } from './runtime.js';

/** Cumulative counts since the process started, plus the current size. */
export interface ClientCacheStats {
  readonly hits: number;
  readonly misses: number;
  /** Entries pushed out by the `maxEntries` bound. */
  readonly evictions: number;
  /** Entries dropped because their credentials or TTL ran out. */
  readonly expirations: number;
  readonly size: number;
  readonly maxEntries: number;
  /** Connections the shared pool opened; `requestsSent / connectionsOpened` is the reuse figure. */
  readonly connectionsOpened: number;
  readonly requestsSent: number;
  /** Credential fetches by the cache (AssumeRole, profile reads), first ones included. */
  readonly credentialRefreshes: number;
  readonly credentialRefreshFailures: number;
}

export function getClientCacheStats(): ClientCacheStats {
  const { store } = cacheRuntime();
  return {
    ...cumulativeCounts(),
    size: store.size,
    maxEntries: store.maxEntries,
    ...connectionCounters(),
    ...credentialCounters,
  };
}

export function getClientCacheSize(): number {
  return cacheRuntime().store.size;
}

/**
 * Drops every cached client. The shared pool stays open: an in-flight
 * request on a dropped client completes normally.
 */
export function clearClientCache(): void {
  cacheRuntime().store.clear();
}

/**
 * For a graceful shutdown (a Lambda extension's SIGTERM, the end of a
 * script): drops every client and closes the shared pool's sockets. A getter
 * called afterwards starts over with a fresh pool.
 */
export function destroyClientCache(): void {
  clearClientCache();
  forgetSharedCredentials();
  closeSharedPools();
}
