/**
 * Reads CloudWatch Embedded Metric Format documents out of captured stdout
 * and holds each to the EMF specification
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * a millisecond `_aws.Timestamp`, metric directives with a namespace, at most
 * 30 dimension keys per set and 100 metrics per directive, every dimension
 * key a top-level string and every metric a top-level number or array of at
 * most 100 numbers.
 */
import type { ClientCacheStats } from '../../src/all.js';
import { CLIENT_CACHE_METRICS, type MetricRow } from '../../src/observability/metric-names.js';

export interface MetricDefinition {
  readonly Name: string;
  readonly Unit: string;
}

export interface MetricDirective {
  readonly Namespace: string;
  readonly Dimensions: readonly (readonly string[])[];
  readonly Metrics: readonly MetricDefinition[];
}

export interface EmfDocument {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly MetricDirective[];
  };
  readonly [member: string]: unknown;
}

export const EMF_LIMITS = {
  metricsPerDirective: 100,
  dimensionsPerSet: 30,
  valuesPerMetric: 100,
} as const;

/** The units CloudWatch accepts. */
const UNITS = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMetricValue(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= EMF_LIMITS.valuesPerMetric &&
    value.every((item) => typeof item === 'number' && Number.isFinite(item))
  );
}

function dimensionProblems(
  root: Record<string, unknown>,
  dimensions: unknown,
  at: string,
): string[] {
  if (!Array.isArray(dimensions)) return [`${at}.Dimensions must be an array`];
  const problems: string[] = [];
  for (const [index, set] of (dimensions as unknown[]).entries()) {
    if (!Array.isArray(set)) {
      problems.push(`${at}.Dimensions[${index}] is not an array`);
      continue;
    }
    if (set.length > EMF_LIMITS.dimensionsPerSet) {
      problems.push(`${at}.Dimensions[${index}] has ${set.length} keys (max 30)`);
    }
    for (const key of set as unknown[]) {
      if (typeof key !== 'string') problems.push(`${at}.Dimensions[${index}] has a non-string key`);
      else if (typeof root[key] !== 'string') {
        problems.push(`dimension "${key}" is not a top-level string`);
      }
    }
  }
  return problems;
}

function directiveProblems(
  root: Record<string, unknown>,
  directive: unknown,
  at: string,
): string[] {
  if (!isRecord(directive)) return [`${at} is not an object`];
  const { Namespace, Dimensions, Metrics } = directive;
  const problems = dimensionProblems(root, Dimensions, at);
  if (typeof Namespace !== 'string' || Namespace.length < 1 || Namespace.length > 1024) {
    problems.push(`${at}.Namespace must be a string of 1 to 1024 characters`);
  }
  if (!Array.isArray(Metrics)) return [...problems, `${at}.Metrics must be an array`];
  if (Metrics.length > EMF_LIMITS.metricsPerDirective) {
    problems.push(`${at}.Metrics has ${Metrics.length} definitions (max 100)`);
  }
  for (const definition of Metrics as unknown[]) {
    if (!isRecord(definition) || typeof definition.Name !== 'string' || definition.Name === '') {
      problems.push(`${at}.Metrics has a definition without a Name`);
      continue;
    }
    if (typeof definition.Unit !== 'string' || !UNITS.has(definition.Unit)) {
      problems.push(`metric "${definition.Name}" has no valid Unit`);
    }
    if (!isMetricValue(root[definition.Name])) {
      problems.push(`metric "${definition.Name}" has no top-level number or array of numbers`);
    }
  }
  return problems;
}

/** Every way `document` breaks the EMF specification; empty when it is valid. */
export function emfProblems(document: unknown): string[] {
  if (!isRecord(document) || !isRecord(document._aws)) return ['no `_aws` metadata object'];
  const { Timestamp, CloudWatchMetrics } = document._aws;
  const problems: string[] = [];
  // Milliseconds since the epoch: anything below 1e12 would be seconds (before 2001).
  if (typeof Timestamp !== 'number' || !Number.isInteger(Timestamp) || Timestamp < 1e12) {
    problems.push('`_aws.Timestamp` must be epoch milliseconds');
  }
  if (!Array.isArray(CloudWatchMetrics))
    return [...problems, '`_aws.CloudWatchMetrics` must be an array'];
  CloudWatchMetrics.forEach((directive: unknown, index) => {
    problems.push(...directiveProblems(document, directive, `CloudWatchMetrics[${index}]`));
  });
  return problems;
}

/**
 * The EMF documents in `output`, one per line, each validated: throws on a
 * line that carries `_aws` but breaks the specification. Other lines (logs)
 * are skipped.
 */
export function parseEmf(output: string): EmfDocument[] {
  const documents: EmfDocument[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"_aws"')) continue;
    const document: unknown = JSON.parse(line);
    const problems = emfProblems(document);
    if (problems.length > 0) {
      throw new Error(`Invalid EMF document: ${problems.join('; ')}\n${line}`);
    }
    documents.push(document as EmfDocument);
  }
  return documents;
}

/** A metric's values in one document, as an array (EMF allows a number or an array). */
export function metricValues(document: EmfDocument, name: string): number[] {
  const value = document[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as number[]) : [value as number];
}

/** A metric's values summed, as CloudWatch's Sum statistic would. */
export function metricSum(document: EmfDocument, name: string): number {
  return metricValues(document, name).reduce((sum, value) => sum + value, 0);
}

/** Every metric definition in the document, across directives. */
export function metricDefinitions(document: EmfDocument): MetricDefinition[] {
  return document._aws.CloudWatchMetrics.flatMap((directive) => directive.Metrics);
}

/** Every dimension set in the document, across directives. */
export function dimensionSets(document: EmfDocument): string[][] {
  return document._aws.CloudWatchMetrics.flatMap((directive) =>
    directive.Dimensions.map((set) => [...set]),
  );
}

/** Each counter metric of the table, and the `getClientCacheStats()` field it is the delta of. */
export const COUNTERS: Readonly<Record<string, keyof ClientCacheStats>> = Object.fromEntries(
  Object.entries(CLIENT_CACHE_METRICS as Record<string, MetricRow>).flatMap(([name, row]) =>
    row.kind === 'counter' && row.stat !== undefined ? [[name, row.stat]] : [],
  ),
);
