import { CredentialSets } from '../../src/credentials/credential-sets.js';
import type { SharedPools } from '../../src/transport/shared-pool.js';

/**
 * Credential sets that assume roles through `pools` at the STS that the
 * test's env points to (`useFreshCache({ against: () => local.endpoint })`),
 * on a clock of the test's choosing. The caller closes the pools.
 */
export function localCredentialSets(
  pools: SharedPools,
  { now = Date.now, maxSockets = 10 }: { now?: () => number; maxSockets?: number } = {},
): CredentialSets {
  return new CredentialSets({
    now,
    requestHandler: pools.handlerFor({
      maxSockets,
      connectionTimeoutMs: 3000,
      socketTimeoutMs: 3000,
    }),
    functionRegion: 'us-east-1',
  });
}
