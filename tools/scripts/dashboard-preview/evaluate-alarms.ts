import {
  CLIENT_CACHE_ALARMS,
  type ClientCacheAlarmDefinition,
} from '../../../src/dashboard/alarm-definitions.js';
import { ClientCacheDimension } from '../../../src/observability/metric-names.js';
import { aggregate, periodStarts, type SampleIndex, type TimeSeries } from './aggregate.js';
import type { PreviewTarget } from './choose-target.js';
import { compileExpression } from './metric-math.js';
import { parseStatistic } from './statistics.js';

/** What one alarm would have done over an input, evaluated here as CloudWatch evaluates it. */
export interface AlarmVerdict {
  readonly key: string;
  readonly title: string;
  /** The alarm's value per period (period start, epoch seconds), as its math gives it. */
  readonly values: TimeSeries;
  /** Period starts whose value breaches the threshold. */
  readonly breaching: readonly number[];
  /** The end of the first window of `evaluationPeriods` with `datapointsToAlarm` breaching. */
  readonly firesAt: number | undefined;
  /** Periods of the alarm's length from the input's first line to its last. */
  readonly periods: number;
  /** Fewer periods than the alarm evaluates: it could not have fired on this input alone. */
  readonly tooShort: boolean;
}

/**
 * Evaluates every alarm of `CLIENT_CACHE_ALARMS` over the input's samples for one service: its
 * inputs summed per period of the alarm's own length, its math through the preview's metric
 * math, each period compared with the threshold, and the M-of-N rule applied over sliding
 * windows. A period without a value is not breaching (`treatMissingData: notBreaching`).
 * CloudWatch's alarm state also depends on when it evaluates and on late data; this gives the
 * state the rule asks for, period by period.
 *
 * @example
 * evaluateAlarms(indexSamples(samples), { namespace: 'Leases', service: 'costs' }, first, last);
 */
export function evaluateAlarms(
  index: SampleIndex,
  target: PreviewTarget,
  firstTimestamp: number,
  lastTimestamp: number,
): AlarmVerdict[] {
  return CLIENT_CACHE_ALARMS.map((alarm) =>
    evaluateAlarm(alarm, index, target, firstTimestamp, lastTimestamp),
  );
}

function evaluateAlarm(
  alarm: ClientCacheAlarmDefinition,
  index: SampleIndex,
  target: PreviewTarget,
  firstTimestamp: number,
  lastTimestamp: number,
): AlarmVerdict {
  const period = alarm.periodSeconds;
  const timeline = periodStarts(firstTimestamp, lastTimestamp, period);
  const sum = parseStatistic('Sum');
  const inputs = new Map(
    alarm.inputs.map((input) => [
      input.id,
      aggregate(
        index,
        {
          namespace: target.namespace,
          metricName: input.metric,
          dimensions: { [ClientCacheDimension.Service]: target.service },
        },
        sum,
        period,
      ),
    ]),
  );
  const resolve = (id: string): TimeSeries => inputs.get(id) ?? new Map();
  const evaluated =
    alarm.expression === undefined
      ? resolve(alarm.inputs[0]?.id ?? '')
      : compileExpression(alarm.expression)(resolve, timeline);
  const values =
    typeof evaluated === 'number' ? new Map(timeline.map((at) => [at, evaluated])) : evaluated;
  const breaches = (value: number): boolean =>
    alarm.comparison === 'LessThanThreshold' ? value < alarm.threshold : value >= alarm.threshold;
  const breaching = timeline.filter((at) => {
    const value = values.get(at);
    return value !== undefined && breaches(value);
  });
  const breachingSet = new Set(breaching);
  const firesAt = timeline.find((_at, end) => {
    const window = timeline.slice(Math.max(0, end - alarm.evaluationPeriods + 1), end + 1);
    return window.filter((at) => breachingSet.has(at)).length >= alarm.datapointsToAlarm;
  });
  return {
    key: alarm.key,
    title: alarm.title,
    values,
    breaching,
    firesAt,
    periods: timeline.length,
    tooShort: timeline.length < alarm.datapointsToAlarm,
  };
}
