/** Longest value an error message quotes; a 1 MB string is shown by its start. */
const MAX_SHOWN = 80;

/**
 * Describes a rejected value for an error message without ever throwing:
 * strings and numbers as they are (quoted, shortened), anything else by its
 * kind. Symbols, null-prototype objects, cycles and hostile `toString`s
 * cannot turn a validation error into a crash. Never call it on a secret.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...` : value;
      return JSON.stringify(shown);
    }
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}
