// The default cache, held lazily as Powertools holds its default providers:
// built on first use, configured before that, destroyed and reset. The
// package's functions on it live in default-cache-functions.ts.
import type { ClientConfig } from '../config/client-cache-config.js';
import { ClientCacheConfigError } from '../errors.js';
import { ClientCache } from './client-cache.js';
import type { ClientCacheOptions } from './client-cache-options.js';
import type { ClientService } from './client-service.js';

// The only mutable module state: the default cache, the options it is built with, its shutdown,
// and the last one ended.
let configured: ClientCacheOptions = {};
let instance: ClientCache | undefined;
// What a stats read reports after `destroyClientCache()`, until a new default cache is built.
let lastEnded: ClientCache | undefined;
// The drain of the default caches ended so far, which `destroyClientCache()` hands every caller.
let shutdown: Promise<void> | undefined;

/** The cache the package's getters use, built on first use: env is read and validated then, once. */
export function defaultClientCache(): ClientCache {
  instance ??= new ClientCache(configured);
  return instance;
}

/** The default cache if one is built now: for reads that must not build one. */
export function existingDefaultCache(): ClientCache | undefined {
  return instance;
}

/**
 * The cache a stats read reports: the default cache, or after `destroyClientCache()` the one it
 * ended (its final counts), until a new one is built. Built only if there never was one.
 */
export function reportedDefaultCache(): ClientCache {
  return instance ?? lastEnded ?? defaultClientCache();
}

/** The options the default cache is (or will be) built with, without building it. */
export function defaultCacheOptions(): Readonly<ClientCacheOptions> {
  return configured;
}

/** The getters' one path into the default cache. */
export function getFromDefaultCache<ClientType extends object>(
  service: ClientService<ClientType>,
  config: ClientConfig | undefined,
): ClientType {
  return (instance ?? defaultClientCache()).get(service, config);
}

/**
 * Sets options for the default cache; explicit options beat env vars, which
 * beat defaults, and each call adds to the previous ones. It has one
 * meaning: every client is built with the options in force. So it is
 * refused once the default cache has built a client: call it at module
 * scope, before the first getter, or `await destroyClientCache()` first.
 */
export function configureClientCache(options: ClientCacheOptions): void {
  if (instance?.hasBuiltClients) {
    throw new ClientCacheConfigError(
      'configureClientCache',
      '`configureClientCache` must run before the default cache builds its first client (at module scope, at cold start); call `destroyClientCache()` first to start over',
    );
  }
  const merged = { ...configured, ...options };
  const next = new ClientCache(merged);
  const previous = instance;
  configured = merged;
  instance = next;
  // It built nothing, but may hold pools (a stats read, a failed getter).
  void previous?.destroy();
}

/**
 * For a graceful shutdown (a Lambda extension's SIGTERM, the end of a
 * script): ends the default cache (its clients, credential sets and pools).
 * A getter called afterwards starts a new one with the same options.
 */
export function destroyClientCache(): Promise<void> {
  const current = instance;
  instance = undefined;
  // A second call while the first drains gets the same promise, so a shutdown hook that awaits
  // it never cuts requests in flight; a cache built in between is ended too.
  if (current !== undefined) {
    lastEnded = current;
    const ending = current.destroy();
    shutdown =
      shutdown === undefined ? ending : Promise.all([shutdown, ending]).then(() => undefined);
  }
  return shutdown ?? Promise.resolve();
}

/**
 * Forgets the default cache and its options, ending it in the background:
 * the next use builds a new one and reads env again. For tests and benchmarks.
 */
export function resetDefaultClientCache(): void {
  configured = {};
  void destroyClientCache();
  lastEnded = undefined;
}
