// The package root: everything but the five service getters, and no import of
// an optional SDK client, so a handler that installs only the clients it uses
// can import it. The getters live at `aws-client-cache/s3` (and so on), or all
// five at `aws-client-cache/all`.
import * as compat from './compat.js';
import type { ClientConfig } from './config/client-cache-config.js';
import type { ResolvedSettings } from './config/settings.js';

export { ClientCache } from './client-cache/client-cache.js';
export type { ClientCacheOptions } from './client-cache/client-cache-options.js';
export type { ClientCacheStats } from './client-cache/client-cache-stats.js';
export type { ClientService } from './client-cache/client-service.js';
export { defineService } from './client-cache/client-service.js';
export {
  configureClientCache,
  destroyClientCache,
} from './client-cache/default-cache.js';
export {
  clearClientCache,
  clientCacheMetrics,
  createClientCache,
  getClient,
  getClientCacheSize,
  getClientCacheStats,
  publishClientCacheMetrics,
  withClientCacheMetrics,
} from './client-cache/default-cache-functions.js';
export type {
  ClientConfig,
  CredentialIdentity,
  CredentialProvider,
} from './config/client-cache-config.js';
export { ClientCacheEnv } from './config/env-vars.js';
export type { ResolvedSettings } from './config/settings.js';
export {
  ClientCacheConfigError,
  ClientCacheCredentialsError,
  ClientCacheError,
  UpstreamError,
} from './errors.js';
export type { ClientConstructor, ServiceDefaults } from './factory/create-client-entry.js';
export {
  ClientCacheDimension,
  ClientCacheMetric,
  ClientCacheMetricUnit,
} from './observability/metric-names.js';
export type { ClientCacheMetricsOptions } from './observability/metrics-middleware.js';
export type {
  OpenTelemetrySpanLike,
  OpenTelemetryTracerLike,
} from './observability/otel-types.js';
export type {
  LoggerLike,
  MetricsLike,
  SegmentLike,
  SubsegmentLike,
  TracerLike,
} from './observability/powertools-types.js';
export { OpenTelemetryAttribute, TraceName } from './observability/trace-unit.js';
export type { ClientCacheTracer } from './observability/tracing.js';
export { EvictionReason } from './observers/cache-events.js';

/** @deprecated Renamed `ClientConfig`: what a getter is asked for, one call's client. */
export type ClientCacheConfig = ClientConfig;
/** @deprecated Renamed `ResolvedSettings`: a cache's options and env vars, resolved and checked. */
export type ClientCacheSettings = ResolvedSettings;

// The compatibility helpers, still here so imports from the root keep working.
/** @deprecated Import from `aws-client-cache/compat`. */
export type CachedClient<ClientType = unknown> = compat.CachedClient<ClientType>;
/** @deprecated Import from `aws-client-cache/compat`. */
export const generateCacheKey = compat.generateCacheKey;
/** @deprecated Import from `aws-client-cache/compat`. */
export const calculateExpirationTime = compat.calculateExpirationTime;
/** @deprecated Import from `aws-client-cache/compat`. */
export const isCachedClientValid = compat.isCachedClientValid;
/** @deprecated Import from `aws-client-cache/compat`. */
export const getCachedClient = compat.getCachedClient;
