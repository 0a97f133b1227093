/**
 * What the cache records about one unit of its work, named once for both
 * tracing back ends: each adapter maps a field to its own naming (X-Ray
 * annotations, OpenTelemetry attributes). The names live here, apart from
 * the adapters, because the package root exports them and the adapters load
 * only when a tracer is given.
 */
export const TraceField = {
  ClientType: 'ClientType',
  Region: 'Region',
  CacheResult: 'CacheResult',
  Evicted: 'Evicted',
  CreationMs: 'CreationMs',
  Source: 'Source',
  RefreshMode: 'RefreshMode',
} as const;

export type TraceField = (typeof TraceField)[keyof typeof TraceField];

/** Trace unit names, prefixed so the cache's work stands out in a trace. */
export const TraceName = {
  Miss: 'ClientCache.miss',
  Hit: 'ClientCache.hit',
  CredentialRefresh: 'ClientCache.credentialRefresh',
} as const;

/**
 * OpenTelemetry attribute names: lower-case snake_case under the library's own
 * namespace, as the attribute naming conventions ask of names outside the
 * semantic conventions (`aws.*` and `cloud.region` belong to those, and mean
 * the running resource, not the client being built). X-Ray annotations take
 * the field's own name.
 */
export const OpenTelemetryAttribute = {
  ClientType: 'aws_client_cache.client_type',
  Region: 'aws_client_cache.region',
  CacheResult: 'aws_client_cache.cache_result',
  Evicted: 'aws_client_cache.evicted',
  CreationMs: 'aws_client_cache.creation_ms',
  Source: 'aws_client_cache.source',
  RefreshMode: 'aws_client_cache.refresh_mode',
} as const satisfies Record<TraceField, string>;

/** One traced unit of the cache's work: an X-Ray subsegment or an OpenTelemetry span. */
export interface TraceUnit {
  set(field: TraceField, value: string | number | boolean): void;
  fail(error: unknown): void;
  /** Called exactly once, on success or failure. */
  end(): void;
}

/** The cache's one view of a tracer, whichever kind the user passed. */
export interface Tracing {
  /** A unit under the current trace, or undefined when nothing is being traced. */
  open(name: string): TraceUnit | undefined;
  /** Instruments a new client's calls, once, at creation, where the back end does that itself. */
  instrumentClient<Client>(client: Client): Client;
}
