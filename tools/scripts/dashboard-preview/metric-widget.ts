import { aggregate, type SampleIndex, type TimeSeries } from './aggregate.js';
import type { MetricRow, MetricRowOptions, MetricWidgetProperties } from './dashboard-types.js';
import { PreviewError } from './errors.js';
import { compileExpression } from './metric-math.js';
import { parseStatistic } from './statistics.js';

/** One line of a chart, aligned to the chart's periods; `null` is a gap. */
export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  /** Sparse relative to the period: its points are joined across empty periods (see `isSparse`). */
  readonly joined: boolean;
}

/** Everything the page needs to draw one metric widget. */
export interface MetricWidgetModel {
  readonly title: string;
  readonly periodSeconds: number;
  /** Period starts, epoch seconds, from the input's first period to its last. */
  readonly xs: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly yAxis: { readonly min?: number; readonly max?: number; readonly label?: string };
  readonly annotations: readonly { label: string; value: number; color: string }[];
}

// CloudWatch's default line colours, in the order it hands them out.
export const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
];
const ANNOTATION_COLOR = '#d62728';

interface Line {
  readonly id: string;
  readonly options: MetricRowOptions;
  readonly evaluate: (
    resolve: (id: string) => TimeSeries,
    timeline: readonly number[],
  ) => TimeSeries | number;
}

/**
 * Queries and evaluates one metric widget: each metric row is aggregated with its `stat` (the
 * row's, else the widget's, else `Average` as in CloudWatch), each expression row is evaluated
 * over the other rows by `id`, and rows with `visible: false` feed expressions only.
 *
 * @throws UnsupportedQueryError for a statistic or expression the preview cannot evaluate.
 */
export function buildMetricWidget(
  properties: MetricWidgetProperties,
  index: SampleIndex,
  periodSeconds: number,
  xs: readonly number[],
): MetricWidgetModel {
  const title = properties.title ?? '';
  const lines = properties.metrics.map((row, position) =>
    toLine(row, position, properties, index, periodSeconds),
  );
  const results = new Map<string, TimeSeries>();
  const pending = new Set<string>();
  const resolve = (id: string): TimeSeries => {
    const known = results.get(id);
    if (known !== undefined) return known;
    const line = lines.find((candidate) => candidate.id === id);
    if (line === undefined || pending.has(id)) {
      const problem = line === undefined ? 'no metric in the widget has it' : 'it refers to itself';
      throw new PreviewError(`Widget "${title}": cannot evaluate the id "${id}": ${problem}`);
    }
    pending.add(id);
    const value = line.evaluate(resolve, xs);
    const series = typeof value === 'number' ? new Map(xs.map((x) => [x, value])) : value;
    results.set(id, series);
    return series;
  };
  const visible = lines.filter((line) => line.options.visible !== false);
  return {
    title,
    periodSeconds,
    xs,
    series: visible.map((line, position) => {
      const series = resolve(line.id);
      const values = xs.map((x) => series.get(x) ?? null);
      return {
        label: line.options.label ?? line.id,
        color: line.options.color ?? PALETTE[position % PALETTE.length] ?? ANNOTATION_COLOR,
        values,
        joined: isSparse(values),
      };
    }),
    yAxis: { ...properties.yAxis?.left },
    annotations: (properties.annotations?.horizontal ?? []).map((annotation) => ({
      label: annotation.label ?? String(annotation.value),
      value: Number(annotation.value),
      color: annotation.color ?? ANNOTATION_COLOR,
    })),
  };
}

function toLine(
  row: MetricRow,
  position: number,
  properties: MetricWidgetProperties,
  index: SampleIndex,
  periodSeconds: number,
): Line {
  const last = row[row.length - 1];
  const options: MetricRowOptions = typeof last === 'object' ? last : {};
  if (options.expression !== undefined) {
    const id = options.id ?? `e${position + 1}`;
    return { id, options, evaluate: compileExpression(options.expression) };
  }
  const names = row.filter((part): part is string => typeof part === 'string');
  const [namespace, metricName, ...pairs] = names;
  if (namespace === undefined || metricName === undefined || pairs.length % 2 !== 0) {
    throw new PreviewError(
      `Widget "${properties.title ?? ''}": the metric row ${JSON.stringify(row)} needs a ` +
        'namespace, a metric name and dimension name/value pairs',
    );
  }
  const dimensions: Record<string, string> = {};
  for (let at = 0; at < pairs.length; at += 2) {
    dimensions[pairs[at] as string] = pairs[at + 1] as string;
  }
  const statistic = parseStatistic(options.stat ?? properties.stat ?? 'Average');
  const id = options.id ?? `m${position + 1}`;
  const label = options.label ?? metricName;
  return {
    id,
    options: { ...options, label },
    evaluate: () =>
      aggregate(index, { namespace, metricName, dimensions }, statistic, periodSeconds),
  };
}

/**
 * Whether a line is sparse relative to its period: at most half of the periods from its first
 * point to its last hold a point. CloudWatch joins the points of such a line; in a line that is
 * published nearly every period, an empty period is a gap.
 */
export function isSparse(values: readonly (number | null)[]): boolean {
  const filled = values.flatMap((value, at) => (value === null ? [] : [at]));
  const [first, last] = [filled[0], filled[filled.length - 1]];
  if (first === undefined || last === undefined || filled.length < 2) return false;
  return filled.length * 2 <= last - first + 1;
}
