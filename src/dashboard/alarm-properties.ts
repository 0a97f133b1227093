import { ClientCacheDimension } from '../observability/metric-names.js';
import {
  ALARM_VALUE_ID,
  type ClientCacheAlarmDefinition,
  placeholder,
} from './alarm-definitions.js';

/**
 * Where an alarm's values come from. `Text` is a plain string for the CDK construct and the
 * command, and a CloudFormation reference (`{ Ref: 'Service' }`) for the template, so every
 * path builds the alarm from the same definition.
 */
export interface AlarmTarget<Text> {
  readonly namespace: Text;
  readonly service: Text;
  readonly description: Text;
  /** Absent: CloudFormation names the alarm. */
  readonly alarmName?: Text;
  /** SNS topics told on ALARM and on OK; absent or empty: the alarm notifies nobody. */
  readonly actions?: readonly Text[];
}

/** One `MetricDataQuery`, as `PutMetricAlarm` and `AWS::CloudWatch::Alarm` spell it. */
export interface AlarmQuery<Text> {
  readonly Id: string;
  readonly Label?: string;
  readonly ReturnData: boolean;
  readonly Expression?: string;
  readonly MetricStat?: {
    readonly Metric: {
      readonly Namespace: Text;
      readonly MetricName: string;
      readonly Dimensions: readonly { readonly Name: string; readonly Value: Text }[];
    };
    readonly Period: number;
    readonly Stat: 'Sum';
  };
}

/** The properties of `AWS::CloudWatch::Alarm`, which are also `put-metric-alarm`'s input. */
export interface MetricAlarmProperties<Text> {
  readonly AlarmName?: Text;
  readonly AlarmDescription: Text;
  readonly ActionsEnabled: boolean;
  readonly AlarmActions?: readonly Text[];
  readonly OKActions?: readonly Text[];
  readonly Metrics: readonly AlarmQuery<Text>[];
  readonly Threshold: number;
  readonly ComparisonOperator: string;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm: number;
  readonly TreatMissingData: string;
}

/**
 * An alarm's properties. Every alarm is a `Metrics` alarm (metric math, or one metric returned
 * as it is), so all of them read the same way. OK actions go to the same topic so the page
 * resolves itself.
 *
 * @example
 * metricAlarmProperties(CLIENT_CACHE_ALARMS[0], { namespace: 'Leases', service: 'costs', description: '…' });
 */
export function metricAlarmProperties<Text>(
  definition: ClientCacheAlarmDefinition,
  target: AlarmTarget<Text>,
): MetricAlarmProperties<Text> {
  const expression = definition.expression;
  const inputs = definition.inputs.map(
    (input): AlarmQuery<Text> => ({
      Id: expression === undefined ? ALARM_VALUE_ID : input.id,
      ...(expression === undefined ? { Label: definition.valueLabel } : {}),
      ReturnData: expression === undefined,
      MetricStat: {
        Metric: {
          Namespace: target.namespace,
          MetricName: input.metric,
          Dimensions: [{ Name: ClientCacheDimension.Service, Value: target.service }],
        },
        Period: definition.periodSeconds,
        Stat: 'Sum',
      },
    }),
  );
  const value: AlarmQuery<Text>[] =
    expression === undefined
      ? []
      : [
          {
            Id: ALARM_VALUE_ID,
            Label: definition.valueLabel,
            ReturnData: true,
            Expression: expression,
          },
        ];
  const actions =
    target.actions !== undefined && target.actions.length > 0 ? target.actions : undefined;
  return {
    ...(target.alarmName !== undefined ? { AlarmName: target.alarmName } : {}),
    AlarmDescription: target.description,
    ActionsEnabled: true,
    ...(actions !== undefined ? { AlarmActions: actions, OKActions: actions } : {}),
    Metrics: [...value, ...inputs],
    Threshold: definition.threshold,
    ComparisonOperator: definition.comparison,
    EvaluationPeriods: definition.evaluationPeriods,
    DatapointsToAlarm: definition.datapointsToAlarm,
    TreatMissingData: definition.treatMissingData,
  };
}

/** The alarm text with the namespace and service filled in, for paths that know them. */
export function describeAlarm(
  definition: ClientCacheAlarmDefinition,
  values: { readonly namespace: string; readonly service: string },
): string {
  return definition.description
    .replaceAll(placeholder('Namespace'), values.namespace)
    .replaceAll(placeholder('Service'), values.service);
}

/** `<prefix>-credential-refresh-failures` and so on: readable in a page, safe in an ARN. */
export function alarmNameFor(definition: ClientCacheAlarmDefinition, prefix: string): string {
  return `${prefix}-${definition.title.replaceAll(' ', '-')}`;
}
