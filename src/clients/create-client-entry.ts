import type { CreatedEntry } from '../cache/client-store.js';
import { assertNotExpired, calculateEntryExpiry, credentialsExpire } from '../cache/expiry.js';
import type { CacheRuntime } from '../cache/runtime.js';
import type { ClientCacheConfig } from '../config/client-cache-config.js';
import {
  acquireProfileCredentials,
  acquireRoleCredentials,
  type CredentialContext,
  type SharedCredentials,
} from '../credentials/credential-registry.js';
import { sharedRequestHandler } from '../transport/shared-pool.js';

// biome-ignore lint/suspicious/noExplicitAny: SDK client constructors each take their own config type.
export type ClientConstructor<ClientType> = new (config: any) => ClientType;

/** What a service getter adds to every client it builds. */
export interface ServiceDefaults {
  /** SDK client config applied first; the caller's region and `additionalConfig` beat it. */
  readonly clientConfig?: Readonly<Record<string, unknown>>;
  /** Socket timeout for this service, when its calls are slower than the pool default. */
  readonly socketTimeoutMs?: number;
}

/** The SDK reads `expiration` as a `Date`; the cache also accepts epoch milliseconds. */
function forSdk(credentials: ClientCacheConfig['credentials']): ClientCacheConfig['credentials'] {
  return typeof credentials === 'object' && typeof credentials.expiration === 'number'
    ? { ...credentials, expiration: new Date(credentials.expiration) }
    : credentials;
}

function sharedCredentialsFor(
  config: ClientCacheConfig,
  context: CredentialContext,
): SharedCredentials | undefined {
  // Given credentials are used as they are; the cache only shares what it fetches itself.
  if (config.credentials !== undefined) return undefined;
  if (config.roleArn !== undefined) {
    return acquireRoleCredentials(
      {
        roleArn: config.roleArn,
        roleSessionName: config.roleSessionName,
        externalId: config.externalId,
        durationSeconds: config.durationSeconds,
        profile: config.profile,
      },
      context,
    );
  }
  if (config.profile !== undefined) return acquireProfileCredentials(config.profile, context);
  return undefined;
}

/**
 * The miss path, for a config already validated: build a client on the shared pool with the
 * shared credentials for its role. Nothing is kept if any step throws.
 */
export function createClientEntry<ClientType extends object>(
  ClientClass: ClientConstructor<ClientType>,
  config: ClientCacheConfig,
  defaults: ServiceDefaults,
  runtime: CacheRuntime,
): CreatedEntry {
  const { settings, now } = runtime;
  const createdAt = now();
  assertNotExpired(config.credentials, createdAt);
  const requestHandler = sharedRequestHandler({
    maxSockets: settings.maxSockets,
    connectionTimeoutMs: settings.connectionTimeoutMs,
    socketTimeoutMs: defaults.socketTimeoutMs ?? settings.socketTimeoutMs,
  });
  const shared = sharedCredentialsFor(config, {
    now,
    mandatoryLeadMs: settings.expiryBufferSeconds * 1000,
    requestHandler: sharedRequestHandler(settings),
    hooks: runtime.observer,
  });
  try {
    const built = new ClientClass({
      ...defaults.clientConfig,
      ...(config.region === undefined ? {} : { region: config.region }),
      requestHandler,
      credentials: forSdk(config.credentials) ?? shared?.provider,
      ...config.additionalConfig,
    });
    const client = runtime.observer?.instrumentClient?.(built) ?? built;
    return {
      client,
      expiresAt: calculateEntryExpiry(config.credentials, settings, createdAt),
      credentialsExpire: credentialsExpire(config.credentials),
      release: shared?.release,
    };
  } catch (error) {
    shared?.release();
    throw error;
  }
}
