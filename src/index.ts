export type { ClientCacheStats } from './cache/cache-api.js';
export {
  clearClientCache,
  destroyClientCache,
  getClientCacheSize,
  getClientCacheStats,
} from './cache/cache-api.js';
export { EvictionReason } from './cache/cache-events.js';
export { generateCacheKey } from './cache/cache-key.js';
export type { ClientCacheOptions } from './cache/runtime.js';
export { configureClientCache } from './cache/runtime.js';
export type { CachedClient } from './cache/seed-api.js';
export { calculateExpirationTime, getCachedClient, isCachedClientValid } from './cache/seed-api.js';
export { getCostExplorerClient } from './clients/cost-explorer.js';
export type { ClientConstructor } from './clients/create-client-entry.js';
export { getEventBridgeClient } from './clients/eventbridge.js';
export { getClient } from './clients/get-client.js';
export { getLambdaClient } from './clients/lambda.js';
export { getS3Client } from './clients/s3.js';
export { getSTSClient } from './clients/sts.js';
export type {
  ClientCacheConfig,
  CredentialIdentity,
  CredentialProvider,
} from './config/client-cache-config.js';
export { ClientCacheEnv } from './config/env-vars.js';
export type { ClientCacheSettings } from './config/settings.js';
export {
  ClientCacheConfigError,
  ClientCacheCredentialsError,
  ClientCacheError,
  UpstreamError,
} from './errors.js';
export {
  ClientCacheDimension,
  ClientCacheMetric,
  ClientCacheMetricUnit,
} from './observability/metric-names.js';
export type { ClientCacheMetricsOptions } from './observability/metrics-middleware.js';
export { clientCacheMetrics, withClientCacheMetrics } from './observability/metrics-middleware.js';
export { publishClientCacheMetrics } from './observability/metrics-publisher.js';
export type {
  LoggerLike,
  MetricsLike,
  SegmentLike,
  SubsegmentLike,
  TracerLike,
} from './observability/powertools-types.js';
export { TraceName } from './observability/trace-subsegment.js';
