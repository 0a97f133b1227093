/**
 * Builds the config object a caller would pass for a recipe of the signing
 * model, disguised as the recipe says: fields hidden as non-enumerable,
 * behind a Proxy, inherited or read through an accessor; `additionalConfig`
 * as a class instance or made with `Object.create`; the whole config as an
 * unparsed JSON string.
 */
import {
  IDENTITIES,
  type Identity,
  PROVIDERS,
  type Recipe,
  type Source,
} from './signing-model-recipes.js';

/** A settings object of the caller's own class: never part of a key by reference. */
class ExtraSettings {
  maxAttempts = 2;
}

function credentialsOf(
  source: Source,
): Record<string, unknown> | (() => Promise<unknown>) | undefined {
  if (source.kind === 'static') {
    const identity = { ...(IDENTITIES[source.index] as Identity) };
    const at = Date.now() + 7_200_000;
    if (source.expiration === 'date') return { ...identity, expiration: new Date(at) };
    if (source.expiration === 'ms') return { ...identity, expiration: at };
    return identity;
  }
  if (source.kind === 'provider') return PROVIDERS[source.index];
  return undefined;
}

/** Builds the object a caller would pass for `recipe`, disguised as it says. */
export function buildConfig(recipe: Recipe): {
  config: Record<string, unknown>;
  credentials?: Record<string, unknown>;
} {
  const credentials = credentialsOf(recipe.source);
  const fields: Record<string, unknown> = {};
  if (recipe.disguise === 'hiddenRegion') {
    // Readable, but not one of the config's fields: the hit path must not see it either.
    Object.defineProperty(fields, 'region', { value: 'eu-west-1', enumerable: false });
  } else if (recipe.region !== undefined) {
    fields.region = recipe.region;
  }
  if (recipe.source.kind === 'profile') fields.profile = recipe.source.name;
  const credentialField = recipe.viaAdditionalConfig ? 'additionalConfig' : 'credentials';
  const credentialValue = recipe.viaAdditionalConfig ? { credentials } : credentials;
  const owned = typeof credentials === 'object' ? credentials : undefined;
  const direct = recipe.viaAdditionalConfig || credentials === undefined ? {} : { credentials };
  const additional = recipe.viaAdditionalConfig && credentials !== undefined ? { credentials } : {};
  switch (recipe.disguise) {
    case 'classAdditional':
      return {
        config: {
          ...fields,
          ...direct,
          additionalConfig: Object.assign(new ExtraSettings(), additional),
        },
        credentials: owned,
      };
    case 'createdAdditional':
      // Its inherited fields are its fields; the credentials object is shared, so a mutation shows.
      return {
        config: { ...fields, ...direct, additionalConfig: Object.create(additional) },
        credentials: owned,
      };
    case 'jsonString':
      return {
        config: JSON.stringify({
          ...fields,
          ...direct,
          additionalConfig: additional,
        }) as never,
      };
  }
  if (credentials === undefined) {
    if (recipe.disguise === 'inherited')
      return { config: Object.assign(Object.create({ region: 'eu-west-1' }), fields) };
    if (recipe.disguise === 'misspelt') return { config: { ...fields, roleARN: undefined } };
    return { config: fields };
  }
  switch (recipe.disguise) {
    case 'nonEnumerable':
      Object.defineProperty(fields, credentialField, { value: credentialValue, enumerable: false });
      return { config: fields, credentials: owned };
    case 'proxy': {
      const target = { ...fields, [credentialField]: credentialValue };
      const visible = Object.keys(fields);
      return { config: new Proxy(target, { ownKeys: () => visible }), credentials: owned };
    }
    case 'accessor':
      Object.defineProperty(fields, credentialField, {
        get: () => credentialValue,
        enumerable: true,
      });
      return { config: fields, credentials: owned };
    case 'inherited':
      return {
        config: Object.assign(Object.create({ region: 'eu-west-1' }), fields, {
          [credentialField]: credentialValue,
        }),
      };
    case 'misspelt':
      return { config: { ...fields, [credentialField]: credentialValue, roleARN: undefined } };
    case 'hiddenRegion':
      fields[credentialField] = credentialValue;
      return { config: fields, credentials: owned };
    default:
      return { config: { ...fields, [credentialField]: credentialValue }, credentials: owned };
  }
}
