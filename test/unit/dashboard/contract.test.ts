/**
 * Covers the metrics contract between the code and the dashboard: the dashboard shows every
 * metric the cache emits and queries nothing else, reads each with a statistic that fits its
 * unit, and filters on a dimension set the cache writes (any other set silently shows nothing).
 */
import { renderDashboardBody } from '../../../src/dashboard/render-dashboard.js';
import {
  CLIENT_CACHE_DIMENSION_SETS,
  CLIENT_CACHE_METRICS,
  ClientCacheMetric,
  type ClientCacheMetricName,
} from '../../../src/observability/metric-names.js';

interface QueriedMetric {
  widget: string;
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  stat: unknown;
  axisLabel: unknown;
}

const PARAMETERS = { namespace: 'Leases', service: 'lease-costs', region: 'us-east-1' } as const;
/** Every metric of the one table: what the cache publishes. */
const PUBLISHED = Object.keys(CLIENT_CACHE_METRICS) as ClientCacheMetricName[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every metric row of every widget, with the statistic it is read with (row over widget). */
function queriedMetrics(): QueriedMetric[] {
  const { widgets } = JSON.parse(renderDashboardBody(PARAMETERS)) as {
    widgets: { type: string; properties: Record<string, unknown> }[];
  };
  return widgets
    .filter((widget) => widget.type === 'metric')
    .flatMap(({ properties }) =>
      (properties.metrics as unknown[][])
        .filter((row) => typeof row[0] === 'string')
        .map((row) => {
          const options = isRecord(row.at(-1)) ? (row.at(-1) as Record<string, unknown>) : {};
          const [namespace, name, ...pairs] = row.filter((item) => typeof item === 'string');
          const dimensions: Record<string, string> = {};
          for (let index = 0; index < pairs.length; index += 2) {
            dimensions[pairs[index] as string] = pairs[index + 1] as string;
          }
          const yAxis = properties.yAxis as { left?: { label?: unknown } } | undefined;
          return {
            widget: properties.title as string,
            namespace: namespace as string,
            name: name as string,
            dimensions,
            stat: options.stat ?? properties.stat,
            axisLabel: yAxis?.left?.label,
          };
        }),
    );
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe('dashboard metrics contract', () => {
  it('shows every metric the cache emits', () => {
    // Act
    const shown = new Set(queriedMetrics().map((metric) => metric.name));

    // Assess
    expect(sorted(shown)).toEqual(expect.arrayContaining(PUBLISHED));
  });

  it('queries only metrics the cache emits', () => {
    // Act
    const shown = new Set(queriedMetrics().map((metric) => metric.name));

    // Assess
    expect(PUBLISHED).toEqual(expect.arrayContaining(sorted(shown)));
  });

  it('queries every metric in the configured namespace', () => {
    // Act
    const namespaces = new Set(queriedMetrics().map((metric) => metric.namespace));

    // Assess
    expect(sorted(namespaces)).toEqual([PARAMETERS.namespace]);
  });

  it('filters every metric on exactly one dimension set the cache writes', () => {
    // Prepare
    const written = CLIENT_CACHE_DIMENSION_SETS.map((set) => sorted(set));

    for (const metric of queriedMetrics()) {
      // Act
      const queried = sorted(Object.keys(metric.dimensions));

      // Assess
      expect(written).toContainEqual(queried);
    }
  });

  it('filters on the configured service', () => {
    for (const metric of queriedMetrics()) {
      // Assess
      expect(metric.dimensions.service).toBe(PARAMETERS.service);
    }
  });

  it('sums counters, reads gauges as a level, and times in percentiles', () => {
    for (const metric of queriedMetrics()) {
      // Prepare
      const { unit, kind } = CLIENT_CACHE_METRICS[metric.name as ClientCacheMetricName];

      // Assess
      if (unit === 'Milliseconds') {
        expect(metric.stat).toMatch(/^p\d/);
        expect(metric.axisLabel).toBe('Milliseconds');
      } else if (kind === 'gauge') {
        // A gauge is a level, not a per-invocation delta: summing it over a period means nothing.
        expect(['Maximum', 'Average']).toContain(metric.stat);
      } else {
        expect(metric.stat).toBe('Sum');
      }
    }
  });

  it('shows client creation time at p50 and p99', () => {
    // Act
    const stats = queriedMetrics()
      .filter((metric) => metric.name === ClientCacheMetric.CreationTime)
      .map((metric) => metric.stat);

    // Assess
    expect(sorted(stats as string[])).toEqual(['p50', 'p99']);
  });
});
