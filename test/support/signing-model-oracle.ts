/**
 * The signing model's oracle: what a recipe asks for (the identity and
 * region its client must sign with, or that it is invalid), what a client
 * actually resolves to, and that a refused config quotes no secret it held.
 */
import { ClientCacheConfigError } from '../../src/all.js';
import {
  DEFAULT_REGION,
  FUNCTION_IDENTITY,
  IDENTITIES,
  type Identity,
  PROFILES,
  type Recipe,
} from './signing-model-recipes.js';

/** What a client shows of the identity and region it signs with. */
export interface SigningClient {
  config: { credentials(): Promise<unknown>; region(): Promise<string> };
}

/** The model: what `recipe` asks for, or 'invalid'. Hidden fields are not part of a config. */
export function expected(recipe: Recipe): { identity: Identity; region: string } | 'invalid' {
  if (['misspelt', 'classAdditional', 'jsonString'].includes(recipe.disguise)) return 'invalid';
  const hidden = recipe.disguise === 'nonEnumerable' || recipe.disguise === 'proxy';
  // An inherited enumerable field is part of the config (`for...in` visits it); an own one shadows it.
  const fallbackRegion = recipe.disguise === 'inherited' ? 'eu-west-1' : DEFAULT_REGION;
  const region =
    recipe.disguise === 'hiddenRegion' ? DEFAULT_REGION : (recipe.region ?? fallbackRegion);
  const { source } = recipe;
  if (!hidden && (source.kind === 'static' || source.kind === 'provider')) {
    return { identity: IDENTITIES[source.index] as Identity, region };
  }
  if (source.kind === 'profile') {
    return {
      identity: { accessKeyId: PROFILES[source.name], secretAccessKey: `profile-${source.name}` },
      region,
    };
  }
  return { identity: FUNCTION_IDENTITY, region };
}

export async function resolved(
  client: SigningClient,
): Promise<{ identity: Identity; region: string }> {
  const { accessKeyId, secretAccessKey } = (await client.config.credentials()) as Identity;
  return { identity: { accessKeyId, secretAccessKey }, region: await client.config.region() };
}

/** A refused config throws a ClientCacheConfigError that quotes no identity it held. */
export function expectRefusedWithoutSecrets(act: () => unknown): void {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ClientCacheConfigError);
  const shown = `${(thrown as Error).message} ${JSON.stringify(thrown)}`;
  for (const { accessKeyId, secretAccessKey } of IDENTITIES) {
    expect(shown).not.toContain(accessKeyId);
    expect(shown).not.toContain(secretAccessKey);
  }
}
