import type { CfnAlarm, CfnAlarmProps } from 'aws-cdk-lib/aws-cloudwatch';
import type { AlarmQuery, MetricAlarmProperties } from '../dashboard/alarm-properties.js';

/** `AWS::CloudWatch::Alarm` properties, as `CfnAlarm` spells them (camelCase). */
export function toCfnAlarmProps(properties: MetricAlarmProperties<string>): CfnAlarmProps {
  return {
    alarmName: properties.AlarmName,
    alarmDescription: properties.AlarmDescription,
    actionsEnabled: properties.ActionsEnabled,
    alarmActions: properties.AlarmActions ? [...properties.AlarmActions] : undefined,
    okActions: properties.OKActions ? [...properties.OKActions] : undefined,
    metrics: properties.Metrics.map(toMetricDataQuery),
    threshold: properties.Threshold,
    comparisonOperator: properties.ComparisonOperator,
    evaluationPeriods: properties.EvaluationPeriods,
    datapointsToAlarm: properties.DatapointsToAlarm,
    treatMissingData: properties.TreatMissingData,
  };
}

function toMetricDataQuery(query: AlarmQuery<string>): CfnAlarm.MetricDataQueryProperty {
  const stat = query.MetricStat;
  return {
    id: query.Id,
    label: query.Label,
    returnData: query.ReturnData,
    expression: query.Expression,
    metricStat:
      stat === undefined
        ? undefined
        : {
            metric: {
              namespace: stat.Metric.Namespace,
              metricName: stat.Metric.MetricName,
              dimensions: stat.Metric.Dimensions.map(({ Name, Value }) => ({
                name: Name,
                value: Value,
              })),
            },
            period: stat.Period,
            stat: stat.Stat,
          },
  };
}
