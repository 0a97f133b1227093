import { ClientCacheConfigError } from '../errors.js';
import { describeValue } from './describe-value.js';

/** Every integer setting has both ends: a duration past `TIMER_MAX_MS` would overflow a Node timer. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

function describeRange({ min, max }: IntegerRange): string {
  return `an integer from ${min} to ${max}`;
}

function isInRange(value: number, { min, max }: IntegerRange): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Validates an integer given in code (an option, a command-line flag); `field` names it. */
export function checkInteger(field: string, value: unknown, range: IntegerRange): number {
  if (typeof value === 'number' && isInRange(value, range)) return value;
  throw new ClientCacheConfigError(
    field,
    `\`${field}\` must be ${describeRange(range)}, got ${describeValue(value)}`,
  );
}

/**
 * Parses an integer env var. Only plain decimal digits pass: `1e3`, `0x10`,
 * ` 5` and `1.0` are typos in an env file far more often than intent.
 */
export function parseIntegerEnv(name: string, raw: string, range: IntegerRange): number {
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (isInRange(value, range)) return value;
  throw new ClientCacheConfigError(
    name,
    `\`${name}\` must be ${describeRange(range)}, got ${describeValue(raw)}`,
  );
}

/** Parses a boolean env var: exactly `true` or `false`. */
export function parseBooleanEnv(name: string, raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ClientCacheConfigError(
    name,
    `\`${name}\` must be "true" or "false", got ${describeValue(raw)}`,
  );
}
