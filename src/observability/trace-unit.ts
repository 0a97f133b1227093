/**
 * What the cache records about one unit of its work, named once for both
 * tracing back ends: each adapter maps a field to its own naming (X-Ray
 * annotations, OpenTelemetry attributes).
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
