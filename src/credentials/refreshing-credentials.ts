import type { CredentialIdentity } from '../config/client-cache-config.js';
import { ClientCacheCredentialsError, UpstreamError } from '../errors.js';
import { type RefreshHooks, RefreshMode } from '../events/refresh-events.js';
import type { CredentialCounters } from './credential-counters.js';
import { type RefreshWindows, refreshWindows } from './refresh-windows.js';

/** The SDK re-asks a provider once an identity is this close to `expiration`. */
const SDK_IDENTITY_REFRESH_LEAD_MS = 300_000;
/** After a failed background refresh, wait this long before the next try. */
const ADVISORY_RETRY_DELAY_MS = 30_000;

export interface RefreshingCredentialsOptions {
  readonly source: string;
  readonly fetch: () => Promise<CredentialIdentity>;
  readonly now: () => number;
  readonly mandatoryLeadMs: number;
  readonly hooks?: RefreshHooks;
  /** The owning cache's counts of fetches and failures. */
  readonly counters: CredentialCounters;
  readonly random?: () => number;
}

interface CurrentCredentials extends RefreshWindows {
  /** What the SDK gets: the credentials, with an `expiration` that makes it re-ask at `advisoryAt`. */
  readonly identity: CredentialIdentity;
}

function toMillis(expiration: Date | number | undefined): number | undefined {
  return expiration instanceof Date ? expiration.getTime() : expiration;
}

/**
 * One shared, self-refreshing credential set (a role or a profile). Any
 * number of concurrent callers cause one fetch.
 */
export class RefreshingCredentials {
  readonly #options: RefreshingCredentialsOptions;
  #current: CurrentCredentials | undefined;
  #pending: Promise<CredentialIdentity> | undefined;
  #nextAdvisoryTryAt = 0;

  constructor(options: RefreshingCredentialsOptions) {
    this.#options = options;
  }

  /** The provider handed to SDK clients. */
  readonly provide = async (): Promise<CredentialIdentity> => {
    const now = this.#options.now();
    const current = this.#current;
    if (current === undefined) return this.#refresh(RefreshMode.Initial);
    if (now >= current.mandatoryAt) return this.#refresh(RefreshMode.Mandatory);
    if (
      now >= current.advisoryAt &&
      now >= this.#nextAdvisoryTryAt &&
      this.#pending === undefined
    ) {
      // Counted and logged in #fetch; callers keep the current credentials.
      this.#refresh(RefreshMode.Advisory).catch(() => undefined);
    }
    return current.identity;
  };

  #refresh(mode: RefreshMode): Promise<CredentialIdentity> {
    this.#pending ??= this.#fetch(mode).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(mode: RefreshMode): Promise<CredentialIdentity> {
    const { source, fetch, now, hooks, counters } = this.#options;
    try {
      const fetched = await (hooks?.wrapRefresh ? hooks.wrapRefresh(source, mode, fetch) : fetch());
      this.#current = this.#schedule(fetched);
      counters.credentialRefreshes++;
      hooks?.onRefresh?.({ source, mode });
      return this.#current.identity;
    } catch (error) {
      counters.credentialRefreshFailures++;
      if (mode === RefreshMode.Advisory) this.#nextAdvisoryTryAt = now() + ADVISORY_RETRY_DELAY_MS;
      hooks?.onRefresh?.({ source, mode, error });
      if (error instanceof ClientCacheCredentialsError) throw error;
      throw new ClientCacheCredentialsError(`Could not get credentials for ${source}`, {
        cause: new UpstreamError(error),
      });
    }
  }

  #schedule(fetched: CredentialIdentity): CurrentCredentials {
    const { source, now, mandatoryLeadMs, random = Math.random } = this.#options;
    const obtainedAt = now();
    const expiresAt = toMillis(fetched.expiration);
    if (expiresAt === undefined) {
      return { identity: fetched, advisoryAt: Infinity, mandatoryAt: Infinity };
    }
    if (!(expiresAt > obtainedAt)) {
      throw new ClientCacheCredentialsError(
        `Credentials for ${source} came back already expired (expiration ${new Date(expiresAt).toISOString()}); check the clock and the session duration`,
      );
    }
    const windows = refreshWindows(obtainedAt, expiresAt, mandatoryLeadMs, random());
    // Everything the provider gave (credentialScope, accountId...), with an earlier expiration.
    const identity = {
      ...fetched,
      expiration: new Date(Math.min(expiresAt, windows.advisoryAt + SDK_IDENTITY_REFRESH_LEAD_MS)),
    };
    return { ...windows, identity };
  }
}
