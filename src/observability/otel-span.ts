import type { OpenTelemetrySpanLike, OpenTelemetryTracerLike } from './otel-types.js';
import type { OpenTelemetryAttribute, TraceUnit, Tracing } from './trace-unit.js';

/** `SpanStatusCode.ERROR`, without importing the API for one number. */
const STATUS_ERROR = 2;

function spanUnit(
  span: OpenTelemetrySpanLike,
  attributes: typeof OpenTelemetryAttribute,
): TraceUnit {
  return {
    set: (field, value) => span.setAttribute(attributes[field], value),
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
 * instrumentation (in the ADOT layer) already traces their calls. The
 * attribute names are handed in: they live with the package root's exports,
 * and importing them here would split them into a file of their own.
 */
export function openTelemetryTracing(
  tracer: OpenTelemetryTracerLike,
  attributes: typeof OpenTelemetryAttribute,
): Tracing {
  return {
    // A throw here is caught by guarded-tracing.ts, as every call into the tracer is.
    open: (name) => spanUnit(tracer.startSpan(name), attributes),
    instrumentClient: (client) => client,
  };
}
