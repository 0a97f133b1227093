import { LruMap } from '../collections/lru-map.js';
import { type CacheCounters, newCacheCounters } from '../observers/cache-counters.js';
import { type ClientCacheObserver, EvictionReason } from '../observers/cache-events.js';
import { DeferredRecency, type RecencyMark } from './deferred-recency.js';
import { EvictionMisses } from './eviction-misses.js';
import { HitIndex, type SimpleConfigPath } from './hit-index.js';
import { RecentEntries } from './recent-entries.js';

/** What the cache keeps per key. */
interface CacheEntry {
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

/** An entry as the store holds it: always the same fields, so every hit reads one shape. */
type StoredEntry = CacheEntry & RecencyMark;

interface ClientStoreOptions {
  readonly maxEntries: number;
  readonly now: () => number;
  /** A cheaper clock for TTL checks; default `now`. */
  readonly coarseNow?: () => number;
  readonly observer?: ClientCacheObserver;
  /** The cache's counters record; default a fresh one. */
  readonly counters?: CacheCounters;
}

/**
 * The bounded LRU of clients. A hit is a lookup (none for the last two
 * simple entries found or stored, two nested map lookups for another simple
 * config, one LRU `peek` for a key), one clock read, a counter bump
 * and a use recorded for the LRU; everything else (creation, eviction,
 * expiry, events) happens on the miss path.
 */
export class ClientStore {
  readonly counts: CacheCounters;
  readonly #entries: LruMap<string, StoredEntry>;
  readonly #now: () => number;
  readonly #coarseNow: () => number;
  readonly #observer: ClientCacheObserver | undefined;
  readonly #onHit: ((clientType: string) => void) | undefined;
  readonly #index = new HitIndex<StoredEntry>();
  /** Every hit's use, told to `#entries` before a store or a listing can see the order. */
  readonly #recency = new DeferredRecency<StoredEntry>();
  readonly #evictionMisses: EvictionMisses;
  /** The last two simple entries found or stored; every removal (`dispose`) forgets them. */
  readonly #recent = new RecentEntries<StoredEntry>();

  constructor({ maxEntries, now, coarseNow, observer, counters }: ClientStoreOptions) {
    this.#coarseNow = coarseNow ?? now;
    this.counts = counters ?? newCacheCounters();
    this.#now = now;
    this.#observer = observer;
    this.#onHit = observer?.onHit?.bind(observer);
    this.#evictionMisses = new EvictionMisses(maxEntries, this.counts);
    this.#entries = new LruMap<string, StoredEntry>({
      max: maxEntries,
      // Dropping an entry never destroys its client: an in-flight request may
      // still hold it, and its sockets belong to the shared pool.
      dispose: (entry, key, reason) => {
        this.#recent.forget();
        if (entry.simplePath !== undefined) this.#index.remove(entry.simplePath, entry);
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
  getSimple(service: unknown, config: object): object | undefined {
    // The parser's test, in its cheapest form (an inline-cached load, where
    // `Object.getPrototypeOf` is a call): class instances go to it.
    if ((config as { constructor?: unknown }).constructor !== Object) return undefined;
    let region: unknown;
    let roleArn: unknown;
    for (const field in config) {
      if (field === 'region') region = (config as { region?: unknown }).region;
      else if (field === 'roleArn') roleArn = (config as { roleArn?: unknown }).roleArn;
      else return undefined;
    }
    let entry = this.#recent.find(service, region, roleArn);
    if (entry === undefined) {
      // Only validated strings (or undefined) are indexed: anything else misses.
      entry = this.#index.find(service, region as string, roleArn as string);
      if (entry === undefined) return undefined;
      this.#recent.remember(entry);
    }
    this.#recency.touch(entry);
    return this.#valid(entry);
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
    const entry = this.#entries.peek(key);
    if (entry === undefined) return undefined;
    this.#recency.touch(entry);
    return this.#valid(entry);
  }

  /** The client of a found entry, counted as a hit; undefined, expiring it, when it is stale. */
  #valid(entry: StoredEntry): object | undefined {
    if ((entry.credentialsExpire ? this.#now() : this.#coarseNow()) < entry.expiresAt) {
      this.counts.hits++;
      this.#onHit?.(entry.clientType);
      return entry.client;
    }
    this.#expire(entry.key, entry);
    return undefined;
  }

  clear(): void {
    this.#recency.clear();
    this.#entries.clear();
  }

  /** The keys held now, most recently used first. */
  keys(): string[] {
    this.#recency.apply(this.#entries);
    return [...this.#entries.keys()];
  }

  /** Keys the hit index holds; for checking it never outgrows the cache. */
  get indexedKeys(): number {
    return this.#index.size;
  }

  #expire(key: string, entry: StoredEntry): void {
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
    // Not `performance.now()`: the first read of `performance` loads `perf_hooks` (cold start).
    const started = process.hrtime.bigint();
    const build = (): CreatedEntry => {
      const created = create();
      const evicted = this.#store(key, {
        client: created.client,
        clientType,
        expiresAt: created.expiresAt,
        credentialsExpire: created.credentialsExpire ?? false,
        release: created.release,
        simplePath,
        key,
        usedAt: 0,
        pending: false,
      });
      observer?.onCreate?.({
        clientType,
        region,
        creationMs: Number(process.hrtime.bigint() - started) / 1e6,
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
  #store(key: string, entry: StoredEntry): boolean {
    if (this.#now() >= entry.expiresAt) {
      // Credentials valid for less than the expiry buffer: hand the client out
      // once but keep nothing that is already stale.
      entry.release?.();
      return false;
    }
    // The LRU must hold every use so far before it picks what to evict.
    this.#recency.apply(this.#entries);
    const evictionsBefore = this.counts.evictions;
    this.#entries.set(key, entry);
    if (entry.simplePath !== undefined) {
      this.#index.add(entry.simplePath, entry);
      this.#recent.remember(entry);
    }
    return this.counts.evictions > evictionsBefore;
  }
}
