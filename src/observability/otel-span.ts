import type { OpenTelemetrySpanLike, OpenTelemetryTracerLike } from './otel-types.js';
import type { TraceField, TraceUnit, Tracing } from './trace-unit.js';

/** `SpanStatusCode.ERROR`, without importing the API for one number. */
const STATUS_ERROR = 2;

/**
 * OpenTelemetry attribute names: lower-case snake_case under the library's own
 * namespace, as the attribute naming conventions ask of names outside the
 * semantic conventions (`aws.*` and `cloud.region` belong to those, and mean
 * the running resource, not the client being built).
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

function spanUnit(span: OpenTelemetrySpanLike): TraceUnit {
  return {
    set: (field, value) => span.setAttribute(OpenTelemetryAttribute[field], value),
    fail(error) {
      const exception = error instanceof Error ? error : new Error(String(error));
      span.recordException(exception);
      span.setStatus({ code: STATUS_ERROR, message: exception.message });
    },
    end: () => span.end(),
  };
}

/**
 * Tracing through an OpenTelemetry tracer. Spans are children of the active
 * span. Clients are not instrumented here: the OpenTelemetry AWS SDK
 * instrumentation (in the ADOT layer) already traces their calls.
 */
export function openTelemetryTracing(tracer: OpenTelemetryTracerLike): Tracing {
  return {
    open(name) {
      try {
        return spanUnit(tracer.startSpan(name));
      } catch {
        // Tracing must never break a getter.
        return undefined;
      }
    },
    instrumentClient: (client) => client,
  };
}
