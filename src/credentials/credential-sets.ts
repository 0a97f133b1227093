import { LruMap } from '../collections/lru-map.js';
import { type CacheCounters, newCacheCounters } from '../observers/cache-counters.js';
import type { RefreshHooks } from '../observers/refresh-events.js';
import type { PooledHttpHandler } from '../transport/pooled-http-handler.js';
import {
  assumeRoleFetch,
  DEFAULT_ROLE_SESSION_NAME,
  profileFetch,
  type RoleSource,
} from './credential-source.js';
import {
  RefreshingCredentials,
  type RefreshingCredentialsOptions,
  type SharedProvider,
} from './refreshing-credentials.js';

interface CredentialSetsOptions {
  readonly now: () => number;
  /** Default: the SDKs' 1 minute; tests shorten or lengthen it. */
  readonly mandatoryWindowMs?: number;
  /** The pool STS calls go through. */
  readonly requestHandler: PooledHttpHandler;
  readonly hooks?: RefreshHooks;
  /** The function's own region (`AWS_REGION`), for choosing an STS endpoint. */
  readonly functionRegion: string | undefined;
  /** The cache's counters record; default a fresh one. */
  readonly counters?: CacheCounters;
  /** Whether the owning cache has begun its shutdown. */
  readonly isClosed?: () => boolean;
}

export interface SharedCredentials {
  readonly provider: SharedProvider;
  /** A service rejected the credentials with this key id as expired: never hand them out again. */
  readonly invalidate: (accessKeyId: string) => void;
  /** Drops this user's hold; the set is forgotten when no cached client uses it. */
  readonly release: () => void;
}

interface HeldSet {
  readonly credentials: RefreshingCredentials;
  users: number;
}

/** How many credential sets no cached client uses are kept, most recently released first. */
const IDLE_CREDENTIAL_SETS = 100;

/**
 * One cache's credential sets: one per role identity (or profile), shared
 * by every client of every service and region that uses it, and
 * reference-counted by the cache entries that hold it, so it never outgrows
 * the cache. Every set is built with this instance's clock, window and
 * hooks: a cache built with other options has other sets.
 */
export class CredentialSets {
  readonly counters: CacheCounters;
  readonly #options: CredentialSetsOptions;
  readonly #held = new Map<string, HeldSet>();
  // A role whose clients were all evicted often comes back soon, while its
  // credentials are still good: assuming it again on every miss would cost an
  // AssumeRole per miss when the cache is smaller than its working set. Made
  // when the first set goes idle: a handler that assumes no role never needs it.
  #idle: LruMap<string, RefreshingCredentials> | undefined;

  constructor(options: CredentialSetsOptions) {
    this.#options = options;
    this.counters = options.counters ?? newCacheCounters();
  }

  /** `externalIdFingerprint` stands in for the external id, which is never kept in clear. */
  acquireRole(role: RoleSource, externalIdFingerprint: string): SharedCredentials {
    const id = [
      'role',
      role.roleArn,
      role.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
      externalIdFingerprint,
      role.durationSeconds ?? '',
      role.profile ?? '',
    ].join('|');
    return this.#acquire(id, role.roleArn, () =>
      assumeRoleFetch(role, this.#options.requestHandler, this.#options.functionRegion),
    );
  }

  acquireProfile(profile: string): SharedCredentials {
    return this.#acquire(`profile|${profile}`, `profile ${profile}`, () => profileFetch(profile));
  }

  /** Sets that cached clients use now; never more than the cached clients. */
  get heldCount(): number {
    return this.#held.size;
  }

  clear(): void {
    this.#held.clear();
    this.#idle?.clear();
  }

  #acquire(
    id: string,
    source: string,
    fetch: () => RefreshingCredentialsOptions['fetch'],
  ): SharedCredentials {
    let held = this.#held.get(id);
    if (held === undefined) {
      held = { credentials: this.#idle?.get(id) ?? this.#create(source, fetch()), users: 0 };
      this.#idle?.delete(id);
      this.#held.set(id, held);
    }
    held.users++;
    const set = held;
    let released = false;
    return {
      provider: set.credentials.provide,
      invalidate: (accessKeyId) => set.credentials.invalidate(accessKeyId),
      release: () => {
        if (released) return;
        released = true;
        set.users--;
        if (set.users === 0 && this.#held.get(id) === set) {
          this.#held.delete(id);
          this.#idle ??= new LruMap({ max: IDLE_CREDENTIAL_SETS });
          this.#idle.set(id, set.credentials);
        }
      },
    };
  }

  #create(source: string, fetch: RefreshingCredentialsOptions['fetch']): RefreshingCredentials {
    const { now, mandatoryWindowMs, hooks, isClosed } = this.#options;
    return new RefreshingCredentials({
      source,
      fetch,
      now,
      mandatoryWindowMs,
      hooks,
      counters: this.counters,
      isClosed,
    });
  }
}
