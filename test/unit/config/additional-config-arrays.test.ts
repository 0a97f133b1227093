/**
 * An array inside `additionalConfig` is data: it is copied at the call and
 * keyed by what it held then. The invariant this file tries to break: a
 * client signs only as its config asked at the call, so nothing the caller
 * holds can change a cached client afterwards, and two configs share a
 * client only when their copies are equal.
 *
 * An array can disguise itself: an own `map` method, a `constructor` whose
 * `Symbol.species` builds the copy, a subclass, a Proxy, holes. Each hands
 * the copy to (or keeps it from) the caller if the cache copies it through
 * the array's own methods. fast-check draws the values, the disguise and the
 * holes; the oracle compares with a plain array read index by index.
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one
 * (MODEL_SEED=<n> replays it).
 */
import { S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import type { ClientCache } from '../../../src/client-cache/client-cache.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { propertySeed } from '../../support/property-run.js';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1', '*'];
const DISGUISES = ['plain', 'ownMap', 'speciesConstructor', 'subclass', 'proxy'] as const;
type Disguise = (typeof DISGUISES)[number];

const caches = useFreshCache();

interface SigningRegions {
  config: { sigv4aSigningRegionSet?: () => Promise<unknown> };
}

/** What the client would sign for: the region set its resolved config answers now. */
async function signingRegionsOf(client: unknown): Promise<unknown> {
  return (client as SigningRegions).config.sigv4aSigningRegionSet?.();
}

/**
 * An array holding `values` (with `holes` deleted) in disguise, and `stash`:
 * everything the caller can still reach and write to after the call.
 */
function disguised(values: string[], holes: number[], disguise: Disguise) {
  const stash: unknown[] = [];
  const fill = (array: unknown[]) => {
    for (const [index, value] of values.entries()) array[index] = value;
    for (const hole of holes) delete array[hole % Math.max(values.length, 1)];
    return array;
  };
  const base = fill([]);
  switch (disguise) {
    case 'plain':
      return { array: base, stash: [base] };
    case 'ownMap': {
      // `map` answers with an array the caller keeps.
      Object.defineProperty(base, 'map', { value: () => fill(stash) });
      return { array: base, stash: [base, stash] };
    }
    case 'speciesConstructor': {
      // `Array.prototype.map` builds its result with `constructor[Symbol.species]`.
      function Kept(this: unknown): unknown {
        return stash;
      }
      Object.defineProperty(base, 'constructor', { value: { [Symbol.species]: Kept } });
      return { array: base, stash: [base, stash] };
    }
    case 'subclass': {
      class Held extends Array {}
      // `map` builds its result with the class's species, here one that hands back `stash`.
      function Kept(this: unknown): unknown {
        return stash;
      }
      Object.defineProperty(Held, Symbol.species, { value: Kept });
      const array = fill(new Held());
      return { array, stash: [array, stash] };
    }
    case 'proxy':
      return { array: new Proxy(base, {}), stash: [base] };
  }
}

/** The copy a careful reader makes: index by index, a hole read as `undefined`. */
function readByIndex(array: unknown[]): unknown[] {
  const read: unknown[] = [];
  for (let index = 0; index < array.length; index++) read.push(array[index]);
  return read;
}

function configOf(regions: unknown[]) {
  return { additionalConfig: { sigv4aSigningRegionSet: regions } };
}

const seed = (): number => propertySeed(20261202);

it('copies an additionalConfig array by index: nothing the caller holds reaches the client, and equal copies share a key', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...REGIONS), { maxLength: 3 }),
      fc.array(fc.nat(3), { maxLength: 2 }),
      fc.constantFrom(...DISGUISES),
      fc.constantFrom(...REGIONS),
      async (values, holes, disguise, later) => {
        // Prepare
        const cache: ClientCache = caches.cache({ maxEntries: 10 });
        const { array, stash } = disguised(values, holes, disguise);
        const atCall = readByIndex(array);

        // Act: the call, then the caller writes to everything it still holds.
        const client = cache.getClient(S3Client, configOf(array));
        const key = cache.keys()[0];
        for (const held of stash) {
          (held as unknown[]).length = 0;
          (held as unknown[]).push(later, later);
        }

        // Assess: the client signs for what the array held at the call ...
        expect(await signingRegionsOf(client)).toEqual(atCall);
        // ... and is shared exactly with the plain array of the same values.
        expect(cache.cacheKey('S3Client', configOf(atCall))).toBe(key);
        expect(cache.getClient(S3Client, configOf(atCall))).toBe(client);
        await cache.destroy();
      },
    ),
    { seed: seed(), numRuns: 150 },
  );
});

it('keys an empty array apart from an array of one hole', () => {
  // Prepare
  const cache = caches.cache({ maxEntries: 10 });
  // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test.
  const oneHole = [,];

  // Act
  const empty = cache.cacheKey('S3', configOf([]));
  const hole = cache.cacheKey('S3', configOf(oneHole));

  // Assess: `[,]` has length 1 and builds a client with one (undefined) region; `[]` none.
  expect(hole).not.toBe(empty);
  expect(hole).toBe(cache.cacheKey('S3', configOf([undefined])));
});
