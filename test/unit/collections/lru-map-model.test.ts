/**
 * Covers the LRU under the store, the eviction memory and the idle credential
 * sets against a model of it (an array, most recently used first), for any
 * order of `set` (a new value, or the one already held), `get`, `peek`,
 * `delete` and `clear`. Invariants: never more than `max` entries; `keys()`
 * in the model's order, where `get` and `set` use an entry and `peek` does
 * not; a full map evicts its least recently used entry; every value that
 * leaves is disposed of exactly once, with the reason it left (`evict`,
 * `set` when replaced by another value, `delete` for `delete` and `clear`),
 * and a value still held never is.
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one.
 */
import fc from 'fast-check';
import { LruMap, type LruRemoval } from '../../../src/collections/lru-map.js';
import { propertyParameters } from '../../support/property-run.js';

interface Value {
  readonly id: number;
}

interface Real {
  readonly lru: LruMap<string, Value>;
  readonly disposed: Array<{ id: number; key: string; reason: LruRemoval }>;
}

/** The LRU as the invariants state it: entries most recently used first, and what left, in order. */
class LruModel {
  entries: Array<{ key: string; value: Value }> = [];
  readonly left: Array<{ id: number; key: string; reason: LruRemoval }> = [];
  #nextId = 0;

  constructor(readonly max: number) {}

  newValue(): Value {
    return { id: this.#nextId++ };
  }

  find(key: string): Value | undefined {
    return this.entries.find((entry) => entry.key === key)?.value;
  }

  use(key: string): void {
    const entry = this.#take(key);
    if (entry !== undefined) this.entries.unshift(entry);
  }

  remove(key: string, reason: LruRemoval): void {
    const entry = this.#take(key);
    if (entry !== undefined) this.left.push({ id: entry.value.id, key, reason });
  }

  #take(key: string): { key: string; value: Value } | undefined {
    const index = this.entries.findIndex((entry) => entry.key === key);
    return index === -1 ? undefined : this.entries.splice(index, 1)[0];
  }
}

type Command = fc.Command<LruModel, Real>;

function expectSame(model: LruModel, real: Real): void {
  expect(real.lru.keys()).toEqual(model.entries.map((entry) => entry.key));
  expect(real.lru.size).toBe(model.entries.length);
  expect(real.lru.size).toBeLessThanOrEqual(model.max);
  expect(real.disposed).toEqual(model.left);
  const held = new Set(model.entries.map((entry) => entry.value.id));
  expect(real.disposed.filter((removal) => held.has(removal.id))).toEqual([]);
}

class SetCommand implements Command {
  constructor(
    readonly key: string,
    readonly sameValue: boolean,
  ) {}
  check = () => true;
  run(model: LruModel, real: Real): void {
    const previous = model.find(this.key);
    const value = this.sameValue && previous !== undefined ? previous : model.newValue();
    real.lru.set(this.key, value);
    if (previous !== undefined) {
      model.use(this.key);
      if (previous !== value) {
        model.entries[0] = { key: this.key, value };
        model.left.push({ id: previous.id, key: this.key, reason: 'set' });
      }
    } else {
      if (model.entries.length === model.max) {
        const oldest = model.entries.at(-1);
        if (oldest !== undefined) model.remove(oldest.key, 'evict');
      }
      model.entries.unshift({ key: this.key, value });
    }
    expectSame(model, real);
  }
  toString = () => `set(${this.key}${this.sameValue ? ', same value' : ''})`;
}

class GetCommand implements Command {
  constructor(
    readonly key: string,
    readonly peek: boolean,
  ) {}
  check = () => true;
  run(model: LruModel, real: Real): void {
    const value = this.peek ? real.lru.peek(this.key) : real.lru.get(this.key);
    expect(value).toBe(model.find(this.key));
    if (!this.peek && value !== undefined) model.use(this.key);
    expectSame(model, real);
  }
  toString = () => `${this.peek ? 'peek' : 'get'}(${this.key})`;
}

class DeleteCommand implements Command {
  constructor(readonly key: string) {}
  check = () => true;
  run(model: LruModel, real: Real): void {
    const held = model.find(this.key) !== undefined;
    expect(real.lru.delete(this.key)).toBe(held);
    model.remove(this.key, 'delete');
    expectSame(model, real);
  }
  toString = () => `delete(${this.key})`;
}

class ClearCommand implements Command {
  check = () => true;
  run(model: LruModel, real: Real): void {
    real.lru.clear();
    // `clear` disposes of each entry as `delete`; the order among them is not part of the contract.
    const removed = model.entries.map(({ key, value }) => ({
      id: value.id,
      key,
      reason: 'delete' as const,
    }));
    model.entries = [];
    const tail = real.disposed.slice(model.left.length);
    expect([...tail].sort((a, b) => a.id - b.id)).toEqual(removed.sort((a, b) => a.id - b.id));
    model.left.push(...tail);
    expectSame(model, real);
  }
  toString = () => 'clear()';
}

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const commands = fc.commands(
  [
    fc.tuple(key, fc.boolean()).map(([k, same]) => new SetCommand(k, same)),
    fc.tuple(key, fc.boolean()).map(([k, peek]) => new GetCommand(k, peek)),
    key.map((k) => new DeleteCommand(k)),
    fc.constant(new ClearCommand()),
  ],
  { maxCommands: 60 },
);

it('keeps at most max entries, evicts the least recently used, and disposes of each value once, with its reason', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4 }), commands, (max, run) => {
      const disposed: Real['disposed'] = [];
      const lru = new LruMap<string, Value>({
        max,
        dispose: (value, k, reason) => disposed.push({ id: value.id, key: k, reason }),
      });
      fc.modelRun(() => ({ model: new LruModel(max), real: { lru, disposed } }), run);
    }),
    propertyParameters(500, 20261203),
  );
});

it('refuses a bound that could hold nothing', () => {
  // Act, Assess
  expect(() => new LruMap({ max: 0 })).toThrow(RangeError);
  expect(() => new LruMap({ max: 1.5 })).toThrow(RangeError);
});
