/**
 * The parts of the OpenTelemetry API the cache uses, typed structurally:
 * `@opentelemetry/api` is an optional peer that the cache never imports, and
 * a bundle and a layer can each carry their own copy.
 */

/** An OpenTelemetry span, as `Tracer.startSpan` hands it out. */
export interface OpenTelemetrySpanLike {
  setAttribute(key: string, value: string | number | boolean): unknown;
  /** `code` is a `SpanStatusCode`: 2 is `ERROR`. */
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error): void;
  end(): void;
}

/** An OpenTelemetry tracer: `trace.getTracer(name)` from `@opentelemetry/api`. */
export interface OpenTelemetryTracerLike {
  /** Parents the span on the active context when none is passed. */
  startSpan(name: string): OpenTelemetrySpanLike;
  startActiveSpan(...args: never[]): unknown;
}
