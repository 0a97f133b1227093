import type { CredentialIdentity } from '../config/client-cache-config.js';
import { ClientCacheCredentialsError, UpstreamError } from '../errors.js';
import type { CacheCounters } from '../observers/cache-counters.js';
import { type RefreshHooks, RefreshMode } from '../observers/refresh-events.js';
import { retryDelayAfterFailure } from './refresh-backoff.js';
import { MANDATORY_WINDOW_MS, type RefreshWindows, refreshWindows } from './refresh-windows.js';

export interface RefreshingCredentialsOptions {
  readonly source: string;
  readonly fetch: () => Promise<CredentialIdentity>;
  readonly now: () => number;
  /** Default: the SDKs' 1 minute (`MANDATORY_WINDOW_MS`). */
  readonly mandatoryWindowMs?: number;
  readonly hooks?: RefreshHooks;
  /** The owning cache's counts of fetches and failures. */
  readonly counters: CacheCounters;
  readonly random?: () => number;
  /** Whether the owning cache has begun its shutdown (its pool sends nothing more). */
  readonly isClosed?: () => boolean;
}

interface CurrentCredentials extends RefreshWindows {
  readonly identity: CredentialIdentity;
}

/**
 * A provider the SDK calls on every request. `memoized` tells the SDK not to
 * wrap it in its own memo, which would re-ask only within 5 minutes of
 * `expiration` by its own clock: this one decides, so an invalidation or a
 * window takes effect on the next request of every client that shares it.
 */
export type SharedProvider = (() => Promise<CredentialIdentity>) & { readonly memoized: true };

/**
 * "Not sent" holds without knowing the attempt: the SDK asks for a request's identity once,
 * before its first attempt, and signs every retry with it (test: send-after-destroy).
 */
function shutDownError(source: string): ClientCacheCredentialsError {
  return new ClientCacheCredentialsError(
    `The client cache was destroyed; this request was not sent (it fetches no credentials for ${source} any more)`,
  );
}

function toMillis(expiration: Date | number | undefined): number | undefined {
  return expiration instanceof Date ? expiration.getTime() : expiration;
}

/**
 * One shared, self-refreshing credential set (a role or a profile).
 *
 * Invariants: a caller never fails because a refresh failed while the
 * current credentials are usable (static stability); one fetch at most is in
 * flight, shared by every caller that waits; after a failure the next try
 * waits a jittered, bounded back-off (`retryDelayAfterFailure`); credentials
 * at or past `unusableAt` are never handed out; credentials a service
 * rejected (`invalidate`) are never handed out again.
 */
export class RefreshingCredentials {
  readonly #options: RefreshingCredentialsOptions;
  #current: CurrentCredentials | undefined;
  #pending: Promise<CredentialIdentity> | undefined;
  /** No new try before this, after a failure, while the current credentials are usable. */
  #nextTryAt = 0;
  #everFetched = false;

  constructor(options: RefreshingCredentialsOptions) {
    this.#options = options;
  }

  /** The provider handed to SDK clients. */
  readonly provide: SharedProvider = Object.assign(
    async (): Promise<CredentialIdentity> => {
      const now = this.#options.now();
      const current = this.#current;
      // A destroyed cache fetches nothing (its pool would refuse it, and that is no credential
      // failure): usable credentials still sign, and the pool refuses the request as not sent.
      if (this.#options.isClosed?.()) {
        if (current !== undefined && now < current.unusableAt) return current.identity;
        throw shutDownError(this.#options.source);
      }
      if (current === undefined || now >= current.unusableAt) {
        return this.#refresh(this.#everFetched ? RefreshMode.Mandatory : RefreshMode.Initial);
      }
      if (now < current.advisoryAt || now < this.#nextTryAt) return current.identity;
      if (now < current.mandatoryAt) {
        // Counted and logged in #fetch; callers keep the current credentials.
        this.#refresh(RefreshMode.Advisory).catch(() => undefined);
        return current.identity;
      }
      return this.#refresh(RefreshMode.Mandatory).catch((error: unknown) => {
        // Static stability: the refresh failed, but what we hold still works.
        if (this.#current === current && this.#options.now() < current.unusableAt) {
          return current.identity;
        }
        throw error;
      });
    },
    { memoized: true as const },
  );

  /**
   * Drops the current credentials if they are the ones with `accessKeyId`
   * (a service rejected them as expired): the next caller waits for new
   * ones. A rejection that arrives after a refresh leaves the new ones alone.
   */
  invalidate(accessKeyId: string): void {
    if (this.#current?.identity.accessKeyId !== accessKeyId) return;
    this.#current = undefined;
    this.#nextTryAt = 0;
  }

  #refresh(mode: RefreshMode): Promise<CredentialIdentity> {
    this.#pending ??= this.#fetch(mode).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(mode: RefreshMode): Promise<CredentialIdentity> {
    const { source, fetch, now, hooks, counters, random = Math.random } = this.#options;
    try {
      // Checked inside the traced unit: credentials that arrive expired fail the refresh, and its trace says so.
      const fetchChecked = async () => this.#schedule(await fetch());
      this.#current = await (hooks?.wrapRefresh
        ? hooks.wrapRefresh(source, mode, fetchChecked)
        : fetchChecked());
      this.#everFetched = true;
      this.#nextTryAt = 0;
      counters.credentialRefreshes++;
      hooks?.onRefresh?.({ source, mode });
      return this.#current.identity;
    } catch (error) {
      counters.credentialRefreshFailures++;
      const failedAt = now();
      const kept = this.#current !== undefined && failedAt < this.#current.unusableAt;
      if (kept && this.#current !== undefined) {
        const usableFor = this.#current.unusableAt - failedAt;
        this.#nextTryAt = failedAt + retryDelayAfterFailure(usableFor, random);
      }
      hooks?.onRefresh?.({ source, mode, error, keptCurrentCredentials: kept });
      if (error instanceof ClientCacheCredentialsError) throw error;
      throw new ClientCacheCredentialsError(`Could not get credentials for ${source}`, {
        cause: new UpstreamError(error),
      });
    }
  }

  #schedule(fetched: CredentialIdentity): CurrentCredentials {
    const {
      source,
      now,
      mandatoryWindowMs = MANDATORY_WINDOW_MS,
      random = Math.random,
    } = this.#options;
    const obtainedAt = now();
    const expiresAt = toMillis(fetched.expiration);
    if (expiresAt === undefined) {
      return {
        identity: fetched,
        advisoryAt: Infinity,
        mandatoryAt: Infinity,
        unusableAt: Infinity,
      };
    }
    if (!(expiresAt > obtainedAt)) {
      throw new ClientCacheCredentialsError(
        `Credentials for ${source} came back already expired (expiration ${new Date(expiresAt).toISOString()}); check the clock and the session duration`,
      );
    }
    return {
      ...refreshWindows(obtainedAt, expiresAt, mandatoryWindowMs, random()),
      identity: fetched,
    };
  }
}
