import { ClientCacheConfigError } from '../errors.js';
import { describeValue } from './describe-value.js';
import { ClientCacheEnv } from './env-vars.js';
import { MAX_ENTRIES, MAX_SOCKETS, TIMER_MAX_MS, TIMER_MAX_SECONDS } from './limits.js';
import {
  checkInteger,
  type IntegerRange,
  parseBooleanEnv,
  parseIntegerEnv,
} from './parse-setting.js';

/** The cache's tunable settings, after option > env > default precedence. */
export interface ResolvedSettings {
  /** Most clients kept. Env `CLIENT_CACHE_MAX_ENTRIES`, default 100, integer 1..10000. */
  readonly maxEntries: number;
  /** Lifetime of an entry without expiring credentials. Env `CLIENT_CACHE_TTL_SECONDS`, default 3600, integer 1..2147483 (what a timer holds, in seconds). */
  readonly ttlSeconds: number;
  /** How long before static credentials expire their entry goes. Env `CLIENT_CACHE_EXPIRY_BUFFER_SECONDS`, default 300, integer 0..2147483. */
  readonly expiryBufferSeconds: number;
  /**
   * Sockets per endpoint in the shared pool, shared by every role. Env `CLIENT_CACHE_MAX_SOCKETS`,
   * default 500 (ten roles times the SDK's 50 per client, and half Lambda's 1024 file descriptors),
   * integer 1..65535.
   */
  readonly maxSockets: number;
  /** Time allowed to open a connection. Env `CLIENT_CACHE_CONNECTION_TIMEOUT_MS`, default 3000, integer 1..2147483647 (the longest Node timer). */
  readonly connectionTimeoutMs: number;
  /** Idle time allowed on a socket mid-request. Env `CLIENT_CACHE_SOCKET_TIMEOUT_MS`, default 3000, integer 1..2147483647 (the longest Node timer). */
  readonly socketTimeoutMs: number;
  /** Trace cache hits too, not only misses. Env `CLIENT_CACHE_TRACE_HITS`, default false. */
  readonly traceHits: boolean;
}

type IntegerSettingName = Exclude<keyof ResolvedSettings, 'traceHits'>;

/** One row per integer setting: the single source for env names, defaults and ranges. */
const INTEGER_SETTINGS = {
  maxEntries: {
    env: ClientCacheEnv.MaxEntries,
    defaultValue: MAX_ENTRIES.defaultValue,
    range: { min: MAX_ENTRIES.min, max: MAX_ENTRIES.max },
  },
  ttlSeconds: {
    env: ClientCacheEnv.TtlSeconds,
    defaultValue: 3600,
    range: { min: 1, max: TIMER_MAX_SECONDS },
  },
  expiryBufferSeconds: {
    env: ClientCacheEnv.ExpiryBufferSeconds,
    defaultValue: 300,
    range: { min: 0, max: TIMER_MAX_SECONDS },
  },
  maxSockets: {
    env: ClientCacheEnv.MaxSockets,
    defaultValue: MAX_SOCKETS.defaultValue,
    range: { min: MAX_SOCKETS.min, max: MAX_SOCKETS.max },
  },
  connectionTimeoutMs: {
    env: ClientCacheEnv.ConnectionTimeoutMs,
    defaultValue: 3000,
    range: { min: 1, max: TIMER_MAX_MS },
  },
  socketTimeoutMs: {
    env: ClientCacheEnv.SocketTimeoutMs,
    defaultValue: 3000,
    range: { min: 1, max: TIMER_MAX_MS },
  },
} as const satisfies Record<
  IntegerSettingName,
  { env: string; defaultValue: number; range: IntegerRange }
>;

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * An env var set to the empty string counts as unset: CloudFormation and
 * SAM write `""` for an optional parameter left blank, and Lambda keeps it.
 * Any other value that is not allowed, whitespace included, is an error.
 */
function isUnset(raw: string | undefined): raw is undefined | '' {
  return raw === undefined || raw === '';
}

function resolveInteger(name: IntegerSettingName, option: unknown, env: Environment): number {
  const { env: envName, defaultValue, range } = INTEGER_SETTINGS[name];
  if (option !== undefined) return checkInteger(name, option, range);
  const raw = env[envName];
  return isUnset(raw) ? defaultValue : parseIntegerEnv(envName, raw, range);
}

function resolveTraceHits(option: unknown, env: Environment): boolean {
  if (option === undefined) {
    const raw = env[ClientCacheEnv.TraceHits];
    return isUnset(raw) ? false : parseBooleanEnv(ClientCacheEnv.TraceHits, raw);
  }
  if (typeof option === 'boolean') return option;
  throw new ClientCacheConfigError(
    'traceHits',
    `\`traceHits\` must be a boolean, got ${describeValue(option)}`,
  );
}

/**
 * Resolves every setting with explicit option > env var > default, validates
 * each, and freezes the result. Throws `ClientCacheConfigError` naming the
 * first bad field: a bad value never falls back silently. An option set to
 * `undefined` and an env var set to `""` are unset, and get the default.
 */
export function resolveSettings(
  options: Partial<Record<keyof ResolvedSettings, unknown>> = {},
  env: Environment = process.env,
): ResolvedSettings {
  return Object.freeze({
    maxEntries: resolveInteger('maxEntries', options.maxEntries, env),
    ttlSeconds: resolveInteger('ttlSeconds', options.ttlSeconds, env),
    expiryBufferSeconds: resolveInteger('expiryBufferSeconds', options.expiryBufferSeconds, env),
    maxSockets: resolveInteger('maxSockets', options.maxSockets, env),
    connectionTimeoutMs: resolveInteger('connectionTimeoutMs', options.connectionTimeoutMs, env),
    socketTimeoutMs: resolveInteger('socketTimeoutMs', options.socketTimeoutMs, env),
    traceHits: resolveTraceHits(options.traceHits, env),
  });
}
