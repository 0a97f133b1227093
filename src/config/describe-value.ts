import { isDataObject } from './is-config-object.js';

/**
 * The only strings an error message quotes on its own: up to 6 printable
 * characters (no key, secret or token is that short: `"abc"`, `"3s"`,
 * `"yes"`), or up to 24 of a number's characters, the typos of an integer
 * setting (`"1e3"`, `"-5"`, `" 5"`, `"2147483648"`). Any other string could
 * be a secret (an access key pasted into the wrong field, a config JSON that
 * was never parsed), so it is described by its length and shape, never shown.
 */
const QUOTABLE = /^(?:[\x20-\x7e]{0,6}|[\d\s+\-.,_eExX]{0,24})$/;

/** Longest value an error message quotes; a long ARN is shown by its start. */
const MAX_SHOWN = 80;

/** A field name an error may show: an identifier, short enough not to be a key or token. */
const SHOWABLE_NAME = /^[A-Za-z_$][\w$]{0,31}$/;
/** The shape of an access key id (16 or more upper-case letters and digits): an identifier too. */
const KEY_ID_SHAPE = /^[A-Z\d]{16,}$/;

function describeObjectKind(value: object): string {
  try {
    return isDataObject(value) ? 'an object' : 'an instance of a class';
  } catch {
    // A Proxy whose traps throw: still a description, never a crash.
    return 'an object';
  }
}

/** What can be said of a hidden string without showing any of it. */
function shapeOf(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return ' that looks like JSON: parse it first';
  }
  return trimmed === value ? '' : ' with whitespace at an end';
}

/**
 * Describes a rejected value for an error message without ever throwing:
 * numbers, booleans and number-like strings as they are, any other string
 * by its length, anything else by its kind. Symbols, null-prototype objects,
 * cycles and hostile `toString`s cannot turn a validation error into a
 * crash, and no secret can reach a message through it. `showable` is a
 * field's own test for strings that cannot be secrets (`arn:...` for a
 * role ARN), which are quoted too.
 */
export function describeValue(value: unknown, showable?: RegExp): string {
  switch (typeof value) {
    case 'string':
      if (value === '') return 'an empty string';
      if (QUOTABLE.test(value) || showable?.test(value)) {
        return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...` : value);
      }
      return `a string of ${value.length} characters${shapeOf(value)} (not shown: it could be a secret)`;
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
      if (Array.isArray(value)) return 'an array';
      return describeObjectKind(value as object);
  }
}

/** A field name for a message or an error's `field`: as it is when it is an identifier. */
export function describeFieldName(name: string): string {
  return SHOWABLE_NAME.test(name) && !KEY_ID_SHAPE.test(name)
    ? name
    : `[a field name of ${name.length} characters]`;
}
