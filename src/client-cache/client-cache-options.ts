import { describeFieldName } from '../config/describe-value.js';
import type { ResolvedSettings } from '../config/settings.js';
import { ClientCacheConfigError } from '../errors.js';
import type { LoggerLike, MetricsLike } from '../observability/powertools-types.js';
import type { ClientCacheTracer } from '../observability/tracing.js';

/** Options for `createClientCache` and `configureClientCache`. Each beats its env var, which beats the default. */
export interface ClientCacheOptions extends Partial<ResolvedSettings> {
  /** The clock, in epoch milliseconds. Default `Date.now`; inject one in tests. */
  readonly now?: () => number;
  /** Your Powertools `Metrics`: the cache's figures then land in your namespace and dimensions. */
  readonly metrics?: MetricsLike;
  /** Your Powertools `Tracer` (X-Ray subsegments) or OpenTelemetry `Tracer` (spans under the active span): misses and credential refreshes are traced. Without one, nothing is traced and no tracer is loaded. */
  readonly tracer?: ClientCacheTracer;
  /** Your Powertools `Logger`. Default: the cache's own, which follows `POWERTOOLS_LOG_LEVEL`. */
  readonly logger?: LoggerLike;
}

const OPTION_KEYS = [
  'maxEntries',
  'ttlSeconds',
  'expiryBufferSeconds',
  'maxSockets',
  'connectionTimeoutMs',
  'socketTimeoutMs',
  'traceHits',
  'now',
  'metrics',
  'tracer',
  'logger',
] as const satisfies readonly (keyof ClientCacheOptions)[];

/** Rejects an unknown option or a clock that is not a function; settings are checked by `resolveSettings`. */
export function checkCacheOptions(options: unknown): asserts options is ClientCacheOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ClientCacheConfigError('options', 'the cache options must be an object');
  }
  for (const key of Object.keys(options)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) {
      const name = describeFieldName(key);
      throw new ClientCacheConfigError(
        name,
        `\`${name}\` is not a ClientCacheOptions option; allowed: ${OPTION_KEYS.join(', ')}`,
      );
    }
  }
  const { now } = options as ClientCacheOptions;
  if (now !== undefined && typeof now !== 'function') {
    throw new ClientCacheConfigError(
      'now',
      '`now` must be a function returning epoch milliseconds',
    );
  }
}
