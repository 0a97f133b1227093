/**
 * The signing model's commands (signing-model.test.ts): a getter call, an
 * in-place edit of an object passed earlier, clear, and a fresh cache of a
 * tiny bound. Each checks, as it runs, that the client it was handed signs
 * as the oracle says, and that an invalid config throws warm and cold.
 */
import fc from 'fast-check';
import { createClientCache } from '../../src/all.js';
import type { ClientCache } from '../../src/client-cache/client-cache.js';
import { buildConfig } from './signing-model-configs.js';
import {
  expected,
  expectRefusedWithoutSecrets,
  resolved,
  type SigningClient,
} from './signing-model-oracle.js';
import {
  IDENTITIES,
  type Identity,
  type Recipe,
  recipeArbitrary,
  SERVICES,
} from './signing-model-recipes.js';

/** A client handed out, with what it must keep signing as. */
interface Handed {
  readonly client: SigningClient;
  readonly identity: Identity;
  readonly region: string;
}

/** The system under test and what the commands passed it and were handed. */
export interface Real {
  cache: ClientCache;
  /** A new cache, destroyed by the command: the cold side of the warm/cold check. */
  readonly coldCache: () => ClientCache;
  /** The objects passed so far, with the recipe each now stands for. */
  readonly passed: {
    config: Record<string, unknown>;
    credentials?: Record<string, unknown>;
    recipe: Recipe;
  }[];
  readonly handed: Handed[];
}

async function callGetter(
  real: Real,
  recipe: Recipe,
  config: Record<string, unknown>,
): Promise<void> {
  const want = expected(recipe);
  const get = (cache: ClientCache) => cache.get(SERVICES[recipe.service] as never, config as never);
  if (want === 'invalid') {
    // Warm (this cache, just given the same config undisguised) and cold (a new one) both reject it.
    const plain = { ...recipe, disguise: 'plain' as const };
    await callGetter(real, plain, buildConfig(plain).config);
    expectRefusedWithoutSecrets(() => get(real.cache));
    const cold = real.coldCache();
    expectRefusedWithoutSecrets(() => get(cold));
    // Destroyed at once, not at the end of the test: the model runs hundreds of caches.
    await cold.destroy();
    return;
  }
  const client = get(real.cache) as SigningClient;
  expect(await resolved(client)).toEqual(want);
  real.handed.push({ client, ...want });
}

class GetCommand implements fc.AsyncCommand<object, Real> {
  constructor(readonly recipe: Recipe) {}
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    const recipe = { ...this.recipe };
    if (recipe.disguise === 'hiddenRegion') {
      // Warm the key the hidden region would find if the hit path could see it.
      const revealed = { ...recipe, disguise: 'plain' as const, region: 'eu-west-1' };
      await callGetter(real, revealed, buildConfig(revealed).config);
    }
    const built = buildConfig(recipe);
    real.passed.push({ ...built, recipe });
    await callGetter(real, recipe, built.config);
  }
  toString = () => `get(${JSON.stringify(this.recipe)})`;
}

/** Edits an object passed earlier, in place, then asks again with it. */
class MutateCommand implements fc.AsyncCommand<object, Real> {
  constructor(
    readonly pick: number,
    readonly identity: number,
    readonly region: string,
  ) {}
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    const passed = real.passed[this.pick % Math.max(1, real.passed.length)];
    if (passed === undefined) return;
    const { recipe } = passed;
    if (passed.credentials !== undefined && recipe.source.kind === 'static') {
      Object.assign(passed.credentials, IDENTITIES[this.identity]);
      recipe.source = { ...recipe.source, index: this.identity };
    } else if (recipe.disguise === 'plain' && !Object.isFrozen(passed.config)) {
      passed.config.region = this.region;
      recipe.region = this.region;
    } else {
      return;
    }
    await callGetter(real, recipe, passed.config);
  }
  toString = () => `mutate(#${this.pick}, identity ${this.identity}, ${this.region})`;
}

class ClearCommand implements fc.AsyncCommand<object, Real> {
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    real.cache.clear();
  }
  toString = () => 'clear()';
}

/** Destroys the cache and goes on with a new one of a tiny bound, as after a redeploy. */
class FreshCacheCommand implements fc.AsyncCommand<object, Real> {
  constructor(readonly maxEntries: number) {}
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    await real.cache.destroy();
    real.cache = createClientCache({ maxEntries: this.maxEntries });
  }
  toString = () => `freshCache(${this.maxEntries})`;
}

export const commands = [
  recipeArbitrary.map((recipe) => new GetCommand(recipe)),
  recipeArbitrary.map((recipe) => new GetCommand(recipe)),
  fc
    .tuple(fc.nat(), fc.nat(IDENTITIES.length - 1), fc.constantFrom('us-east-1', 'eu-west-1'))
    .map(([pick, identity, region]) => new MutateCommand(pick, identity, region)),
  fc.constant(new ClearCommand()),
  fc.integer({ min: 1, max: 3 }).map((maxEntries) => new FreshCacheCommand(maxEntries)),
];
