/**
 * Covers the alarms of the CloudFormation template `dashboards/client-cache.template.json`: each
 * alarm's metrics, statistic, period, threshold, comparison and missing-data treatment as
 * docs/dashboard.md states them, read from the parameters; SNS actions (on ALARM and on OK) only
 * under the `HasAlarmTopic` condition, which holds exactly when `AlarmTopicArn` is not empty; and
 * the topic parameter's pattern.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPECTED_ALARMS, readAlarm } from '../../support/alarm-expectations.js';

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

const TEMPLATE_FILE = join(__dirname, '../../..', 'dashboards', 'client-cache.template.json');
const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')) as {
  Parameters: Record<string, { Default?: unknown; AllowedPattern?: string }>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, Resource>;
};

const alarms = Object.fromEntries(
  Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm')
    .map(([id, resource]) => [id.replace(/Alarm$/, ''), resource.Properties]),
);

/** What CloudFormation does with `Fn::Equals`/`Fn::Not` and `Fn::If` for a parameter value. */
function resolveActions(actions: unknown, topicArn: string): unknown {
  const condition = template.Conditions.HasAlarmTopic as {
    'Fn::Not': [{ 'Fn::Equals': [{ Ref: string }, string] }];
  };
  const [[reference, empty]] = [condition['Fn::Not'][0]['Fn::Equals']];
  expect(reference).toEqual({ Ref: 'AlarmTopicArn' });
  const holds = topicArn !== empty;
  const [name, whenTrue, whenFalse] = (actions as { 'Fn::If': [string, unknown, unknown] })[
    'Fn::If'
  ];
  expect(name).toBe('HasAlarmTopic');
  const chosen = holds ? whenTrue : whenFalse;
  if (JSON.stringify(chosen) === JSON.stringify({ Ref: 'AWS::NoValue' })) return undefined;
  return JSON.parse(JSON.stringify(chosen).replaceAll('{"Ref":"AlarmTopicArn"}', `"${topicArn}"`));
}

describe('CloudFormation template alarms', () => {
  it('declares exactly the documented alarms', () => {
    // Assess
    expect(Object.keys(alarms).sort()).toEqual(Object.keys(EXPECTED_ALARMS).sort());
  });

  it.each(Object.entries(EXPECTED_ALARMS))(
    'gives the %s alarm its documented metrics, statistic, period, threshold and missing-data rule',
    (key, expected) => {
      // Act
      const alarm = readAlarm(alarms[key] ?? {});

      // Assess
      expect(alarm).toEqual({
        metrics: expected.metrics,
        stats: expected.metrics.map(() => 'Sum'),
        periods: expected.metrics.map(() => expected.periodSeconds),
        dimensions: expected.metrics.map(() => [{ Name: 'service', Value: { Ref: 'Service' } }]),
        namespaces: expected.metrics.map(() => ({ Ref: 'Namespace' })),
        expression: expected.expression,
        returned: ['value'],
        threshold: expected.threshold,
        comparison: expected.comparison,
        evaluationPeriods: expected.evaluationPeriods,
        datapointsToAlarm: expected.datapointsToAlarm,
        treatMissingData: 'notBreaching',
      });
    },
  );

  it('notifies nobody by default (empty AlarmTopicArn)', () => {
    // Prepare
    const topicArn = template.Parameters.AlarmTopicArn?.Default as string;

    // Assess
    expect(topicArn).toBe('');
    for (const alarm of Object.values(alarms)) {
      expect(resolveActions(alarm.AlarmActions, topicArn)).toBeUndefined();
      expect(resolveActions(alarm.OKActions, topicArn)).toBeUndefined();
    }
  });

  it('tells the topic on ALARM and on OK when AlarmTopicArn is given', () => {
    // Prepare
    const topicArn = 'arn:aws:sns:eu-west-1:123456789012:on-call';

    // Assess
    for (const alarm of Object.values(alarms)) {
      expect(resolveActions(alarm.AlarmActions, topicArn)).toEqual([topicArn]);
      expect(resolveActions(alarm.OKActions, topicArn)).toEqual([topicArn]);
    }
  });

  it('accepts an empty topic or an SNS topic ARN, and nothing else', () => {
    // Prepare
    const accepts = (value: string) =>
      new RegExp(template.Parameters.AlarmTopicArn?.AllowedPattern ?? '').test(value);

    // Assess
    expect(accepts('')).toBe(true);
    expect(accepts('arn:aws:sns:eu-west-1:123456789012:on-call')).toBe(true);
    expect(accepts('arn:aws-us-gov:sns:us-gov-west-1:123456789012:on_call-2')).toBe(true);
    for (const value of ['on-call', 'arn:aws:sqs:eu-west-1:123456789012:q', ' ']) {
      expect(accepts(value)).toBe(false);
    }
  });

  it('fills the service into each alarm text with Fn::Sub', () => {
    for (const alarm of Object.values(alarms)) {
      // Assess
      const text = (alarm.AlarmDescription as { 'Fn::Sub': string })['Fn::Sub'];
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the Fn::Sub reference itself
      expect(text).toContain('${Service}');
      expect(text.length).toBeLessThanOrEqual(1024);
    }
  });
});
