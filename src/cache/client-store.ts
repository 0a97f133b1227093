import { LRUCache } from 'lru-cache';
import { type CacheCounters, newCacheCounters } from '../observers/cache-counters.js';
import { type ClientCacheObserver, EvictionReason } from '../observers/cache-events.js';
import { EvictionMisses } from './eviction-misses.js';
import { HitIndex, type SimpleConfigPath } from './hit-index.js';

/** What the cache keeps per key. */
export interface CacheEntry {
  readonly client: object;
  readonly clientType: string;
  /** Epoch milliseconds; the entry is invalid from this instant on. */
  readonly expiresAt: number;
  /**
   * True when `expiresAt` comes from the credentials' own expiration, which
   * is checked against the exact clock on every hit; a TTL is checked
   * against the coarse one.
   */
  readonly credentialsExpire?: boolean;
  /** Called once when the entry leaves the cache, e.g. to drop a role's credentials. */
  readonly release?: () => void;
  /** Set when the hit index can find this entry without building its key. */
  readonly simplePath?: SimpleConfigPath;
  /** The key it is stored under. */
  readonly key: string;
}

/** What a factory hands back on a miss. */
export type CreatedEntry = Omit<CacheEntry, 'clientType' | 'simplePath' | 'key'>;

export interface ClientStoreOptions {
  readonly maxEntries: number;
  readonly now: () => number;
  /** A cheaper clock for TTL checks; default `now`. */
  readonly coarseNow?: () => number;
  readonly observer?: ClientCacheObserver;
  /** The cache's counters record; default a fresh one. */
  readonly counters?: CacheCounters;
}

/**
 * The bounded LRU of clients. A hit is one `lru-cache` lookup, one clock read
 * and a counter bump; everything else (creation, eviction, expiry, events)
 * happens on the miss path.
 */
export class ClientStore {
  readonly counts: CacheCounters;
  readonly #entries: LRUCache<string, CacheEntry>;
  readonly #now: () => number;
  readonly #coarseNow: () => number;
  readonly #observer: ClientCacheObserver | undefined;
  readonly #onHit: ((clientType: string) => void) | undefined;
  readonly #index = new HitIndex();
  readonly #evictionMisses: EvictionMisses;
  /**
   * The entry `lru-cache` holds as most recently used, or undefined when
   * unknown. A handler asks for the same client many times in a row; a hit
   * on this entry needs no lookup and no recency update (it is already the
   * most recent), so it skips both, and leaves the LRU exactly as a `get`
   * would. Every read or write of `#entries` that moves recency sets it, and
   * every removal (the `dispose` callback) clears it.
   */
  #mostRecent: CacheEntry | undefined;

  constructor({ maxEntries, now, coarseNow, observer, counters }: ClientStoreOptions) {
    this.#coarseNow = coarseNow ?? now;
    this.counts = counters ?? newCacheCounters();
    this.#now = now;
    this.#observer = observer;
    this.#onHit = observer?.onHit?.bind(observer);
    this.#evictionMisses = new EvictionMisses(maxEntries, this.counts);
    this.#entries = new LRUCache<string, CacheEntry>({
      max: maxEntries,
      // Dropping an entry never destroys its client: an in-flight request may
      // still hold it, and its sockets belong to the shared pool.
      dispose: (entry, key, reason) => {
        this.#mostRecent = undefined;
        if (entry.simplePath !== undefined) this.#index.remove(entry.simplePath);
        entry.release?.();
        if (reason === 'evict') {
          this.counts.evictions++;
          this.#evictionMisses.recordEviction(key, this.#now());
          this.#observer?.onEvict?.(entry.clientType, EvictionReason.Capacity);
        }
      },
    });
  }

  get size(): number {
    return this.#entries.size;
  }

  get maxEntries(): number {
    return this.#entries.max;
  }

  /**
   * The hot path: a hit for a config whose fields are at most `region` and
   * `roleArn`, found through the hit index without building a key. It reads
   * the config exactly as `parseClientConfig` does (`constructor === Object`,
   * then `for...in`, each field once), and the index holds only keys of configs
   * that parsed as simple, so a hit returns what a miss would have built.
   * Undefined means "take the keyed path", which also validates; any other
   * field goes there, even one set to `undefined`, so a misspelt option
   * throws whether the cache is warm or cold.
   */
  getSimple(clientType: string, config: object): object | undefined {
    // The parser's test, in its cheapest form (an inline-cached load; measured at about a
    // fifth of the hit's cost against Object.getPrototypeOf): class instances go to it.
    if ((config as { constructor?: unknown }).constructor !== Object) return undefined;
    let region: unknown;
    let roleArn: unknown;
    for (const field in config) {
      if (field === 'region') region = (config as { region?: unknown }).region;
      else if (field === 'roleArn') roleArn = (config as { roleArn?: unknown }).roleArn;
      else return undefined;
    }
    const recent = this.#mostRecent?.simplePath;
    if (
      recent !== undefined &&
      roleArn === recent.roleArn &&
      region === recent.region &&
      clientType === recent.clientType
    ) {
      return this.#valid(this.#mostRecent as CacheEntry);
    }
    // Only validated strings (or undefined) are indexed: anything else misses.
    const key = this.#index.find(clientType, region as string, roleArn as string);
    return key === undefined ? undefined : this.#hit(key);
  }

  getOrCreate(
    key: string,
    clientType: string,
    region: string | undefined,
    create: () => CreatedEntry,
    simplePath?: SimpleConfigPath,
  ): object {
    return this.#hit(key) ?? this.#createAndStore(key, clientType, region, create, simplePath);
  }

  #hit(key: string): object | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#mostRecent = entry;
    return this.#valid(entry);
  }

  /** The client of a found entry, counted as a hit; undefined, expiring it, when it is stale. */
  #valid(entry: CacheEntry): object | undefined {
    if ((entry.credentialsExpire ? this.#now() : this.#coarseNow()) < entry.expiresAt) {
      this.counts.hits++;
      this.#onHit?.(entry.clientType);
      return entry.client;
    }
    this.#expire(entry.key, entry);
    return undefined;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** The keys held now, most recently used first. */
  keys(): string[] {
    return [...this.#entries.keys()];
  }

  /** Keys the hit index holds; for checking it never outgrows the cache. */
  get indexedKeys(): number {
    return this.#index.size;
  }

  #expire(key: string, entry: CacheEntry): void {
    this.counts.expirations++;
    this.#observer?.onEvict?.(entry.clientType, EvictionReason.Expired);
    this.#entries.delete(key);
  }

  #createAndStore(
    key: string,
    clientType: string,
    region: string | undefined,
    create: () => CreatedEntry,
    simplePath: SimpleConfigPath | undefined,
  ): object {
    this.counts.misses++;
    const observer = this.#observer;
    const advice = this.#evictionMisses.recordMiss(key, this.#now());
    if (advice !== undefined) observer?.onSizingAdvice?.(advice);
    const started = performance.now();
    const build = (): CreatedEntry => {
      const created = create();
      const evicted = this.#store(key, { ...created, clientType, simplePath, key });
      observer?.onCreate?.({
        clientType,
        region,
        creationMs: performance.now() - started,
        evicted,
      });
      return created;
    };
    const created = observer?.wrapCreation
      ? observer.wrapCreation(clientType, region, build)
      : build();
    return created.client;
  }

  /** Returns true when storing pushed another entry out. */
  #store(key: string, entry: CacheEntry): boolean {
    if (this.#now() >= entry.expiresAt) {
      // Credentials valid for less than the expiry buffer: hand the client out
      // once but keep nothing that is already stale.
      entry.release?.();
      return false;
    }
    const evictionsBefore = this.counts.evictions;
    this.#entries.set(key, entry);
    this.#mostRecent = entry;
    if (entry.simplePath !== undefined) this.#index.add(entry.simplePath, key);
    return this.counts.evictions > evictionsBefore;
  }
}
