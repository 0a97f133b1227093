import { LruMap } from '../collections/lru-map.js';
import { MAX_ENTRIES } from '../config/limits.js';
import type { CacheCounters } from '../observers/cache-counters.js';
import type { SizingAdvice } from '../observers/sizing-advice.js';

/** A miss for a key evicted this recently counts as an eviction miss. */
const EVICTION_MISS_WINDOW_MS = 60_000;
/** The misses the advice looks back over. */
const ADVICE_SAMPLE = 100;
/** The advice is given when at least this share of the sampled misses were eviction misses. */
const ADVICE_SHARE = 0.1;
/** After the first warning of a cold start, at most one per this interval. */
const ADVICE_INTERVAL_MS = 300_000;

interface Evicted {
  readonly at: number;
  /** The eviction count when it left: later evictions measure how far it fell. */
  readonly sequence: number;
}

/**
 * Remembers recently evicted keys (bounded; keys hold fingerprints, never a
 * secret) and counts misses for them. In an LRU an entry survives until as
 * many other keys as the cache holds have been inserted since its last use;
 * an evicted entry fell out when the cache held `maxEntries` newer ones, and
 * every eviction since stands for one more. So a cache of `maxEntries +
 * evictions since + 1` would have kept it: a cyclic sweep over N keys
 * through a cache of M < N asks for exactly N.
 */
export class EvictionMisses {
  readonly #counters: Pick<CacheCounters, 'evictionMisses'>;
  readonly #maxEntries: number;
  /** Made at the first eviction: most caches never evict. */
  #evicted: LruMap<string, Evicted> | undefined;
  /** The last `ADVICE_SAMPLE` misses: 0 for an ordinary miss, else the size that would have kept it. */
  readonly #recent: number[] = [];
  #evictions = 0;
  #lastAdviceAt: number | undefined;

  /** Counts into `counters.evictionMisses`. */
  constructor(maxEntries: number, counters: Pick<CacheCounters, 'evictionMisses'>) {
    this.#counters = counters;
    this.#maxEntries = maxEntries;
  }

  recordEviction(key: string, now: number): void {
    this.#evicted ??= new LruMap({ max: Math.max(ADVICE_SAMPLE, this.#maxEntries) });
    this.#evicted.set(key, { at: now, sequence: ++this.#evictions });
  }

  /** Records a miss; returns advice when a warning is due now. */
  recordMiss(key: string, now: number): SizingAdvice | undefined {
    const evicted = this.#evicted?.get(key);
    // The smallest size that would have kept this key: 0 when it was not a recent eviction.
    let sizeThatKeeps = 0;
    if (evicted !== undefined) {
      // The miss builds the client again, so its eviction is spent, counted
      // or too old to count: kept, it would only push out a recent one.
      this.#evicted?.delete(key);
      if (now - evicted.at < EVICTION_MISS_WINDOW_MS) {
        this.#counters.evictionMisses++;
        sizeThatKeeps = this.#maxEntries + (this.#evictions - evicted.sequence) + 1;
      }
    }
    this.#recent.push(sizeThatKeeps);
    if (this.#recent.length > ADVICE_SAMPLE) this.#recent.shift();
    return sizeThatKeeps > 0 ? this.#adviceDue(now) : undefined;
  }

  #adviceDue(now: number): SizingAdvice | undefined {
    if (this.#lastAdviceAt !== undefined && now - this.#lastAdviceAt < ADVICE_INTERVAL_MS) {
      return undefined;
    }
    const evictionMisses = this.#recent.filter((size) => size > 0);
    if (evictionMisses.length < ADVICE_SAMPLE * ADVICE_SHARE) return undefined;
    this.#lastAdviceAt = now;
    return {
      maxEntries: this.#maxEntries,
      evictionMisses: evictionMisses.length,
      misses: this.#recent.length,
      windowSeconds: EVICTION_MISS_WINDOW_MS / 1000,
      recommendedMaxEntries: Math.min(MAX_ENTRIES.max, Math.max(...evictionMisses)),
    };
  }
}
