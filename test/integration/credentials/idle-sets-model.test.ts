/**
 * Covers the idle credential sets against a model, for any order of
 * acquires, releases (twice too), provider calls on held and released
 * handles, bursts of other roles going idle, and `clear()`. Invariant: a role
 * whose set is held or among the 100 most recently idle gets that same set
 * back, so no second AssumeRole; the 101st most recent idle set is
 * forgotten; `clear()` forgets every set, and a handle from before it
 * (a client still in flight) that is released later puts nothing back. The
 * idle memory is made at the first release, so runs start before it exists.
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one.
 */
import fc from 'fast-check';
import type {
  CredentialSets,
  SharedCredentials,
} from '../../../src/credentials/credential-sets.js';
import { SharedPools } from '../../../src/transport/shared-pool.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { localCredentialSets } from '../../support/local-credential-sets.js';
import { propertyParameters } from '../../support/property-run.js';

const IDLE_BOUND = 100;

/** The sets as the design states them: held sets with their users, idle ones in recency order. */
interface Model {
  readonly held: Map<string, { set: number; users: number }>;
  readonly idle: Map<string, number>;
  /** Sets whose provider ran, so fetched once. */
  readonly fetched: Set<number>;
  readonly setRole: Map<number, string>;
  nextSet: number;
}

interface Handle {
  readonly role: string;
  readonly set: number;
  readonly shared: SharedCredentials;
  released: boolean;
}

interface World {
  readonly model: Model;
  readonly sets: CredentialSets;
  readonly handles: Handle[];
  readonly prefix: string;
  readonly assumeRoleCalls: (roleArn: string) => number;
  /** The provider each model set was first handed out with: one per set, so it tells sets apart. */
  readonly providers: Map<number, SharedCredentials['provider']>;
  readonly seen: Set<SharedCredentials['provider']>;
  burst: number;
}

const roleArn = (world: World, name: string): string =>
  `arn:aws:iam::123456789012:role/${world.prefix}${name}`;

function acquire(world: World, name: string): Handle {
  const { model } = world;
  let held = model.held.get(name);
  if (held === undefined) {
    const set = model.idle.get(name) ?? model.nextSet++;
    model.setRole.set(set, name);
    model.idle.delete(name);
    held = { set, users: 0 };
    model.held.set(name, held);
  }
  held.users++;
  const shared = world.sets.acquireRole({ roleArn: roleArn(world, name) }, '');
  // The same set is the same provider; a new set is a provider never seen.
  const known = world.providers.get(held.set);
  if (known === undefined) {
    expect(world.seen.has(shared.provider)).toBe(false);
    world.providers.set(held.set, shared.provider);
    world.seen.add(shared.provider);
  } else {
    expect(shared.provider).toBe(known);
  }
  const handle = { role: name, set: held.set, shared, released: false };
  world.handles.push(handle);
  return handle;
}

function release(world: World, handle: Handle): void {
  const { model } = world;
  if (!handle.released) {
    handle.released = true;
    const held = model.held.get(handle.role);
    if (held !== undefined && held.set === handle.set && --held.users === 0) {
      model.held.delete(handle.role);
      model.idle.delete(handle.role);
      model.idle.set(handle.role, handle.set);
      const [oldest] = model.idle.keys();
      if (model.idle.size > IDLE_BOUND && oldest !== undefined) model.idle.delete(oldest);
    }
  }
  handle.shared.release();
}

function clearSets(world: World): void {
  world.model.held.clear();
  world.model.idle.clear();
  world.sets.clear();
}

const check = (world: World): void => {
  expect(world.sets.heldCount).toBe(world.model.held.size);
};

const ROLES = ['A', 'B'] as const;

type Command = fc.AsyncCommand<object, World>;

const acquireRole = (name: string): Command => ({
  check: () => true,
  run: async (_, world) => {
    acquire(world, name);
    check(world);
  },
  toString: () => `acquire ${name}`,
});

/** Releases the `pick`-th handle (modulo how many there are), whether or not it was released. */
const releaseHandle = (pick: number): Command => ({
  check: () => true,
  run: async (_, world) => {
    const handle = world.handles[pick % Math.max(1, world.handles.length)];
    if (handle !== undefined) release(world, handle);
    check(world);
  },
  toString: () => `release handle #${pick}`,
});

/** Calls the provider of the `pick`-th handle, as a client in flight does, released or not. */
const provide = (pick: number): Command => ({
  check: () => true,
  run: async (_, world) => {
    const handle = world.handles[pick % Math.max(1, world.handles.length)];
    if (handle === undefined) return;
    await handle.shared.provider();
    world.model.fetched.add(handle.set);
    const setsOfRole = [...world.model.fetched].filter(
      (set) => world.model.setRole.get(set) === handle.role,
    ).length;
    expect(world.assumeRoleCalls(roleArn(world, handle.role))).toBe(setsOfRole);
  },
  toString: () => `provide handle #${pick}`,
});

/** `count` other roles, each acquired and released at once, never fetched: they push idle sets out. */
const burst = (count: number): Command => ({
  check: () => true,
  run: async (_, world) => {
    for (let made = 0; made < count; made++) {
      release(world, acquire(world, `Burst${world.burst++}`));
    }
    check(world);
  },
  toString: () => `${count} other roles go idle`,
});

const clear: Command = {
  check: () => true,
  run: async (_, world) => {
    clearSets(world);
    check(world);
  },
  toString: () => 'clear()',
};

const commands = [
  fc.constantFrom(...ROLES).map(acquireRole),
  fc.constantFrom(...ROLES).map(acquireRole),
  fc.nat(12).map(releaseHandle),
  fc.nat(12).map(releaseHandle),
  fc.nat(12).map(provide),
  fc.nat(12).map(provide),
  fc.constantFrom(1, 98, 99, 99, 100, 101).map(burst),
  fc.constant(clear),
];

describe('idle credential sets, against their model', () => {
  const local = useLocalAws();
  // The base credentials and STS endpoint AssumeRole goes through.
  useFreshCache({ against: () => local.endpoint });
  const pools = new SharedPools();
  afterAll(() => pools.close());

  let run = 0;
  const world = (): World => ({
    model: { held: new Map(), idle: new Map(), fetched: new Set(), setRole: new Map(), nextSet: 0 },
    sets: localCredentialSets(pools),
    handles: [],
    // Each run its own roles: the endpoint counts AssumeRole calls per role for the whole test.
    prefix: `Run${run++}`,
    assumeRoleCalls: (arn) => local.endpoint.stats.assumeRoleCalls(arn),
    providers: new Map(),
    seen: new Set(),
    burst: 0,
  });

  it('assumes a role once per set the model says it holds, for any order of operations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commands, { maxCommands: 24, size: 'max' }),
        async (sequence) => {
          await fc.asyncModelRun(() => ({ model: {}, real: world() }), sequence);
        },
      ),
      propertyParameters(100, 20261204),
    );
  });

  it('keeps a released role while only 99 newer ones are idle', async () => {
    // Prepare
    const state = world();
    const first = acquire(state, 'A');
    const before = await first.shared.provider();
    release(state, first);
    for (let index = 0; index < 99; index++) release(state, acquire(state, `Newer${index}`));

    // Act
    const again = acquire(state, 'A');
    const after = await again.shared.provider();

    // Assess
    expect(after.accessKeyId).toBe(before.accessKeyId);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(state, 'A'))).toBe(1);
  });

  it('frees the idle place of a role taken back: 99 newer idle roles still leave an older one', async () => {
    // Prepare: B idle, then A idle and taken back (held again), then 99 others idle
    const state = world();
    release(state, acquire(state, 'B'));
    release(state, acquire(state, 'A'));
    acquire(state, 'A');
    for (let index = 0; index < 99; index++) release(state, acquire(state, `Newer${index}`));

    // Act: the model asserts B gets its own set back (the same provider)
    acquire(state, 'B');

    // Assess
    expect(state.sets.heldCount).toBe(2);
  });

  it('forgets an idle role at clear(): the next acquire assumes it again', async () => {
    // Prepare
    const state = world();
    const first = acquire(state, 'A');
    await first.shared.provider();
    release(state, first);

    // Act
    clearSets(state);
    const again = acquire(state, 'A');
    await again.shared.provider();

    // Assess
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(state, 'A'))).toBe(2);
  });

  it('puts nothing back when a handle from before clear() is released after it', async () => {
    // Prepare: a client in flight holds A across clear(), and a new one holds A after it
    const state = world();
    const inFlight = acquire(state, 'A');
    await inFlight.shared.provider();
    clearSets(state);
    const after = acquire(state, 'A');
    await after.shared.provider();

    // Act
    inFlight.shared.release();

    // Assess: the new set is still held and reused, the old one is gone
    expect(state.sets.heldCount).toBe(1);
    const third = acquire(state, 'A');
    expect((await third.shared.provider()).accessKeyId).toBe(
      (await after.shared.provider()).accessKeyId,
    );
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(state, 'A'))).toBe(2);
  });
});
