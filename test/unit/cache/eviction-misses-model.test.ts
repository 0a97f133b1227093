/**
 * Covers the eviction memory against a model of it, for any order of
 * evictions, misses, clock steps and `clear()`. Invariant: a miss counts as
 * an eviction miss exactly when its key was evicted less than 60 s earlier
 * and is still among the last `max(100, maxEntries)` keys remembered (a
 * miss forgets its key's eviction, counted or too old to count); the advice names
 * the size `maxEntries + evictions since + 1`, once the last 100 misses hold
 * 10 eviction misses, then at most every 5 minutes. The memory is made at
 * the first eviction, so the model also runs misses before any eviction,
 * sizes over 100 (where `maxEntries` sets the memory's bound), and, through a
 * real cache, `clear()` (which evicts nothing and forgets no eviction).
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one.
 */
import fc from 'fast-check';
import { EvictionMisses } from '../../../src/cache/eviction-misses.js';
import { S3Service } from '../../../src/clients/s3.js';
import type { LogAttributes } from '../../../src/observability/powertools-types.js';
import { newCacheCounters } from '../../../src/observers/cache-counters.js';
import type { SizingAdvice } from '../../../src/observers/sizing-advice.js';
import { createTestClock } from '../../support/clock.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { propertyParameters } from '../../support/property-run.js';

const WINDOW_MS = 60_000;
const SAMPLE = 100;
const INTERVAL_MS = 300_000;

/** The eviction memory as the design states it, with a plain Map in recency order. */
class EvictionModel {
  evictionMisses = 0;
  readonly #evicted = new Map<string, { at: number; sequence: number }>();
  readonly #recent: number[] = [];
  #evictions = 0;
  #lastAdviceAt: number | undefined;

  constructor(readonly maxEntries: number) {}

  evict(key: string, now: number): void {
    this.#evicted.delete(key);
    this.#evicted.set(key, { at: now, sequence: ++this.#evictions });
    const bound = Math.max(SAMPLE, this.maxEntries);
    const [oldest] = this.#evicted.keys();
    if (this.#evicted.size > bound && oldest !== undefined) this.#evicted.delete(oldest);
  }

  miss(key: string, now: number): SizingAdvice | undefined {
    const evicted = this.#evicted.get(key);
    let size = 0;
    if (evicted !== undefined) {
      // The miss spends the key's eviction, whether it counts or is too old to.
      this.#evicted.delete(key);
      if (now - evicted.at < WINDOW_MS) {
        this.evictionMisses++;
        size = this.maxEntries + (this.#evictions - evicted.sequence) + 1;
      }
    }
    this.#recent.push(size);
    if (this.#recent.length > SAMPLE) this.#recent.shift();
    if (size === 0) return undefined;
    if (this.#lastAdviceAt !== undefined && now - this.#lastAdviceAt < INTERVAL_MS)
      return undefined;
    const sizes = this.#recent.filter((kept) => kept > 0);
    if (sizes.length < SAMPLE / 10) return undefined;
    this.#lastAdviceAt = now;
    return {
      maxEntries: this.maxEntries,
      evictionMisses: sizes.length,
      misses: this.#recent.length,
      windowSeconds: WINDOW_MS / 1000,
      recommendedMaxEntries: Math.min(10_000, Math.max(...sizes)),
    };
  }
}

interface UnitWorld {
  readonly model: EvictionModel;
  readonly real: EvictionMisses;
  readonly counters: { evictionMisses: number };
  /** Every key evicted so far, in order: commands aim at keys by how far back they left. */
  readonly history: string[];
  now: number;
}

/** The key evicted `back` evictions ago, or one never evicted. */
const keyBack = (world: UnitWorld, back: number): string =>
  world.history[world.history.length - 1 - back] ?? 'never-evicted';

const evict = (world: UnitWorld, key: string): void => {
  world.history.push(key);
  world.model.evict(key, world.now);
  world.real.recordEviction(key, world.now);
};

/** Evicts `count` keys never seen before: enough of them overflow the memory. */
const evictNew = (count: number): fc.Command<object, UnitWorld> => ({
  check: () => true,
  run: (_, world) => {
    for (let made = 0; made < count; made++) evict(world, `k${world.history.length}`);
  },
  toString: () => `evict ${count} new keys`,
});

/** Evicts again a key evicted `back` evictions ago (it came back, then left again). */
const evictAgain = (back: number): fc.Command<object, UnitWorld> => ({
  check: () => true,
  run: (_, world) => evict(world, keyBack(world, back)),
  toString: () => `evict again the key ${back} back`,
});

const miss = (back: number): fc.Command<object, UnitWorld> => ({
  check: () => true,
  run: (_, world) => {
    const key = keyBack(world, back);
    const expected = world.model.miss(key, world.now);
    expect(world.real.recordMiss(key, world.now)).toEqual(expected);
    expect(world.counters.evictionMisses).toBe(world.model.evictionMisses);
  },
  toString: () => `miss the key ${back} back`,
});

const advance = (ms: number): fc.Command<object, UnitWorld> => ({
  check: () => true,
  run: (_, world) => {
    world.now += ms;
  },
  toString: () => `advance ${ms} ms`,
});

/** Reaches past the 100 the memory holds at least, and past 150. */
const BACK = 170;

const unitCommands = [
  fc.integer({ min: 1, max: 120 }).map(evictNew),
  fc.nat(BACK).map(evictAgain),
  fc.nat(BACK).map(miss),
  fc.nat(BACK).map(miss),
  fc.nat(8).map(miss),
  fc.constantFrom(0, 1_000, 59_999, 60_000, 300_000).map(advance),
];

describe('eviction memory, against its model', () => {
  it('counts and advises as the model for any order of evictions, misses and clock steps', () => {
    fc.assert(
      fc.property(
        // Under and over the 100 the memory holds at least.
        fc.constantFrom(1, 4, 99, 100, 101, 150),
        fc.commands(unitCommands, { maxCommands: 40, size: 'max' }),
        (maxEntries, sequence) => {
          const counters = newCacheCounters();
          const world: UnitWorld = {
            model: new EvictionModel(maxEntries),
            real: new EvictionMisses(maxEntries, counters),
            counters,
            history: [],
            now: 1_000_000,
          };
          fc.modelRun(() => ({ model: {}, real: world }), sequence);
        },
      ),
      propertyParameters(300, 20261202),
    );
  });

  it('remembers the oldest of maxEntries evictions when maxEntries is over 100', () => {
    // Prepare: 150 keys evicted in turn; the first is 149 evictions back
    const counters = newCacheCounters();
    const misses = new EvictionMisses(150, counters);
    for (let index = 0; index < 150; index++) misses.recordEviction(`k${index}`, 0);

    // Act
    misses.recordMiss('k0', 1);

    // Assess
    expect(counters.evictionMisses).toBe(1);
  });

  it('counts nothing for misses before any eviction', () => {
    // Prepare
    const counters = newCacheCounters();
    const misses = new EvictionMisses(4, counters);

    // Act
    const advice = Array.from({ length: 200 }, (_, index) => misses.recordMiss(`k${index % 7}`, 0));

    // Assess
    expect(advice.every((given) => given === undefined)).toBe(true);
    expect(counters.evictionMisses).toBe(0);
  });
});

const fresh = useFreshCache();

interface CacheWorld {
  readonly memory: EvictionModel;
  /** The store's LRU, least recently used first. */
  readonly held: number[];
  readonly cache: ReturnType<typeof fresh.cache>;
  readonly clock: ReturnType<typeof createTestClock>;
  readonly advice: LogAttributes[];
  readonly expectedAdvice: SizingAdvice[];
}

const roleArn = (index: number): string => `arn:aws:iam::123456789012:role/Role${index}`;

const get = (role: number): fc.Command<object, CacheWorld> => ({
  check: () => true,
  run: (_, world) => {
    const now = world.clock.now();
    const at = world.held.indexOf(role);
    if (at >= 0) {
      world.held.splice(at, 1);
    } else {
      const given = world.memory.miss(`r${role}`, now);
      if (given !== undefined) world.expectedAdvice.push(given);
      if (world.held.length === world.memory.maxEntries) {
        world.memory.evict(`r${world.held.shift()}`, now);
      }
    }
    world.held.push(role);
    world.cache.get(S3Service, { roleArn: roleArn(role) });
    expect(world.cache.stats().evictionMisses).toBe(world.memory.evictionMisses);
    expect(world.advice).toEqual(world.expectedAdvice.map((given) => ({ ...given })));
  },
  toString: () => `get Role${role}`,
});

const clear: fc.Command<object, CacheWorld> = {
  check: () => true,
  run: (_, world) => {
    world.held.length = 0;
    world.cache.clear();
    expect(world.cache.size).toBe(0);
  },
  toString: () => 'clear()',
};

const step = (ms: number): fc.Command<object, CacheWorld> => ({
  check: () => true,
  run: (_, world) => world.clock.advance(ms),
  toString: () => `advance ${ms} ms`,
});

const cacheCommands = [
  fc.nat(7).map(get),
  fc.nat(7).map(get),
  fc.nat(7).map(get),
  fc.constant(clear),
  fc.constantFrom(1_000, 30_000, 61_000).map(step),
];

describe('eviction misses through a cache, against the model', () => {
  it('counts ClientCacheEvictionMiss and logs the advice as the model, clear() and destroy() included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.commands(cacheCommands, { maxCommands: 40, size: 'max' }),
        async (maxEntries, sequence) => {
          const clock = createTestClock();
          const advice: LogAttributes[] = [];
          const cache = fresh.cache({
            maxEntries,
            now: clock.now,
            ttlSeconds: 86_400,
            logger: {
              debug: () => undefined,
              warn: (message, attributes) => {
                if (message.includes('CLIENT_CACHE_MAX_ENTRIES')) advice.push(attributes ?? {});
              },
            },
          });
          const world: CacheWorld = {
            memory: new EvictionModel(maxEntries),
            held: [],
            cache,
            clock,
            advice,
            expectedAdvice: [],
          };
          fc.modelRun(() => ({ model: {}, real: world }), sequence);
          const counted = cache.stats().evictionMisses;
          await cache.destroy();
          expect(cache.stats().evictionMisses).toBe(counted);
        },
      ),
      propertyParameters(100, 20261203),
    );
  });
});
