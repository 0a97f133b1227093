import { cacheRuntime } from '../../src/cache/runtime.js';
import type { CredentialIdentity } from '../../src/config/client-cache-config.js';
import { RefreshingCredentials } from '../../src/credentials/refreshing-credentials.js';

/** A credential set for `source`, driven through the cache's own observer, as a role's would be. */
export function refreshingThroughCache(
  source: string,
  fetch: () => Promise<CredentialIdentity>,
  now: () => number,
): RefreshingCredentials {
  return new RefreshingCredentials({
    source,
    fetch,
    now,
    mandatoryLeadMs: 5 * 60_000,
    hooks: cacheRuntime().observer,
  });
}
