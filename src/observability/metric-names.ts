/**
 * The metrics contract: every metric the cache publishes, with its unit.
 * The dashboard (`dashboards/client-cache.json`) is built from these names,
 * and a test holds the two equal in both directions.
 */
export const ClientCacheMetric = {
  Hit: 'ClientCacheHit',
  Miss: 'ClientCacheMiss',
  Eviction: 'ClientCacheEviction',
  EvictionMiss: 'ClientCacheEvictionMiss',
  Expiration: 'ClientCacheExpiration',
  Size: 'ClientCacheSize',
  CreationTime: 'ClientCreationTime',
  CredentialRefresh: 'CredentialRefresh',
  CredentialRefreshFailure: 'CredentialRefreshFailure',
  ConnectionsOpened: 'ConnectionsOpened',
  RequestsSent: 'RequestsSent',
} as const;

export type ClientCacheMetricName = (typeof ClientCacheMetric)[keyof typeof ClientCacheMetric];

/** CloudWatch units, spelled as EMF and Powertools `MetricUnit` spell them. */
export const ClientCacheMetricUnit = {
  ClientCacheHit: 'Count',
  ClientCacheMiss: 'Count',
  ClientCacheEviction: 'Count',
  ClientCacheEvictionMiss: 'Count',
  ClientCacheExpiration: 'Count',
  ClientCacheSize: 'Count',
  ClientCreationTime: 'Milliseconds',
  CredentialRefresh: 'Count',
  CredentialRefreshFailure: 'Count',
  ConnectionsOpened: 'Count',
  RequestsSent: 'Count',
} as const satisfies Record<ClientCacheMetricName, 'Count' | 'Milliseconds'>;

/**
 * The dimension sets the cache writes. Every line carries `service`; the
 * per-client-type breakdown adds `ClientType`. Nothing unbounded (role ARN,
 * account, request id) is ever a dimension.
 */
export const ClientCacheDimension = {
  Service: 'service',
  ClientType: 'ClientType',
} as const;

export const CLIENT_CACHE_DIMENSION_SETS = [['service']] as const;
