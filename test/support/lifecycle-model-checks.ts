/**
 * What every command of the lifecycle model checks on the spot (`lifecycle-model-commands.ts`,
 * `lifecycle-model-shutdowns.ts`): the counters of a cache, and which default cache the getters use.
 */
import type fc from 'fast-check';
import { settingsOf } from '../../src/client-cache/client-cache.js';
import { existingDefaultCache } from '../../src/client-cache/default-cache.js';
import type { Generation, LifecycleWorld } from './lifecycle-model-world.js';

export type Target = 'default' | 'own';

export interface LifecycleModel {
  readonly world: LifecycleWorld;
}
export type Command = fc.AsyncCommand<LifecycleModel, LifecycleWorld>;

/** Hits plus misses are the getter calls that returned a client; the size is what the model holds. */
export function expectCounters(generation: Generation): void {
  const stats = generation.cache.stats();
  expect({ cache: generation.label, counted: stats.hits + stats.misses, size: stats.size }).toEqual(
    {
      cache: generation.label,
      counted: generation.returned,
      size: generation.clients.size,
    },
  );
}

/** The default cache the getters use now is the one the model expects, built with the options in force. */
export function expectCurrentDefault(world: LifecycleWorld): void {
  expect(existingDefaultCache()).toBe(world.current?.cache);
  if (world.current !== undefined) {
    expect(settingsOf(world.current.cache).maxSockets).toBe(world.configuredMaxSockets);
  }
}

/** The default cache just built by a getter or a stats read: a new one, never an ended one. */
export function adoptDefault(world: LifecycleWorld): Generation {
  if (world.current !== undefined) return world.current;
  const cache = existingDefaultCache();
  if (cache === undefined) throw new Error('the getter built no default cache');
  expect(world.generations.some((generation) => generation.cache === cache)).toBe(false);
  world.current = world.addGeneration('default', cache, world.configuredMaxSockets);
  return world.current;
}
