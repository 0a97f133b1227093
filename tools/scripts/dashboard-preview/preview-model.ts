import {
  CLIENT_CACHE_ALARMS,
  type ClientCacheAlarmKey,
} from '../../../src/dashboard/alarm-definitions.js';
import { describeRule } from '../../../src/dashboard/alarm-widgets.js';
import { renderDashboardBody } from '../../../src/dashboard/render-dashboard.js';
import { ClientCacheDimension } from '../../../src/observability/metric-names.js';
import { indexSamples } from './aggregate.js';
import { chooseTarget, type PreviewTarget } from './choose-target.js';
import type {
  DashboardBody,
  DashboardWidget,
  MetricWidgetProperties,
  TextWidgetProperties,
} from './dashboard-types.js';
import { PreviewError } from './errors.js';
import { type AlarmVerdict, evaluateAlarms } from './evaluate-alarms.js';
import { renderMarkdown } from './markdown.js';
import { buildMetricWidget, type MetricWidgetModel } from './metric-widget.js';
import { type InputSpan, inputSpan, widgetAxis } from './period.js';
import type { EmfReading } from './read-emf.js';

/** What the flags choose; the rest comes from the input. */
export interface PreviewSettings {
  readonly namespace?: string | undefined;
  readonly service?: string | undefined;
  /** The line on the cache size widget (`CLIENT_CACHE_MAX_ENTRIES`); default 100. */
  readonly maxEntries?: number | undefined;
  /** A period for every widget, in seconds, instead of the dashboard's rule. */
  readonly periodSeconds?: number | undefined;
  /** Draw the fleet view of every service in the namespace instead of one service's dashboard. */
  readonly fleet?: boolean | undefined;
}

/** A widget's place on CloudWatch's 24-column grid. */
export interface WidgetLayout {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type WidgetModel =
  | { readonly kind: 'text'; readonly layout: WidgetLayout; readonly html: string }
  | { readonly kind: 'metric'; readonly layout: WidgetLayout; readonly chart: MetricWidgetModel };

/** The whole page: what was read, for whom, and every widget of the shipped dashboard. */
export interface PreviewModel extends PreviewTarget {
  /** The dashboard drawn; default `dashboards/client-cache.json`. */
  readonly definitionFile?: string;
  readonly source: string;
  readonly emfLines: number;
  readonly skippedLines: number;
  /** Epoch milliseconds of the first and last EMF line. */
  readonly firstTimestamp: number;
  readonly lastTimestamp: number;
  readonly widgets: readonly WidgetModel[];
}

// Widgets carry a region, but the preview reads no region: any valid one renders the same page.
const PREVIEW_REGION = 'us-east-1';

/**
 * Renders `dashboards/client-cache.json` for the input's namespace and service through the
 * renderer every deploy path uses, then queries each widget against the input.
 *
 * @throws PreviewError (or a subclass) with a one-line message for a problem a person can fix.
 */
export function buildPreviewModel(
  reading: EmfReading,
  source: string,
  settings: PreviewSettings,
): PreviewModel {
  const wanted = { namespace: settings.namespace, service: settings.service };
  const target = chooseTarget(reading.samples, wanted, source);
  const body = renderBody(target, settings.maxEntries);
  const span = inputSpan(targetTimestamps(reading, target));
  const { firstTimestamp, lastTimestamp } = span;
  const index = indexSamples(reading.samples);
  const widgets = widgetModels(body, span, settings, {
    dashboard: 'dashboard',
    chart: (properties, period, xs) => buildMetricWidget(properties, index, period, xs),
    // The alarm status widget, as far as the input can say.
    other: (widget) =>
      widget.type === 'alarm'
        ? describeVerdicts(
            evaluateAlarms(index, target, firstTimestamp, lastTimestamp),
            lastTimestamp - firstTimestamp,
          )
        : undefined,
  });
  return {
    ...target,
    source,
    emfLines: reading.emfLines,
    skippedLines: reading.skippedLines,
    firstTimestamp,
    lastTimestamp,
    widgets,
  };
}

/** How one dashboard's widgets are drawn, beside text widgets, which every dashboard draws alike. */
export interface WidgetDrawing {
  /** What the dashboard is called in the error about a widget the preview can't draw. */
  readonly dashboard: string;
  /** A metric widget's chart, on its period and the start of each period (epoch seconds). */
  chart(
    properties: MetricWidgetProperties,
    period: number,
    xs: readonly number[],
  ): MetricWidgetModel;
  /** Markdown in place of a widget that is neither text nor metric; undefined when it can't. */
  other?(widget: DashboardWidget): string | undefined;
}

/**
 * Every widget of `body` in its place on the grid: text as HTML, each metric widget's chart on
 * the axis its period gives over the input (`widgetAxis`; `--period` wins), anything else as
 * `drawing.other` says or a `PreviewError`.
 */
export function widgetModels(
  body: DashboardBody,
  span: InputSpan,
  settings: PreviewSettings,
  drawing: WidgetDrawing,
): WidgetModel[] {
  return body.widgets.map((widget): WidgetModel => {
    const layout = { x: widget.x, y: widget.y, width: widget.width, height: widget.height };
    if (widget.type === 'text') {
      return { kind: 'text', layout, html: renderMarkdown(textOf(widget).markdown) };
    }
    if (widget.type !== 'metric') {
      const markdown = drawing.other?.(widget);
      if (markdown === undefined) {
        throw new PreviewError(
          `The ${drawing.dashboard} has a "${widget.type}" widget the preview can't draw`,
        );
      }
      return { kind: 'text', layout, html: renderMarkdown(markdown) };
    }
    const properties = widget.properties as MetricWidgetProperties;
    const { period, xs } = widgetAxis(span, {
      forced: settings.periodSeconds,
      periodOverride: body.periodOverride,
      widgetPeriod: properties.period,
    });
    return { kind: 'metric', layout, chart: drawing.chart(properties, period, xs) };
  });
}

function renderBody(target: PreviewTarget, maxEntries: number | undefined): DashboardBody {
  try {
    // Made-up ARNs: the preview draws the status widget from its own evaluation of each alarm.
    const alarmArns = Object.fromEntries(
      CLIENT_CACHE_ALARMS.map(({ key }) => [
        key,
        `arn:aws:cloudwatch:${PREVIEW_REGION}:000000000000:alarm:${key}`,
      ]),
    ) as Record<ClientCacheAlarmKey, string>;
    const body = renderDashboardBody({ ...target, region: PREVIEW_REGION, maxEntries, alarmArns });
    return JSON.parse(body) as DashboardBody;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PreviewError(`Cannot render the dashboard: ${reason}`, { cause: error });
  }
}

/** The target's EMF timestamps, sorted: other services' lines say nothing of its cadence. */
function targetTimestamps(reading: EmfReading, target: PreviewTarget): number[] {
  const timestamps = new Set<number>();
  for (const sample of reading.samples) {
    const ours =
      sample.namespace === target.namespace &&
      sample.dimensions[ClientCacheDimension.Service] === target.service;
    if (ours) timestamps.add(sample.timestamp);
  }
  return [...timestamps].sort((left, right) => left - right);
}

function textOf(widget: DashboardWidget): TextWidgetProperties {
  return widget.properties as TextWidgetProperties;
}

/**
 * The alarm status widget, as far as the input can say: each alarm's rule evaluated over it,
 * and plainly what only CloudWatch knows.
 */
function describeVerdicts(verdicts: readonly AlarmVerdict[], spanMs: number): string {
  const time = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19);
  const rows = verdicts.map((verdict) => {
    const definition = CLIENT_CACHE_ALARMS.find(({ key }) => key === verdict.key);
    const rule = definition === undefined ? '' : describeRule(definition);
    const state =
      verdict.firesAt !== undefined
        ? `**would fire** (period from ${time(verdict.firesAt)} UTC)`
        : verdict.breaching.length > 0
          ? `breaching in ${verdict.breaching.length} of ${verdict.periods} periods, not enough to fire`
          : verdict.tooShort
            ? `not breaching; the input spans ${verdict.periods} of the ${definition?.datapointsToAlarm} periods it needs`
            : 'would not fire';
    return `| ${verdict.title} | ${rule} | ${state} |`;
  });
  return [
    `### Alarms, evaluated locally over the input's ${Math.round(spanMs / 1000)} s`,
    '| alarm | fires when | over this input |',
    '|---|---|---|',
    ...rows,
    '',
    "CloudWatch evaluates the deployed alarms; the preview can't show their state, history or " +
      'notifications, late or missing data as CloudWatch sees it, or metrics outside this file. ' +
      "An input shorter than an alarm's periods cannot fire it here.",
  ].join('\n');
}
