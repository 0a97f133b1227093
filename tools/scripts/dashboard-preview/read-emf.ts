import { PreviewInputError } from './errors.js';

/** One metric's values from one EMF line, for one of the line's dimension sets. */
export interface MetricSample {
  /** Epoch milliseconds, from `_aws.Timestamp`. */
  readonly timestamp: number;
  readonly namespace: string;
  readonly metricName: string;
  /** The dimension set's keys with their values from the line. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly values: readonly number[];
}

/** What a log file held. */
export interface EmfReading {
  readonly samples: readonly MetricSample[];
  /** Lines that carried an `_aws` object. */
  readonly emfLines: number;
  /** Non-blank lines without one: application logs, Lambda's START/END/REPORT lines. */
  readonly skippedLines: number;
}

type JsonObject = Record<string, unknown>;

/**
 * Reads EMF documents out of a log, one per line, as CloudWatch Logs would ingest them. A line
 * may carry a prefix before its JSON (as `aws logs tail` prints); other lines are skipped. A
 * line that mentions `"_aws"` but is not valid EMF stops the reading, naming the line, because a
 * silently dropped line would show as a dip on the dashboard.
 *
 * @throws PreviewInputError naming the line number and the problem.
 */
export function readEmf(text: string, source: string): EmfReading {
  const samples: MetricSample[] = [];
  let emfLines = 0;
  let skippedLines = 0;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const document = parseEmfLine(line, `${source}:${index + 1}`);
    if (document === undefined) {
      skippedLines += 1;
      return;
    }
    emfLines += 1;
    samples.push(...documentSamples(document, `${source}:${index + 1}`));
  });
  if (emfLines === 0) {
    throw new PreviewInputError(
      `${source} has no EMF lines (JSON with an "_aws" object) among its ${skippedLines} lines`,
    );
  }
  return { samples, emfLines, skippedLines };
}

function parseEmfLine(line: string, at: string): JsonObject | undefined {
  if (!line.includes('"_aws"')) return undefined;
  const start = line.indexOf('{');
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(Math.max(start, 0)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PreviewInputError(`${at}: an EMF line is not valid JSON (${reason})`, {
      cause: error,
    });
  }
  // A log message that only quotes "_aws" is not a metrics document.
  if (!isObject(parsed) || !('_aws' in parsed)) return undefined;
  return parsed;
}

function documentSamples(document: JsonObject, at: string): MetricSample[] {
  const metadata = document._aws;
  if (!isObject(metadata)) throw new PreviewInputError(`${at}: \`_aws\` is not an object`);
  const { Timestamp, CloudWatchMetrics } = metadata;
  if (typeof Timestamp !== 'number' || !Number.isFinite(Timestamp)) {
    throw new PreviewInputError(`${at}: \`_aws.Timestamp\` must be epoch milliseconds`);
  }
  if (!Array.isArray(CloudWatchMetrics)) {
    throw new PreviewInputError(`${at}: \`_aws.CloudWatchMetrics\` must be an array`);
  }
  return CloudWatchMetrics.flatMap((directive: unknown) =>
    directiveSamples(document, directive, Timestamp, at),
  );
}

function directiveSamples(
  document: JsonObject,
  directive: unknown,
  timestamp: number,
  at: string,
): MetricSample[] {
  if (!isObject(directive) || typeof directive.Namespace !== 'string') {
    throw new PreviewInputError(`${at}: a metric directive has no \`Namespace\``);
  }
  const { Namespace: namespace, Dimensions, Metrics } = directive;
  if (!Array.isArray(Dimensions) || !Array.isArray(Metrics)) {
    throw new PreviewInputError(`${at}: a metric directive needs \`Dimensions\` and \`Metrics\``);
  }
  // Each dimension set makes its own metric, as CloudWatch stores them.
  const dimensionSets = (Dimensions.length === 0 ? [[]] : Dimensions).map((set: unknown) =>
    dimensionValues(document, set, at),
  );
  return Metrics.flatMap((definition: unknown) => {
    const metricName = isObject(definition) ? definition.Name : undefined;
    if (typeof metricName !== 'string' || metricName === '') {
      throw new PreviewInputError(`${at}: a metric definition has no \`Name\``);
    }
    const values = metricValues(document[metricName], metricName, at);
    return dimensionSets.map((dimensions) => ({
      timestamp,
      namespace,
      metricName,
      dimensions,
      values,
    }));
  });
}

function dimensionValues(document: JsonObject, set: unknown, at: string): Record<string, string> {
  if (!Array.isArray(set)) throw new PreviewInputError(`${at}: a dimension set is not an array`);
  const dimensions: Record<string, string> = {};
  for (const key of set as unknown[]) {
    const value = typeof key === 'string' ? document[key] : undefined;
    if (typeof value !== 'string') {
      throw new PreviewInputError(`${at}: dimension ${JSON.stringify(key)} has no string value`);
    }
    dimensions[key as string] = value;
  }
  return dimensions;
}

function metricValues(value: unknown, metricName: string, at: string): number[] {
  if (typeof value === 'number' && Number.isFinite(value)) return [value];
  const numbers =
    Array.isArray(value) &&
    value.every((item) => typeof item === 'number' && Number.isFinite(item));
  if (numbers) return value as number[];
  throw new PreviewInputError(
    `${at}: metric "${metricName}" needs a number or an array of numbers, got ${JSON.stringify(value)}`,
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
