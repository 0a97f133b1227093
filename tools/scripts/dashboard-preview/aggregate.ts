import type { MetricSample } from './read-emf.js';
import type { Statistic } from './statistics.js';

/** Period start (epoch seconds, aligned to the period as CloudWatch aligns it) to value. */
export type TimeSeries = ReadonlyMap<number, number>;

/** One metric as a widget names it: namespace, name and its exact dimension set. */
export interface MetricQuery {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** The samples of each metric, keyed as CloudWatch keys metrics: namespace, name, dimensions. */
export type SampleIndex = ReadonlyMap<string, readonly MetricSample[]>;

/**
 * Groups samples by metric. A query matches only the dimension set it names: a line published
 * with `service` and `ClientType` is a different metric from one with `service` alone.
 */
export function indexSamples(samples: readonly MetricSample[]): SampleIndex {
  const index = new Map<string, MetricSample[]>();
  for (const sample of samples) {
    const key = metricKey(sample);
    const group = index.get(key);
    if (group === undefined) index.set(key, [sample]);
    else group.push(sample);
  }
  return index;
}

/**
 * One statistic per period over every value published in it, as CloudWatch computes it from
 * raw EMF values: each value of an array counts as its own sample. A period without a value
 * has no point (a gap), not a zero.
 *
 * @example
 * aggregate(index, query, parseStatistic('Sum'), 300); // Map { 1767225600 => 60, ... }
 */
export function aggregate(
  index: SampleIndex,
  query: MetricQuery,
  statistic: Statistic,
  periodSeconds: number,
): TimeSeries {
  const buckets = new Map<number, number[]>();
  for (const sample of index.get(metricKey(query)) ?? []) {
    const start = periodStart(sample.timestamp, periodSeconds);
    const bucket = buckets.get(start);
    if (bucket === undefined) buckets.set(start, [...sample.values]);
    else bucket.push(...sample.values);
  }
  const series = new Map<number, number>();
  for (const start of [...buckets.keys()].sort((left, right) => left - right)) {
    const values = buckets.get(start) as number[];
    if (values.length > 0) series.set(start, statistic(values));
  }
  return series;
}

/** The start, in epoch seconds, of the period holding `timestamp` (epoch milliseconds). */
export function periodStart(timestamp: number, periodSeconds: number): number {
  return Math.floor(timestamp / 1000 / periodSeconds) * periodSeconds;
}

/** The start (epoch seconds) of every period from the one holding `first` to the one holding `last`. */
export function periodStarts(first: number, last: number, periodSeconds: number): number[] {
  const starts: number[] = [];
  const end = periodStart(last, periodSeconds);
  for (let start = periodStart(first, periodSeconds); start <= end; start += periodSeconds) {
    starts.push(start);
  }
  return starts;
}

function metricKey(metric: MetricQuery): string {
  const dimensions = Object.entries(metric.dimensions).sort(([left], [right]) =>
    left < right ? -1 : left > right ? 1 : 0,
  );
  return JSON.stringify([metric.namespace, metric.metricName, dimensions]);
}
