import type { SubsegmentLike, TracerLike } from './powertools-types.js';

/** Subsegment names, prefixed so the cache's work stands out in a trace. */
export const TraceName = {
  Miss: 'ClientCache.miss',
  Hit: 'ClientCache.hit',
  CredentialRefresh: 'ClientCache.credentialRefresh',
} as const;

/**
 * A subsegment under the current segment, or undefined when tracing is off
 * or there is no segment (outside Lambda): then nothing is traced, and
 * nothing throws or warns.
 */
export function openSubsegment(
  tracer: TracerLike | undefined,
  name: string,
): SubsegmentLike | undefined {
  if (tracer === undefined || !tracer.isTracingEnabled()) return undefined;
  try {
    // The provider, when there is one: Tracer.getSegment() console.warns on
    // every call without a segment (tracing on outside a Lambda sandbox).
    return (tracer.provider ?? tracer).getSegment()?.addNewSubsegment(name);
  } catch {
    // Tracing must never break a getter.
    return undefined;
  }
}
