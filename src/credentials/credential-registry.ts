import { fingerprintText } from '../cache/fingerprint.js';
import type { CredentialProvider } from '../config/client-cache-config.js';
import type { PooledHttpHandler } from '../transport/pooled-http-handler.js';
import { assumeRoleFetch, profileFetch, type RoleSource } from './credential-source.js';
import { type RefreshHooks, RefreshingCredentials } from './refreshing-credentials.js';

export interface CredentialContext {
  readonly now: () => number;
  readonly mandatoryLeadMs: number;
  readonly requestHandler: PooledHttpHandler;
  readonly hooks?: RefreshHooks;
}

export interface SharedCredentials {
  readonly provider: CredentialProvider;
  /** Drops this user's hold; the set is forgotten when no cached client uses it. */
  readonly release: () => void;
}

interface RegistryEntry {
  readonly credentials: RefreshingCredentials;
  users: number;
}

// One credential set per role identity (or profile), shared by every client
// of every service and region that uses it. Reference-counted by the cache
// entries that hold it, so it never outgrows the cache.
const registry = new Map<string, RegistryEntry>();

function acquire(id: string, create: () => RefreshingCredentials): SharedCredentials {
  let entry = registry.get(id);
  if (entry === undefined) {
    entry = { credentials: create(), users: 0 };
    registry.set(id, entry);
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    provider: held.credentials.provide,
    release: () => {
      if (released) return;
      released = true;
      held.users--;
      if (held.users === 0 && registry.get(id) === held) registry.delete(id);
    },
  };
}

export function acquireRoleCredentials(
  role: RoleSource,
  context: CredentialContext,
): SharedCredentials {
  const id = [
    'role',
    role.roleArn,
    role.roleSessionName ?? '',
    role.externalId === undefined ? '' : fingerprintText(role.externalId),
    role.durationSeconds ?? '',
    role.profile ?? '',
  ].join('|');
  return acquire(
    id,
    () =>
      new RefreshingCredentials({
        source: role.roleArn,
        fetch: assumeRoleFetch(role, context.requestHandler),
        now: context.now,
        mandatoryLeadMs: context.mandatoryLeadMs,
        hooks: context.hooks,
      }),
  );
}

export function acquireProfileCredentials(
  profile: string,
  context: CredentialContext,
): SharedCredentials {
  return acquire(
    `profile|${profile}`,
    () =>
      new RefreshingCredentials({
        source: `profile ${profile}`,
        fetch: profileFetch(profile),
        now: context.now,
        mandatoryLeadMs: context.mandatoryLeadMs,
        hooks: context.hooks,
      }),
  );
}

/** How many shared credential sets are alive; never more than the cached clients. */
export function sharedCredentialCount(): number {
  return registry.size;
}

export function forgetSharedCredentials(): void {
  registry.clear();
}
