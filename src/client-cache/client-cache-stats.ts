/** One cache's cumulative counts since it was built, plus what it holds now. */
export interface ClientCacheStats {
  readonly hits: number;
  readonly misses: number;
  /** Entries pushed out by the `maxEntries` bound. */
  readonly evictions: number;
  /** Misses for clients evicted less than 60 s earlier: a sign `maxEntries` is too small. */
  readonly evictionMisses: number;
  /** Entries dropped because their credentials or TTL ran out. */
  readonly expirations: number;
  readonly size: number;
  readonly maxEntries: number;
  /** Connections the pools opened; `requestsSent / connectionsOpened` is the reuse figure. */
  readonly connectionsOpened: number;
  readonly requestsSent: number;
  /** Sockets the pools hold now, busy and idle. */
  readonly openSockets: number;
  /** Credential fetches by the cache (AssumeRole, profile reads), first ones included. */
  readonly credentialRefreshes: number;
  readonly credentialRefreshFailures: number;
  /** Credential sets that cached clients use now; never more than `size`. */
  readonly sharedCredentialSets: number;
  /** Keys the hit index holds; never more than `size`. */
  readonly indexedKeys: number;
}
