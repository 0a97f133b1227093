/**
 * Tracers that misbehave on demand, for the tests that tracing never breaks
 * a getter or a send: an OpenTelemetry tracer that wraps a real SDK tracer
 * (so parenting and export stay real) and counts every `end` the cache
 * calls, and a Powertools-shaped X-Ray tracer whose subsegments are records.
 * A method set to fail throws a `TracerFault`, whose text a test looks for
 * in whatever reached a caller.
 */
import type { Context, Span, SpanOptions, Tracer } from '@opentelemetry/api';
import type { SubsegmentLike, TracerLike } from '../../src/observability/powertools-types.js';

export class TracerFault extends Error {
  override readonly name = 'TracerFault';
}

export const SPAN_FAULTS = [
  'startSpan',
  'setAttribute',
  'recordException',
  'setStatus',
  'end',
  // startSpan hands back an object with none of a span's methods.
  'oddSpan',
] as const;
export type SpanFault = (typeof SPAN_FAULTS)[number];

/** One span the cache opened through the faulty tracer, and how often it called `end`. */
export interface OpenedSpan {
  readonly name: string;
  readonly span: Span;
  /** What `describeCaller` said when the cache opened it: who was running then. */
  readonly caller: unknown;
  ends: number;
}

export interface FaultyOtelTracer {
  readonly tracer: Pick<Tracer, 'startSpan' | 'startActiveSpan'>;
  /** The method that throws from now on (undefined: none). */
  fault: SpanFault | undefined;
  readonly opened: OpenedSpan[];
}

/** Wraps `inner`; what throws is decided by `fault` at each call. */
export function faultyOtelTracer(
  inner: Tracer,
  describeCaller: () => unknown = () => undefined,
): FaultyOtelTracer {
  const faulty: FaultyOtelTracer = {
    fault: undefined,
    opened: [],
    tracer: {
      startActiveSpan: inner.startActiveSpan.bind(inner),
      startSpan(name: string, ...rest: [SpanOptions?, Context?]) {
        if (faulty.fault === 'startSpan') throw new TracerFault('startSpan failed');
        if (faulty.fault === 'oddSpan') return {} as Span;
        // Every argument passed on: a span given another context must show it.
        const span = inner.startSpan(name, ...rest);
        const record: OpenedSpan = { name, span, caller: describeCaller(), ends: 0 };
        faulty.opened.push(record);
        const failing = (method: SpanFault) => {
          if (faulty.fault === method) throw new TracerFault(`${method} failed`);
        };
        return {
          setAttribute(key: string, value: string | number | boolean) {
            failing('setAttribute');
            span.setAttribute(key, value);
            // A real span returns itself; an odd one may return anything.
            return 42;
          },
          recordException(exception: Error) {
            failing('recordException');
            span.recordException(exception);
          },
          setStatus(status: { code: number; message?: string }) {
            failing('setStatus');
            span.setStatus(status);
            return undefined;
          },
          end() {
            record.ends++;
            // Ended first: a tracer that throws after doing its work.
            span.end();
            failing('end');
          },
        } as unknown as Span;
      },
    } as Pick<Tracer, 'startSpan' | 'startActiveSpan'>,
  };
  return faulty;
}

export const SUBSEGMENT_FAULTS = [
  'isTracingEnabled',
  'getSegment',
  'addNewSubsegment',
  'addAnnotation',
  'addMetadata',
  'addError',
  'close',
  'captureAWSv3Client',
] as const;
export type SubsegmentFault = (typeof SUBSEGMENT_FAULTS)[number];

export interface RecordedSubsegment {
  readonly name: string;
  readonly annotations: Record<string, unknown>;
  readonly errors: unknown[];
  closes: number;
}

export interface FaultyXRayTracer {
  readonly tracer: TracerLike;
  fault: SubsegmentFault | undefined;
  readonly opened: RecordedSubsegment[];
}

/** A Powertools-shaped tracer with tracing on and a segment, as inside a traced Lambda. */
export function faultyXRayTracer(): FaultyXRayTracer {
  const failing = (method: SubsegmentFault) => {
    if (faulty.fault === method) throw new TracerFault(`${method} failed`);
  };
  const subsegment = (record: RecordedSubsegment): SubsegmentLike => ({
    addAnnotation(key, value) {
      failing('addAnnotation');
      record.annotations[key] = value;
    },
    addMetadata(key, value) {
      failing('addMetadata');
      record.annotations[key] = value;
    },
    addError(error) {
      failing('addError');
      record.errors.push(error);
    },
    close() {
      record.closes++;
      failing('close');
    },
  });
  const faulty: FaultyXRayTracer = {
    fault: undefined,
    opened: [],
    tracer: {
      isTracingEnabled() {
        failing('isTracingEnabled');
        return true;
      },
      getSegment() {
        failing('getSegment');
        return {
          addNewSubsegment(name: string) {
            failing('addNewSubsegment');
            const record: RecordedSubsegment = { name, annotations: {}, errors: [], closes: 0 };
            faulty.opened.push(record);
            return subsegment(record);
          },
        };
      },
      captureAWSv3Client<Client>(client: Client): Client {
        failing('captureAWSv3Client');
        return client;
      },
    },
  };
  return faulty;
}

/** The whole cause chain of `error` as text, to look for a tracer's fault in it. */
export function chainText(error: unknown): string {
  const parts: string[] = [];
  for (let at = error; at instanceof Error; at = at.cause) parts.push(`${at.name}: ${at.message}`);
  return parts.join(' <- ');
}
