import { renderFleetDashboardBody } from '../../../src/dashboard/render-fleet-dashboard.js';
import {
  ClientCacheDimension,
  ClientCacheMetric,
} from '../../../src/observability/metric-names.js';
import type { DashboardBody, MetricWidgetProperties } from './dashboard-types.js';
import { PreviewError, PreviewInputError } from './errors.js';
import { isSparse, type MetricWidgetModel, PALETTE } from './metric-widget.js';
import { evaluateInsightsQuery } from './metrics-insights.js';
import { inputSpan } from './period.js';
import { type PreviewModel, type PreviewSettings, widgetModels } from './preview-model.js';
import type { EmfReading, MetricSample } from './read-emf.js';

const CACHE_METRICS: ReadonlySet<string> = new Set(Object.values(ClientCacheMetric));
const PREVIEW_REGION = 'us-east-1';

/**
 * The fleet view (`dashboards/client-cache-fleet.json`) over every service in the input: each
 * widget's Metrics Insights query evaluated over the EMF samples of the namespace.
 *
 * @throws PreviewError (or a subclass) with a one-line message for a problem a person can fix.
 */
export function buildFleetPreviewModel(
  reading: EmfReading,
  source: string,
  settings: PreviewSettings,
): PreviewModel {
  const namespace = chooseNamespace(reading.samples, settings.namespace, source);
  const ours = reading.samples.filter(
    (sample) =>
      sample.namespace === namespace &&
      CACHE_METRICS.has(sample.metricName) &&
      sample.dimensions[ClientCacheDimension.Service] !== undefined,
  );
  const services = new Set(ours.map((sample) => sample.dimensions[ClientCacheDimension.Service]));
  // One colour per service on every widget, whatever its rank there.
  const colors = new Map(
    [...services].sort().map((service, position) => [service, PALETTE[position % PALETTE.length]]),
  );
  const timestamps = [...new Set(ours.map((sample) => sample.timestamp))].sort((a, b) => a - b);
  const span = inputSpan(timestamps);
  const { firstTimestamp, lastTimestamp } = span;
  const body = JSON.parse(
    renderFleetDashboardBody({ namespace, region: PREVIEW_REGION }),
  ) as DashboardBody;
  const widgets = widgetModels(body, span, settings, {
    dashboard: 'fleet dashboard',
    chart: (properties, period, xs) => insightsChart(properties, ours, period, xs, colors),
  });
  return {
    definitionFile: 'dashboards/client-cache-fleet.json',
    namespace,
    service: `${services.size} services`,
    source,
    emfLines: reading.emfLines,
    skippedLines: reading.skippedLines,
    firstTimestamp,
    lastTimestamp,
    widgets,
  };
}

function insightsChart(
  properties: MetricWidgetProperties,
  samples: readonly MetricSample[],
  periodSeconds: number,
  xs: readonly number[],
  colors: ReadonlyMap<string | undefined, string | undefined>,
): MetricWidgetModel {
  const [row] = properties.metrics;
  const query = row?.find((part) => typeof part === 'object')?.expression;
  if (query === undefined || properties.metrics.length !== 1) {
    throw new PreviewError(`Fleet widget "${properties.title ?? ''}" needs exactly one query row`);
  }
  const groups = evaluateInsightsQuery(query, samples, periodSeconds);
  return {
    title: properties.title ?? '',
    periodSeconds,
    xs,
    series: groups.map(({ group, series }, position) => {
      const values = xs.map((x) => series.get(x) ?? null);
      return {
        label: group,
        color: colors.get(group) ?? (PALETTE[position % PALETTE.length] as string),
        values,
        joined: isSparse(values),
      };
    }),
    yAxis: { ...properties.yAxis?.left },
    annotations: [],
  };
}

function chooseNamespace(
  samples: readonly MetricSample[],
  wanted: string | undefined,
  source: string,
): string {
  const namespaces = new Set(
    samples
      .filter((sample) => CACHE_METRICS.has(sample.metricName))
      .map((sample) => sample.namespace),
  );
  if (wanted !== undefined) {
    if (namespaces.has(wanted)) return wanted;
    throw new PreviewInputError(
      `${source} has no cache metrics in namespace ${JSON.stringify(wanted)}; it has ${[...namespaces].join(', ')}`,
    );
  }
  const [only, ...others] = namespaces;
  if (only !== undefined && others.length === 0) return only;
  if (only === undefined) {
    throw new PreviewInputError(`${source} has EMF lines but none with the cache's metrics`);
  }
  throw new PreviewInputError(
    `${source} has cache metrics in several namespaces (${[...namespaces].join(', ')}): pick one with \`--namespace\``,
  );
}
