import { deferredTracing } from './deferred-tracing.js';
import { guardedTracing } from './guarded-tracing.js';
import { LazyModule, notInEsmBuild } from './load-powertools.js';
import type { OpenTelemetryTracerLike } from './otel-types.js';
import type { TracerLike } from './powertools-types.js';
import { OpenTelemetryAttribute, type Tracing } from './trace-unit.js';

/** Set to `true` by `tools/scripts/build-esm.mjs` (esbuild `define`); undeclared elsewhere. */
declare const CLIENT_CACHE_ESM_BUILD: boolean | undefined;

/** A Powertools `Tracer` (X-Ray) or an OpenTelemetry `Tracer`. */
export type ClientCacheTracer = TracerLike | OpenTelemetryTracerLike;

type Adapters = typeof import('./tracing-adapters.js');

// Loaded the first time a cache is given a tracer, never at import: most
// handlers trace nothing through the cache.
const adapters = new LazyModule<Adapters>(
  typeof CLIENT_CACHE_ESM_BUILD === 'undefined'
    ? () => require('./tracing-adapters.js')
    : notInEsmBuild,
  () => import('./tracing-adapters.js'),
);

const hasMethods = (value: object, ...names: string[]): boolean =>
  names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/**
 * The adapter for the tracer's kind, told apart by shape (each kind can be
 * loaded more than once, so never by `instanceof`); undefined for no tracer
 * or an object of neither shape. CommonJS loads the adapter then and there;
 * ESM imports it, and until it arrives `deferredTracing` stands in. Either
 * way every call into the tracer is guarded (`guardedTracing`).
 */
export function tracingFor(tracer: ClientCacheTracer | undefined): Tracing | undefined {
  if (typeof tracer !== 'object' || tracer === null) return undefined;
  let adapt: (loaded: Adapters) => Tracing;
  if (hasMethods(tracer, 'getSegment', 'captureAWSv3Client', 'isTracingEnabled')) {
    adapt = ({ xrayTracing }) => xrayTracing(tracer as TracerLike);
  } else if (hasMethods(tracer, 'startSpan', 'startActiveSpan')) {
    adapt = ({ openTelemetryTracing }) =>
      openTelemetryTracing(tracer as OpenTelemetryTracerLike, OpenTelemetryAttribute);
  } else {
    return undefined;
  }
  // Guarded before deferredTracing sees it: a client instrumented when the adapter
  // arrives is instrumented in a promise callback, where a throw would go unhandled.
  const guarded = (loaded: Adapters) => guardedTracing(adapt(loaded));
  const loaded = adapters.get();
  return loaded instanceof Promise ? deferredTracing(loaded.then(guarded)) : guarded(loaded);
}
