/** Why an entry left: pushed out by a new one, replaced by `set`, or removed (`delete`, `clear`). */
export type LruRemoval = 'evict' | 'set' | 'delete';

export interface LruMapOptions<Key, Value> {
  /** The most entries held; storing one more evicts the least recently used. */
  readonly max: number;
  /** Told once about each entry that leaves, after it left. */
  readonly dispose?: (value: Value, key: Key, reason: LruRemoval) => void;
}

/**
 * A bounded map that evicts its least recently used entry, on one `Map`
 * (whose iteration order is insertion order: a use moves an entry to the end
 * by deleting and setting it again). It has the part of `lru-cache`'s API the
 * store, the eviction memory and the idle credential sets use, with its
 * meanings. Not `lru-cache` itself: with it a handler with Powertools spent
 * 1 to 3 % more CPU on its cold start (it loads `node:diagnostics_channel`
 * and reads `performance`, which loads `perf_hooks`; BENCHMARKS.md, "P6 on
 * CPU"), for TTLs, sizes and fetches the cache does not use.
 *
 * Invariants (`lru-map-model.test.ts`): never more than `max` entries; `keys()`
 * lists them most recently used first, where `get` and `set` use an entry
 * and `peek` does not; each value that leaves is disposed of exactly once,
 * with the reason it left.
 */
export class LruMap<Key, Value> {
  readonly max: number;
  readonly #entries = new Map<Key, Value>();
  readonly #dispose: ((value: Value, key: Key, reason: LruRemoval) => void) | undefined;

  constructor({ max, dispose }: LruMapOptions<Key, Value>) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(
        `an LRU holds at least one entry; max must be a positive integer, got ${max}`,
      );
    }
    this.max = max;
    this.#dispose = dispose;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value of `key`, without using it. */
  peek(key: Key): Value | undefined {
    return this.#entries.get(key);
  }

  /** The value of `key`, which becomes the most recently used. */
  get(key: Key): Value | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** Stores `value` as the most recently used; one too many, the least recently used leaves. */
  set(key: Key, value: Value): this {
    const previous = this.#entries.get(key);
    if (previous !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
      if (previous !== value) this.#dispose?.(previous, key, 'set');
      return this;
    }
    // In first, evicted after: a dispose that stores again (an eviction hook fetching a client)
    // then finds this entry, and its own store evicts in turn, so the bound holds and no value
    // is overwritten without being disposed of.
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) this.#evictOldest();
    return this;
  }

  delete(key: Key): boolean {
    const value = this.#entries.get(key);
    if (value === undefined) return false;
    this.#entries.delete(key);
    this.#dispose?.(value, key, 'delete');
    return true;
  }

  clear(): void {
    const removed = [...this.#entries];
    this.#entries.clear();
    for (const [key, value] of removed) this.#dispose?.(value, key, 'delete');
  }

  /** The keys held, most recently used first. */
  keys(): Key[] {
    return [...this.#entries.keys()].reverse();
  }

  /** The first entry in insertion order is the least recently used. */
  #evictOldest(): void {
    for (const [key, value] of this.#entries) {
      this.#entries.delete(key);
      this.#dispose?.(value, key, 'evict');
      return;
    }
  }
}
