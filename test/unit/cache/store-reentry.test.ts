/**
 * Covers an eviction hook that calls back into the store (an observer's `onEvict`, e.g. a
 * logger that fetches a client): the bound still holds, and every client stored either is
 * still held or was released, exactly once, so no role's credential hold is leaked.
 */
import { ClientStore, type CreatedEntry } from '../../../src/cache/client-store.js';

const now = (): number => 1_000;

/** A store whose entries record their release, and whose `onEvict` runs `reenter` once. */
function storeWithHook(maxEntries: number, reenter: (store: ClientStore, made: Made) => void) {
  const made: Made = { created: [], released: [] };
  let hooked = false;
  const store: ClientStore = new ClientStore({
    maxEntries,
    now,
    observer: {
      onEvict: () => {
        if (hooked) return;
        hooked = true;
        reenter(store, made);
      },
    },
  });
  return { store, made };
}

interface Made {
  readonly created: string[];
  readonly released: string[];
}

function entry(made: Made, tag: string): () => CreatedEntry {
  return () => {
    made.created.push(tag);
    return { client: { tag }, expiresAt: 10_000, release: () => made.released.push(tag) };
  };
}

function heldTags(store: ClientStore): string[] {
  return store
    .keys()
    .map(
      (key) => (store.getOrCreate(key, 'S3', undefined, () => fail(key)) as { tag: string }).tag,
    );
}

function fail(key: string): never {
  throw new Error(`${key} should be held`);
}

it('never holds more than maxEntries when an eviction hook stores another client', () => {
  // Prepare
  const { store, made } = storeWithHook(2, (inner, tags) => {
    inner.getOrCreate('x', 'S3', undefined, entry(tags, 'x'));
  });

  // Act
  for (const key of ['a', 'b', 'c']) store.getOrCreate(key, 'S3', undefined, entry(made, key));

  // Assess
  expect(store.size).toBeLessThanOrEqual(2);
  expect([...heldTags(store), ...made.released].sort()).toEqual([...made.created].sort());
});

it('releases or holds a client an eviction hook stores under the key being stored', () => {
  // Prepare
  const { store, made } = storeWithHook(1, (inner, tags) => {
    inner.getOrCreate('b', 'S3', undefined, entry(tags, 'b from the hook'));
  });
  store.getOrCreate('a', 'S3', undefined, entry(made, 'a'));

  // Act
  store.getOrCreate('b', 'S3', undefined, entry(made, 'b'));

  // Assess
  expect(store.size).toBe(1);
  expect([...heldTags(store), ...made.released].sort()).toEqual([...made.created].sort());
});
