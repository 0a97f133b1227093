/**
 * The parts of Powertools the cache uses, typed structurally: a layer and a
 * bundle can each load their own copy of Powertools, so `instanceof` would
 * fail, and the tracer is an optional peer that must not be imported.
 */
export interface MetricsLike {
  addMetric(name: string, unit: 'Count' | 'Milliseconds', value: number): void;
  publishStoredMetrics(): void;
}

export type LogAttributes = { [key: string]: unknown };

export interface LoggerLike {
  debug(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
}

/** An X-Ray subsegment, as the X-Ray SDK and Powertools Tracer hand them out. */
export interface SubsegmentLike {
  addAnnotation(key: string, value: string | number | boolean): void;
  addMetadata(key: string, value: unknown): void;
  addError(error: Error): void;
  close(): void;
}

export interface SegmentLike {
  addNewSubsegment(name: string): SubsegmentLike;
}

export interface TracerLike {
  isTracingEnabled(): boolean;
  getSegment(): SegmentLike | undefined;
  captureAWSv3Client<Client>(client: Client): Client;
  /**
   * Powertools Tracer's X-Ray SDK wrapper. Its `getSegment` returns undefined
   * quietly where the Tracer's own warns on every call with no segment.
   */
  readonly provider?: { getSegment(): SegmentLike | undefined };
}
