import { openTelemetryTracing } from './otel-span.js';
import type { OpenTelemetryTracerLike } from './otel-types.js';
import type { TracerLike } from './powertools-types.js';
import { xrayTracing } from './trace-subsegment.js';
import type { Tracing } from './trace-unit.js';

/** A Powertools `Tracer` (X-Ray) or an OpenTelemetry `Tracer`. */
export type ClientCacheTracer = TracerLike | OpenTelemetryTracerLike;

const hasMethods = (value: object, ...names: string[]): boolean =>
  names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/**
 * The adapter for the tracer's kind, told apart by shape (each kind can be
 * loaded more than once, so never by `instanceof`); undefined for no tracer
 * or an object of neither shape.
 */
export function tracingFor(tracer: ClientCacheTracer | undefined): Tracing | undefined {
  if (typeof tracer !== 'object' || tracer === null) return undefined;
  if (hasMethods(tracer, 'getSegment', 'captureAWSv3Client', 'isTracingEnabled')) {
    return xrayTracing(tracer as TracerLike);
  }
  if (hasMethods(tracer, 'startSpan', 'startActiveSpan')) {
    return openTelemetryTracing(tracer as OpenTelemetryTracerLike);
  }
  return undefined;
}
