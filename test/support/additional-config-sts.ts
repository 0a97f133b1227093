import type { ClientCache } from '../../src/client-cache/client-cache.js';
import { STSService } from '../../src/clients/sts.js';
import { type FreshCaches, useFreshCache } from './fresh-cache.js';

/** Two tenants' static keys: a client that signs as the wrong one is the failure. */
export const TENANT_A = { accessKeyId: 'AKIATENANTA000000000', secretAccessKey: 'tenant-a-secret' };
export const TENANT_B = { accessKeyId: 'AKIATENANTB000000000', secretAccessKey: 'tenant-b-secret' };

/** What an STS client shows of the identity it signs as (and the logger it was given). */
export interface SigningClient {
  config: { credentials(): Promise<{ accessKeyId: string }>; logger?: unknown };
}

/** Each test's STS getter over a cache of its own, for the `additionalConfig` tests. */
export interface AdditionalConfigSts {
  readonly fresh: FreshCaches;
  /** This test's cache (10 entries), built before it starts. */
  cache(): ClientCache;
  /** The STS client of `config`, in `us-east-1` unless it says otherwise. */
  get(config: unknown): SigningClient;
  /** The access key id the client of `config` signs with. */
  signer(config: unknown): Promise<string>;
}

export function useAdditionalConfigSts(): AdditionalConfigSts {
  const fresh = useFreshCache();
  let cache: ClientCache;
  beforeEach(() => {
    cache = fresh.cache({ maxEntries: 10 });
  });
  const get = (config: unknown): SigningClient =>
    cache.get(STSService, { region: 'us-east-1', ...(config as object) }) as never;
  return {
    fresh,
    cache: () => cache,
    get,
    signer: async (config) => (await get(config).config.credentials()).accessKeyId,
  };
}
