/**
 * Covers sizing advice: misses for clients evicted less than 60 s earlier
 * are counted (`evictionMisses`, metric `ClientCacheEvictionMiss`), and when
 * they are a meaningful share of misses the cache warns once, then at most
 * every 5 minutes, naming the setting and the size that would have kept
 * them. Cyclic, hot-set and random access patterns; the random one is
 * replayed at the recommended size to show the number is not a guess.
 */
import fc from 'fast-check';
import { EvictionMisses } from '../../../src/cache/eviction-misses.js';
import { S3Service } from '../../../src/clients/s3.js';
import type { LogAttributes, LoggerLike } from '../../../src/observability/powertools-types.js';
import { newCacheCounters } from '../../../src/observers/cache-counters.js';
import { createTestClock } from '../../support/clock.js';
import { useFreshCache } from '../../support/fresh-cache.js';

interface Warning {
  readonly message: string;
  readonly attributes: LogAttributes;
}

function recordingLogger(warnings: Warning[]): LoggerLike {
  return {
    debug: () => undefined,
    warn: (message, attributes) => warnings.push({ message, attributes }),
  };
}

const fresh = useFreshCache();

const roleArn = (index: number) => `arn:aws:iam::123456789012:role/Role${index}`;

/** Runs `accesses` (role indexes) through a fresh cache of `maxEntries`; what it counted and said. */
async function run(maxEntries: number, accesses: readonly number[], stepMs = 0) {
  const warnings: Warning[] = [];
  const clock = createTestClock();
  const cache = fresh.cache({
    maxEntries,
    logger: recordingLogger(warnings),
    now: clock.now,
  });
  const warnedAt: number[] = [];
  for (const [position, index] of accesses.entries()) {
    const before = warnings.length;
    cache.get(S3Service, { roleArn: roleArn(index) });
    if (warnings.length > before) warnedAt.push(position);
    clock.advance(stepMs);
  }
  const stats = cache.stats();
  // Destroyed at once, not at the end of the test: the property below runs hundreds of caches.
  await cache.destroy();
  const advice = warnings.filter(({ message }) => message.includes('CLIENT_CACHE_MAX_ENTRIES'));
  return { stats, advice, warnedAt };
}

const cycle = (keys: number, rounds: number) =>
  Array.from({ length: keys * rounds }, (_, access) => access % keys);

it('counts every miss of a cyclic sweep over 7 keys through a cache of 4, and recommends 7', async () => {
  // Act
  const { stats, advice } = await run(4, cycle(7, 4));

  // Assess: after the first round every access misses a client evicted moments before
  expect(stats.misses).toBe(28);
  expect(stats.evictionMisses).toBe(21);
  expect(advice).toHaveLength(1);
  expect(advice[0]?.attributes).toMatchObject({ maxEntries: 4, recommendedMaxEntries: 7 });
});

it('writes the warning line in exactly this shape', async () => {
  // Act
  const { advice } = await run(4, cycle(7, 3));

  // Assess
  expect(advice[0]).toEqual({
    message:
      'aws-client-cache: `CLIENT_CACHE_MAX_ENTRIES` is 4; 10 of the last 17 misses were for clients evicted less than 60 s earlier; 7 would have kept them',
    attributes: {
      maxEntries: 4,
      evictionMisses: 10,
      misses: 17,
      windowSeconds: 60,
      recommendedMaxEntries: 7,
    },
  });
});

it('says nothing for a hot set that fits, whatever one-off keys pass through', async () => {
  // Prepare: 3 hot roles, each access followed by a role never seen again (reuse distance 5 < 8)
  const accesses = Array.from({ length: 300 }, (_, access) =>
    access % 2 === 0 ? (access / 2) % 3 : 1000 + access,
  );

  // Act
  const { stats, advice } = await run(8, accesses);

  // Assess
  expect(stats.evictions).toBeGreaterThan(100);
  expect(stats.evictionMisses).toBe(0);
  expect(advice).toEqual([]);
});

it('does not count a miss for a client evicted more than 60 s earlier', async () => {
  // Act: one access every 20 s; a sweep of 8 through 4 evicts each client 80 s after its use,
  // and comes back to it 80 s after that
  const { stats } = await run(4, cycle(8, 3), 20_000);

  // Assess
  expect(stats.misses).toBe(24);
  expect(stats.evictionMisses).toBe(0);
});

it('warns again only after 5 minutes', async () => {
  // Act: a cyclic sweep for 10 minutes, one access a second
  const { advice, warnedAt } = await run(4, cycle(7, 86), 1000);

  // Assess: at the first chance (the 17th access), then not again until 300 s later
  expect(advice).toHaveLength(2);
  expect(warnedAt).toEqual([16, 316]);
});

it('recommends a size at which replaying the same accesses has no eviction miss', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 2, max: 6 }),
      fc.array(fc.nat(14), { minLength: 20, maxLength: 90 }),
      async (maxEntries, accesses) => {
        // Act
        const { advice, warnedAt } = await run(maxEntries, accesses);
        fc.pre(advice.length === 1 && Number(advice[0]?.attributes.misses) < 100);
        // The advice covers the misses up to the access that triggered it.
        const recommended = Number(advice[0]?.attributes.recommendedMaxEntries);
        const replay = await run(recommended, accesses.slice(0, (warnedAt[0] as number) + 1));

        // Assess
        expect(recommended).toBeGreaterThan(maxEntries);
        expect(replay.stats.evictionMisses).toBe(0);
      },
    ),
    { numRuns: 200, seed: 20261201 },
  );
});

it('spends an eviction too old to count on its miss, so it pushes out no recent one', () => {
  // Prepare: a memory of 100 holds one eviction over a minute old and 99 fresh ones
  const counters = newCacheCounters();
  const misses = new EvictionMisses(1, counters);
  misses.recordEviction('stale', 0);
  for (let index = 1; index <= 99; index++) misses.recordEviction(`k${index}`, 61_000);

  // Act: the stale key misses (too old to count), then one more eviction
  misses.recordMiss('stale', 61_000);
  misses.recordEviction('k100', 61_000);
  misses.recordMiss('k1', 61_000);

  // Assess: k1, evicted 0 s earlier, is still remembered
  expect(counters.evictionMisses).toBe(1);
});
