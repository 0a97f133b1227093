import { LRUCache } from 'lru-cache';
import { fingerprintText } from '../cache/fingerprint.js';
import type { CredentialProvider } from '../config/client-cache-config.js';
import type { PooledHttpHandler } from '../transport/pooled-http-handler.js';
import {
  assumeRoleFetch,
  DEFAULT_ROLE_SESSION_NAME,
  profileFetch,
  type RoleSource,
} from './credential-source.js';
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

/** How many credential sets no cached client uses are kept, most recently released first. */
export const IDLE_CREDENTIAL_SETS = 100;

// A role whose clients were all evicted often comes back soon, while its
// credentials are still good: assuming it again on every miss would cost an
// AssumeRole per miss when the cache is smaller than its working set.
// Bounded, so churn through any number of roles cannot grow it.
const idle = new LRUCache<string, RefreshingCredentials>({ max: IDLE_CREDENTIAL_SETS });

function acquire(id: string, create: () => RefreshingCredentials): SharedCredentials {
  let entry = registry.get(id);
  if (entry === undefined) {
    entry = { credentials: idle.get(id) ?? create(), users: 0 };
    idle.delete(id);
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
      if (held.users === 0 && registry.get(id) === held) {
        registry.delete(id);
        idle.set(id, held.credentials);
      }
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
    role.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
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

/** How many shared credential sets cached clients use; never more than the cached clients. */
export function sharedCredentialCount(): number {
  return registry.size;
}

export function forgetSharedCredentials(): void {
  registry.clear();
  idle.clear();
}
