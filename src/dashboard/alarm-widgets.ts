import { ClientCacheDimension } from '../observability/metric-names.js';
import {
  ALARM_VALUE_ID,
  CLIENT_CACHE_ALARMS,
  type ClientCacheAlarmDefinition,
  type ClientCacheAlarmKey,
  placeholder,
} from './alarm-definitions.js';

/** A dashboard widget, as the body holds it. */
export interface DashboardWidgetJson {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

/** The placeholder the body carries for an alarm's ARN, filled by each deploy path. */
export type AlarmArnPlaceholder = `${ClientCacheAlarmKey}AlarmArn`;

export const ALARM_ARN_PLACEHOLDERS: readonly AlarmArnPlaceholder[] = CLIENT_CACHE_ALARMS.map(
  (alarm): AlarmArnPlaceholder => `${alarm.key}AlarmArn`,
);

/** Rows the alarm status widget takes at the top of the dashboard. */
export const ALARM_STATUS_HEIGHT = 3;
const THRESHOLD_WIDGET_HEIGHT = 6;

/** CloudWatch's alarm status widget: the state of each of the cache's alarms, by ARN. */
export function alarmStatusWidget(y: number): DashboardWidgetJson {
  return {
    type: 'alarm',
    x: 0,
    y,
    width: 24,
    height: ALARM_STATUS_HEIGHT,
    properties: {
      title:
        'Alarms of this service (each alarm\'s math and threshold: the "Alarm:" widgets at the bottom)',
      alarms: ALARM_ARN_PLACEHOLDERS.map(placeholder),
      sortBy: 'stateUpdatedTimestamp',
    },
  };
}

/**
 * One widget per alarm, side by side from row `y`: the alarm's own math over the service's
 * metrics, and its threshold as a line, so a reader sees how close each alarm is.
 */
export function alarmThresholdWidgets(y: number): DashboardWidgetJson[] {
  // Two a row: a quarter of the grid leaves the title and the axis label no room.
  const width = 12;
  return CLIENT_CACHE_ALARMS.map((alarm, position) => ({
    type: 'metric',
    x: (position % 2) * width,
    y: y + Math.floor(position / 2) * THRESHOLD_WIDGET_HEIGHT,
    width,
    height: THRESHOLD_WIDGET_HEIGHT,
    properties: {
      title: `Alarm: ${alarm.title} (${describeRule(alarm)})`,
      region: placeholder('Region'),
      view: 'timeSeries',
      stacked: false,
      period: alarm.periodSeconds,
      metrics: thresholdRows(alarm),
      annotations: {
        horizontal: [{ label: 'Alarm threshold', value: alarm.threshold }],
      },
      yAxis: { left: { min: 0, label: alarm.valueLabel, showUnits: false } },
    },
  }));
}

function thresholdRows(alarm: ClientCacheAlarmDefinition): unknown[][] {
  const metricRow = (id: string, metric: string, visible: boolean): unknown[] => [
    placeholder('Namespace'),
    metric,
    ClientCacheDimension.Service,
    placeholder('Service'),
    { id, stat: 'Sum', ...(visible ? { label: alarm.valueLabel } : { visible: false }) },
  ];
  if (alarm.expression === undefined) {
    return alarm.inputs.map((input) => metricRow(ALARM_VALUE_ID, input.metric, true));
  }
  return [
    [{ expression: alarm.expression, id: ALARM_VALUE_ID, label: alarm.valueLabel }],
    ...alarm.inputs.map((input) => metricRow(input.id, input.metric, false)),
  ];
}

/** "≥ 1 in 3 of 5 periods of 60 s": the rule in the words of the console. */
export function describeRule(alarm: ClientCacheAlarmDefinition): string {
  const comparison = alarm.comparison === 'LessThanThreshold' ? '<' : '>=';
  const period =
    alarm.periodSeconds >= 60 ? `${alarm.periodSeconds / 60} min` : `${alarm.periodSeconds} s`;
  return `${comparison} ${alarm.threshold} in ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} periods of ${period}`;
}
