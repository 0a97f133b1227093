import type { CreatedEntry } from '../cache/client-store.js';
import { assertNotExpired, calculateEntryExpiry } from '../cache/expiry.js';
import type { ClientSpec } from '../config/parse-client-config.js';
import { toSdkIdentity } from '../config/sdk-identity.js';
import type { ResolvedSettings } from '../config/settings.js';
import type { CredentialSets, SharedCredentials } from '../credentials/credential-sets.js';
import { invalidateRejectedCredentials } from '../credentials/rejected-credentials.js';
import type { ClientCacheObserver } from '../observers/cache-events.js';
import type { SharedPools } from '../transport/shared-pool.js';

// biome-ignore lint/suspicious/noExplicitAny: SDK client constructors each take their own config type.
export type ClientConstructor<ClientType> = new (config: any) => ClientType;

/** What a service getter adds to every client it builds. */
export interface ServiceDefaults {
  /** SDK client config applied first; the caller's region and `additionalConfig` beat it. */
  readonly clientConfig?: Readonly<Record<string, unknown>>;
  /** Socket timeout for this service, when its calls are slower than the pool default. */
  readonly socketTimeoutMs?: number;
}

/** What the factory builds with: one cache's settings, clock, pools, credential sets and observer. */
export interface ClientFactoryContext {
  readonly settings: ResolvedSettings;
  readonly now: () => number;
  readonly pools: SharedPools;
  readonly credentialSets: CredentialSets;
  readonly observer: ClientCacheObserver;
  /** Fingerprints the external id, which a credential set id never holds in clear. */
  readonly fingerprint: (text: string) => string;
}

function sharedCredentialsFor(
  spec: ClientSpec,
  context: ClientFactoryContext,
): SharedCredentials | undefined {
  // Given credentials are used as they are; the cache only shares what it fetches itself.
  if (spec.credentials !== undefined) return undefined;
  if (spec.roleArn !== undefined) {
    return context.credentialSets.acquireRole(
      {
        roleArn: spec.roleArn,
        roleSessionName: spec.roleSessionName,
        externalId: spec.externalId,
        durationSeconds: spec.durationSeconds,
        profile: spec.profile,
      },
      spec.externalId === undefined ? '' : context.fingerprint(spec.externalId),
    );
  }
  if (spec.profile !== undefined) return context.credentialSets.acquireProfile(spec.profile);
  return undefined;
}

/**
 * The miss path: build a client for a parsed spec on the shared pool, with
 * the shared credentials for its role. Nothing is kept if any step throws.
 */
export function createClientEntry<ClientType extends object>(
  ClientClass: ClientConstructor<ClientType>,
  spec: ClientSpec,
  defaults: ServiceDefaults,
  context: ClientFactoryContext,
): CreatedEntry {
  const { settings, now, pools, observer } = context;
  const createdAt = now();
  const staticIdentity = typeof spec.credentials === 'object' ? spec.credentials : undefined;
  const expiration = spec.signingExpiration?.at;
  assertNotExpired(expiration, createdAt, spec.signingExpiration?.field);
  const requestHandler = pools.handlerFor({
    maxSockets: settings.maxSockets,
    connectionTimeoutMs: settings.connectionTimeoutMs,
    socketTimeoutMs: defaults.socketTimeoutMs ?? settings.socketTimeoutMs,
  });
  const shared = sharedCredentialsFor(spec, context);
  try {
    const credentials =
      staticIdentity !== undefined
        ? toSdkIdentity(staticIdentity)
        : (spec.credentials ?? shared?.provider);
    const built = new ClientClass({
      ...defaults.clientConfig,
      ...(spec.region === undefined ? {} : { region: spec.region }),
      requestHandler,
      ...(credentials === undefined ? {} : { credentials }),
      ...spec.additionalConfig,
    });
    if (shared !== undefined) invalidateRejectedCredentials(built, shared.invalidate);
    const client = observer.instrumentClient?.(built) ?? built;
    return {
      client,
      expiresAt: calculateEntryExpiry(expiration, settings, createdAt),
      credentialsExpire: expiration !== undefined,
      release: shared?.release,
    };
  } catch (error) {
    shared?.release();
    throw error;
  }
}
