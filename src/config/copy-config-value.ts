import { ClientCacheConfigError } from '../errors.js';

function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A private copy of an `additionalConfig` value, read once: plain objects
 * and arrays are copied field by field (their enumerable fields, as the key
 * sees them), a `Date` by its time, and anything else (a class instance, a
 * function) is kept by reference and keyed by identity. So editing a plain
 * object you passed, say `additionalConfig.credentials`, can never change a
 * client already built from it.
 */
export function copyConfigValue(value: unknown, path: Set<object> = new Set()): unknown {
  if (typeof value === 'symbol') {
    // Two symbols can share a description, and a symbol cannot be weakly keyed by identity.
    throw new ClientCacheConfigError(
      'additionalConfig',
      '`additionalConfig` must not hold a symbol',
    );
  }
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (!isPlainData(value)) return value;
  if (path.has(value)) {
    throw new ClientCacheConfigError(
      'additionalConfig',
      '`additionalConfig` must not contain a reference cycle',
    );
  }
  path.add(value);
  let copy: unknown;
  if (Array.isArray(value)) {
    copy = value.map((item) => copyConfigValue(item, path));
  } else {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = copyConfigValue((value as Record<string, unknown>)[key], path);
      // A JSON-parsed `__proto__` is an own field; plain assignment would set the prototype.
      Object.defineProperty(fields, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    copy = fields;
  }
  path.delete(value);
  return copy;
}
