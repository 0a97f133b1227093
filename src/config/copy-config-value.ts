import { ClientCacheConfigError } from '../errors.js';
import { describeFieldName, describeValue } from './describe-value.js';
import { isDataObject } from './is-config-object.js';

/**
 * The `additionalConfig` fields that decide who a client signs as or where
 * it sends. Under them only data is accepted (copied, and fingerprinted by
 * content), or a function (a provider, keyed by identity like a
 * `credentials` provider): a class instance there could change its answer
 * after the key was taken from it, so it is refused.
 */
const IDENTITY_FIELDS: ReadonlySet<string> = new Set([
  'credentials',
  'region',
  'endpoint',
  'profile',
  'signer',
  'signingName',
  'signingRegion',
  'sigv4aSigningRegionSet',
]);

const PLAIN_DATA =
  'plain data (an object literal, an array, a Date, a URL, a string, a number or a boolean) or a function';

function refuse(path: string, message: string): never {
  throw new ClientCacheConfigError(path, `\`${path}\` ${message}`);
}

function fieldPath(path: string, key: string): string {
  const name = describeFieldName(key);
  return name === key ? `${path}.${key}` : `${path}${name}`;
}

interface CopyState {
  /** The objects on the way down from `additionalConfig`: a repeat is a cycle. */
  readonly ancestors: Set<object>;
  /** True under an identity field, where a class instance is refused. */
  readonly identity: boolean;
}

function copyValue(value: unknown, path: string, state: CopyState): unknown {
  if (typeof value === 'symbol') {
    // Two symbols can share a description, and a symbol cannot be weakly keyed by identity.
    refuse(path, 'must not be a symbol');
  }
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof URL) return new URL(value.href);
  const isArray = Array.isArray(value);
  if (!isArray && !isDataObject(value)) {
    if (state.identity) {
      refuse(
        path,
        `must be ${PLAIN_DATA}, got an instance of a class: it decides who the client signs as or where it sends, so the cache copies it and keys it by content`,
      );
    }
    // A logger, a request handler, a retry strategy: used as they are, keyed by identity.
    return value;
  }
  if (state.ancestors.has(value)) refuse(path, 'must not contain a reference cycle');
  state.ancestors.add(value);
  let copy: unknown;
  if (isArray) {
    // Index by index into a new plain array, never through the array's own `map` or species
    // (an own method, a subclass or a Proxy could hand back an array the caller keeps), and
    // a hole as `undefined`, so `[,]` and `[]` are not one key.
    const source = value as unknown[];
    copy = Array.from({ length: source.length }, (_, index) =>
      copyValue(source[index], `${path}[${index}]`, state),
    );
  } else {
    copy = copyFields(value, path, () => state);
  }
  state.ancestors.delete(value);
  return copy;
}

/** Each enumerable field, own or inherited (`for...in`, as the top level is read), read once. */
function copyFields(
  value: object,
  path: string,
  stateOf: (key: string) => CopyState,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key in value) {
    const item = copyValue(
      (value as Record<string, unknown>)[key],
      fieldPath(path, key),
      stateOf(key),
    );
    // A JSON-parsed `__proto__` is an own field; plain assignment would set the prototype.
    Object.defineProperty(fields, key, {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return fields;
}

/**
 * A private copy of `additionalConfig`, read once and never written to.
 * It is a config object (a literal, `Object.create` of one, or
 * null-prototype), as the top-level config must be; so is every object in
 * it that is copied: its enumerable fields, own or inherited, a `Date` by
 * its time, a `URL` by its text. A function or a class instance (a logger,
 * a request handler) is kept by reference and keyed by identity, except
 * under an identity field (`credentials`, `region`, `endpoint`...), where a
 * class instance is refused. So nothing the caller does to an object after
 * the call can change a client built from it, or find it under another key.
 */
export function copyAdditionalConfig(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !isDataObject(value)) {
    return refuse(
      'additionalConfig',
      `must be a plain object of SDK client settings (an object literal), as the getter config is, got ${describeValue(value)}`,
    );
  }
  const ancestors = new Set<object>([value]);
  return copyFields(value, 'additionalConfig', (key) => ({
    ancestors,
    identity: IDENTITY_FIELDS.has(key),
  }));
}
