import type { TimeSeries } from './aggregate.js';
import { periodStart } from './aggregate.js';
import { UnsupportedQueryError } from './errors.js';
import type { MetricSample } from './read-emf.js';
import { parseStatistic } from './statistics.js';

/** One grouped result of a query: the group's value (the `service`) and its series. */
export interface GroupedSeries {
  readonly group: string;
  readonly series: TimeSeries;
}

const FUNCTIONS: Readonly<Record<string, string>> = {
  SUM: 'Sum',
  AVG: 'Average',
  MIN: 'Minimum',
  MAX: 'Maximum',
  COUNT: 'SampleCount',
};

// The shape the fleet view uses, and only it: one aggregate of one metric over an exact
// dimension set, grouped by one of its keys, ordered and limited.
const QUERY =
  /^SELECT (SUM|AVG|MIN|MAX|COUNT)\((\w+)\) FROM SCHEMA\("([^"]+)", (\w+)\) GROUP BY (\w+) ORDER BY (SUM|AVG|MIN|MAX|COUNT)\(\) (ASC|DESC) LIMIT (\d+)$/;

/**
 * Evaluates a CloudWatch Metrics Insights query of the form the fleet view uses,
 * `SELECT SUM(m) FROM SCHEMA("ns", service) GROUP BY service ORDER BY SUM() DESC LIMIT 10`,
 * over EMF samples as CloudWatch would: only metrics with exactly the schema's dimension set,
 * one series per group aggregated per period, groups ranked by the ORDER BY function over
 * every sample of the whole range, the first LIMIT kept.
 *
 * @throws UnsupportedQueryError for any other query shape (WHERE, several keys, no ORDER BY).
 */
export function evaluateInsightsQuery(
  query: string,
  samples: readonly MetricSample[],
  periodSeconds: number,
): GroupedSeries[] {
  const match = QUERY.exec(query.trim());
  if (match === null) {
    throw new UnsupportedQueryError(
      `Metrics Insights query "${query}" is not supported by the preview; it evaluates ` +
        'SELECT FN(metric) FROM SCHEMA("namespace", key) GROUP BY key ORDER BY FN() ASC|DESC LIMIT n',
    );
  }
  const [, fn, metricName, namespace, schemaKey, groupKey, orderFn, order, limit] =
    match as unknown as string[];
  if (schemaKey !== groupKey) {
    throw new UnsupportedQueryError(
      `Metrics Insights query "${query}": the preview groups by the schema's one key`,
    );
  }
  const groups = new Map<string, { buckets: Map<number, number[]>; all: number[] }>();
  for (const sample of samples) {
    const keys = Object.keys(sample.dimensions);
    const matches =
      sample.namespace === namespace &&
      sample.metricName === metricName &&
      keys.length === 1 &&
      keys[0] === schemaKey;
    if (!matches) continue;
    const group = sample.dimensions[schemaKey as string] as string;
    const entry = groups.get(group) ?? { buckets: new Map<number, number[]>(), all: [] };
    groups.set(group, entry);
    const start = periodStart(sample.timestamp, periodSeconds);
    entry.buckets.set(start, [...(entry.buckets.get(start) ?? []), ...sample.values]);
    entry.all.push(...sample.values);
  }
  const statistic = parseStatistic(FUNCTIONS[fn as string] as string);
  const rank = parseStatistic(FUNCTIONS[orderFn as string] as string);
  const ranked = [...groups.entries()]
    .map(([group, { buckets, all }]) => ({
      group,
      score: rank(all),
      series: new Map(
        [...buckets.entries()]
          .sort(([left], [right]) => left - right)
          .map(([start, values]) => [start, statistic(values)]),
      ),
    }))
    .sort((left, right) =>
      left.score === right.score
        ? left.group.localeCompare(right.group)
        : order === 'ASC'
          ? left.score - right.score
          : right.score - left.score,
    );
  return ranked.slice(0, Number(limit)).map(({ group, series }) => ({ group, series }));
}
