import type { CacheCounterName } from '../observers/cache-counters.js';

/**
 * How a metric is published. `counter`: a field of the cache's counters
 * record, published as the delta since the last line. `gauge`: a figure of
 * `stats()` read when the line is written. `samples`: one value per event
 * (creation times), taken from the samples buffer.
 */
type MetricKind = 'counter' | 'gauge' | 'samples';

/** CloudWatch units, spelled as EMF and Powertools `MetricUnit` spell them. */
type ClientCacheUnit = 'Count' | 'Milliseconds';

export interface MetricRow {
  /** The key in `ClientCacheMetric`. */
  readonly short: string;
  readonly unit: ClientCacheUnit;
  readonly kind: MetricKind;
  /** The `getClientCacheStats()` field (for a counter, its field in the counters record). */
  readonly stat?: CacheCounterName | 'size';
  /** What it counts, as the README's metrics table says it. */
  readonly counts: string;
  /** Where in the code it is counted. */
  readonly source: string;
}

/**
 * The metric table: every metric the cache publishes, once. Stats, the EMF
 * publisher, the dashboard and alarm contracts, and the README's metrics
 * table are all read from or checked against it.
 */
export const CLIENT_CACHE_METRICS = {
  ClientCacheHit: {
    short: 'Hit',
    unit: 'Count',
    kind: 'counter',
    stat: 'hits',
    counts: 'Getter calls answered with a cached client',
    source: 'ClientStore, on a hit (hit index or key)',
  },
  ClientCacheMiss: {
    short: 'Miss',
    unit: 'Count',
    kind: 'counter',
    stat: 'misses',
    counts: 'Getter calls that built a client',
    source: 'ClientStore, before the factory runs',
  },
  ClientCacheEviction: {
    short: 'Eviction',
    unit: 'Count',
    kind: 'counter',
    stat: 'evictions',
    counts: 'Entries pushed out by the `maxEntries` bound',
    source: "ClientStore, the LRU's dispose with reason `evict`",
  },
  ClientCacheEvictionMiss: {
    short: 'EvictionMiss',
    unit: 'Count',
    kind: 'counter',
    stat: 'evictionMisses',
    counts: 'Misses for clients evicted less than 60 s earlier: `maxEntries` is too small',
    source: 'EvictionMisses, on a miss',
  },
  ClientCacheExpiration: {
    short: 'Expiration',
    unit: 'Count',
    kind: 'counter',
    stat: 'expirations',
    counts: 'Entries dropped because their credentials or TTL ran out',
    source: 'ClientStore, on a lookup that finds the entry expired',
  },
  ClientCacheSize: {
    short: 'Size',
    unit: 'Count',
    kind: 'gauge',
    stat: 'size',
    counts: 'Entries the cache holds when the line is written',
    source: 'ClientStore size, read at publish',
  },
  ClientCreationTime: {
    short: 'CreationTime',
    unit: 'Milliseconds',
    kind: 'samples',
    counts: 'Time to build one client, one value per miss',
    source: 'CacheObserver, around the factory',
  },
  CredentialRefresh: {
    short: 'CredentialRefresh',
    unit: 'Count',
    kind: 'counter',
    stat: 'credentialRefreshes',
    counts: 'Credential fetches by the cache (AssumeRole, profile reads), first ones included',
    source: 'RefreshingCredentials, per fetch',
  },
  CredentialRefreshFailure: {
    short: 'CredentialRefreshFailure',
    unit: 'Count',
    kind: 'counter',
    stat: 'credentialRefreshFailures',
    counts: 'Credential fetches that failed',
    source: 'RefreshingCredentials, per failed fetch',
  },
  ConnectionsOpened: {
    short: 'ConnectionsOpened',
    unit: 'Count',
    kind: 'counter',
    stat: 'connectionsOpened',
    counts: 'Connections the pools opened; `RequestsSent / ConnectionsOpened` is the reuse figure',
    source: 'PoolAgent, per new socket',
  },
  RequestsSent: {
    short: 'RequestsSent',
    unit: 'Count',
    kind: 'counter',
    stat: 'requestsSent',
    counts: 'Requests put on the wire, every attempt (SDK retries included)',
    source: 'PoolAgent, per request written to a socket',
  },
} as const satisfies Record<string, MetricRow>;

type Table = typeof CLIENT_CACHE_METRICS;

export type ClientCacheMetricName = keyof Table;

/** The metric names by short key, e.g. `ClientCacheMetric.Hit === 'ClientCacheHit'`. */
export const ClientCacheMetric = Object.fromEntries(
  Object.entries(CLIENT_CACHE_METRICS).map(([name, row]) => [row.short, name]),
) as { readonly [N in ClientCacheMetricName as Table[N]['short']]: N };

/** Each metric's unit. */
export const ClientCacheMetricUnit = Object.fromEntries(
  Object.entries(CLIENT_CACHE_METRICS).map(([name, row]) => [name, row.unit]),
) as { readonly [N in ClientCacheMetricName]: Table[N]['unit'] };

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
