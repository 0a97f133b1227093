import type { SubsegmentLike, TracerLike } from './powertools-types.js';
import type { TraceField, TraceUnit, Tracing } from './trace-unit.js';

// A literal, not `TraceField.CreationMs`: a value import from trace-unit.ts would split it into a
// file of its own, shared by the core and this lazily loaded adapter.
const CREATION_MS: TraceField = 'CreationMs';

/**
 * A subsegment under the current segment, or undefined when tracing is off
 * or there is no segment (outside Lambda): then nothing is traced, and
 * nothing warns.
 */
function openSubsegment(tracer: TracerLike | undefined, name: string): SubsegmentLike | undefined {
  if (tracer === undefined || !tracer.isTracingEnabled()) return undefined;
  // The provider, when there is one: Tracer.getSegment() console.warns on
  // every call without a segment (tracing on outside a Lambda sandbox). A
  // throw is caught by guarded-tracing.ts, as every call into the tracer is.
  return (tracer.provider ?? tracer).getSegment()?.addNewSubsegment(name);
}

function subsegmentUnit(subsegment: SubsegmentLike): TraceUnit {
  return {
    // Annotations are indexed for filter expressions; a timing is not worth an index.
    set: (field, value) =>
      field === CREATION_MS
        ? subsegment.addMetadata('creationMs', value)
        : subsegment.addAnnotation(field, value),
    fail: (error) => subsegment.addError(error as Error),
    end: () => subsegment.close(),
  };
}

/** Tracing through a Powertools `Tracer` (and so the X-Ray SDK). */
export function xrayTracing(tracer: TracerLike): Tracing {
  return {
    open(name) {
      const subsegment = openSubsegment(tracer, name);
      return subsegment === undefined ? undefined : subsegmentUnit(subsegment);
    },
    instrumentClient: (client) =>
      tracer.isTracingEnabled() ? tracer.captureAWSv3Client(client) : client,
  };
}
