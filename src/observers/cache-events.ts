import type { RefreshHooks } from './refresh-events.js';
import type { SizingAdvice } from './sizing-advice.js';

/** Why an entry left the cache. */
export const EvictionReason = {
  /** The LRU bound pushed it out. */
  Capacity: 'capacity',
  /** Its credentials or TTL ran out. */
  Expired: 'expired',
} as const;

export type EvictionReason = (typeof EvictionReason)[keyof typeof EvictionReason];

/** What a miss produced; passed to observers once the client exists. */
export interface ClientCreation {
  readonly clientType: string;
  readonly region: string | undefined;
  readonly creationMs: number;
  /** True when storing the new client pushed the least-recently-used one out. */
  readonly evicted: boolean;
}

/**
 * Hooks the store calls as things happen. The observability adapters
 * (metrics, tracing, logs) implement these; the store knows nothing of them.
 * The hit hook is only called when an observer asks for it, so the hit path
 * stays a map lookup.
 */
export interface ClientCacheObserver extends RefreshHooks {
  onHit?(clientType: string): void;
  onCreate?(creation: ClientCreation): void;
  onEvict?(clientType: string, reason: EvictionReason): void;
  /** A meaningful share of misses were for recently evicted clients: `maxEntries` is too small. */
  onSizingAdvice?(advice: SizingAdvice): void;
  /** Instruments a newly built client (X-Ray); called once per client, never on a hit. */
  instrumentClient?<Client>(client: Client): Client;
  /**
   * Wraps client construction, e.g. in a trace subsegment. Must call `create`
   * exactly once and return its result.
   */
  wrapCreation?<Created>(
    clientType: string,
    region: string | undefined,
    create: () => Created,
  ): Created;
}
