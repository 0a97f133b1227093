/**
 * The shutdown commands of the lifecycle model: `destroy()` of the default cache or of the own
 * one (once, or twice in one turn), waiting for what has begun (after releasing what runs, or
 * through the grace period), and `configureClientCache()`, which ends the cache it replaces.
 */
import { configureClientCache, destroyClientCache } from '../../src/client-cache/default-cache.js';
import { ClientCacheConfigError } from '../../src/errors.js';
import {
  adoptDefault,
  type Command,
  expectCurrentDefault,
  type LifecycleModel,
  type Target,
} from './lifecycle-model-checks.js';
import { type Generation, type LifecycleWorld, within } from './lifecycle-model-world.js';

export class DestroyCommand implements Command {
  constructor(
    readonly target: Target,
    readonly times: number,
  ) {}
  check = () => true;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    const generation = this.target === 'own' ? world.own : world.current;
    // What runs at the server now is fixed in this turn: the shutdown begins in it too.
    if (generation !== undefined) world.beginShutdown(generation);
    const destroy = () =>
      this.target === 'own' && world.own !== undefined
        ? world.own.cache.destroy()
        : destroyClientCache();
    const promises = Array.from({ length: this.times }, destroy);
    if (this.target === 'default') {
      world.current = undefined;
      if (generation !== undefined) {
        world.defaultShutdownBegun = true;
        world.lastEndedDefault = generation;
      }
    }
    expectCurrentDefault(world);
    // With no default cache ever ended there is nothing to wait for (a new resolved promise).
    if (this.target === 'default' && !world.defaultShutdownBegun) return;
    for (const promise of promises) expect(promise).toBe(promises[0]);
    const generations =
      this.target === 'own'
        ? [world.own as Generation]
        : world.generations.filter((one) => one.label.startsWith('default') && one.destroyStarted);
    world.shutdowns.push({ promise: promises[0] as Promise<void>, generations });
  }
  toString = () => `destroy(${this.target}, x${this.times})`;
}

export class AwaitShutdownCommand implements Command {
  constructor(readonly releaseFirst: boolean) {}
  check = ({ world }: LifecycleModel) => world.shutdowns.length > 0;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    if (this.releaseFirst) {
      world.endpoint.faults.clear('sts');
      world.stsHeld = false;
      for (const call of world.calls)
        if (call.generation.destroyStarted) world.gates.release(call.id);
    }
    await awaitShutdowns(world);
  }
  toString = () => `awaitShutdown(${this.releaseFirst ? 'released' : 'through the grace period'})`;
}

/**
 * Awaits every shutdown begun so far, newest first, and checks what each must have ended by then:
 * the newest `destroyClientCache()` promise covers every default cache ended before it.
 */
export async function awaitShutdowns(world: LifecycleWorld): Promise<void> {
  for (const shutdown of world.shutdowns.splice(0).reverse()) {
    const outcome = await within(
      shutdown.promise.then(
        () => 'resolved',
        (error: unknown) => `rejected: ${String(error)}`,
      ),
      10_000,
      'still pending after 10 s',
    );
    expect(outcome).toBe('resolved');
    for (const generation of shutdown.generations) {
      const stats = generation.cache.stats();
      expect({
        cache: generation.label,
        sockets: stats.openSockets,
        size: stats.size,
        sets: stats.sharedCredentialSets,
      }).toEqual({
        cache: generation.label,
        sockets: 0,
        size: 0,
        sets: 0,
      });
      const calls = world.calls.filter((call) => call.generation === generation);
      // Each call of an ended cache settles (its own result, or the pool's error), promptly.
      await within(Promise.all(calls.map((call) => call.settled)), 1000, []);
      const unsettled = calls.filter((call) => call.outcome === undefined).map((call) => call.id);
      expect({ cache: generation.label, unsettled }).toEqual({
        cache: generation.label,
        unsettled: [],
      });
      generation.arrivalsAtDrain ??= world.arrivalsOfGeneration(generation);
      // Nothing went on the wire after the shutdown began: queued, connecting and new requests
      // were refused, an AssumeRole included.
      expect({ cache: generation.label, sent: stats.requestsSent }).toEqual({
        cache: generation.label,
        sent: generation.sentAtDestroy,
      });
    }
  }
}

export class ConfigureCommand implements Command {
  constructor(readonly maxSockets: number) {}
  check = () => true;
  async run(_model: LifecycleModel, world: LifecycleWorld): Promise<void> {
    const previous = world.current;
    let refused: unknown;
    try {
      configureClientCache({ maxSockets: this.maxSockets });
    } catch (error) {
      refused = error;
    }
    if (previous?.built === true) {
      // Refused once a client was built: calls in flight keep the cache and options they had.
      expect(refused).toBeInstanceOf(ClientCacheConfigError);
      expectCurrentDefault(world);
      return;
    }
    expect(refused).toBeUndefined();
    world.configuredMaxSockets = this.maxSockets;
    world.current = undefined;
    if (previous !== undefined) {
      world.beginShutdown(previous);
      world.shutdowns.push({ promise: previous.cache.destroy(), generations: [previous] });
    }
    adoptDefault(world);
    expectCurrentDefault(world);
  }
  toString = () => `configure(maxSockets ${this.maxSockets})`;
}
