/**
 * Covers the alarms of the `ClientCacheDashboard` construct on the synthesised template
 * (aws-cdk-lib/assertions): each alarm's metrics, statistic, period, threshold, comparison and
 * missing-data treatment as docs/dashboard.md states them; an SNS action (on ALARM and on OK)
 * exactly when a topic is given; no alarm when `alarms` is false; the dashboard's alarm status
 * widget naming every alarm.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { ClientCacheDashboard, type ClientCacheDashboardProps } from '../../../src/cdk/index.js';
import { ClientCacheConfigError } from '../../../src/errors.js';
import { EXPECTED_ALARMS, readAlarm } from '../../support/alarm-expectations.js';

const PROPS = { namespace: 'Leases', service: 'lease-costs' } as const;
const ALARM = 'AWS::CloudWatch::Alarm';
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:on-call';

function synthesise(props: ClientCacheDashboardProps = PROPS): Template {
  const stack = new Stack(new App(), 'Observability', {
    env: { region: 'eu-west-1', account: '123456789012' },
  });
  new ClientCacheDashboard(stack, 'ClientCache', props);
  return Template.fromStack(stack);
}

/** Alarms by key, from their logical ids (`ClientCache<Key>Alarm<hash>`). */
function alarmsByKey(template: Template): Record<string, Record<string, unknown>> {
  const resources = template.findResources(ALARM) as Record<
    string,
    { Properties: Record<string, unknown> }
  >;
  return Object.fromEntries(
    Object.entries(resources).map(([id, resource]) => [
      id.replace(/^ClientCache/, '').replace(/Alarm[0-9A-F]{8}$/, ''),
      resource.Properties,
    ]),
  );
}

describe('ClientCacheDashboard alarms', () => {
  it('creates exactly the documented alarms', () => {
    // Act
    const alarms = alarmsByKey(synthesise());

    // Assess
    expect(Object.keys(alarms).sort()).toEqual(Object.keys(EXPECTED_ALARMS).sort());
  });

  it.each(Object.entries(EXPECTED_ALARMS))(
    'gives the %s alarm its documented metrics, statistic, period, threshold and missing-data rule',
    (key, expected) => {
      // Act
      const alarm = readAlarm(alarmsByKey(synthesise())[key] ?? {});

      // Assess
      expect(alarm).toEqual({
        metrics: expected.metrics,
        stats: expected.metrics.map(() => 'Sum'),
        periods: expected.metrics.map(() => expected.periodSeconds),
        dimensions: expected.metrics.map(() => [{ Name: 'service', Value: PROPS.service }]),
        namespaces: expected.metrics.map(() => PROPS.namespace),
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

  it('notifies nobody when no topic is given', () => {
    // Act
    const alarms = Object.values(alarmsByKey(synthesise()));

    // Assess
    for (const alarm of alarms) {
      expect(alarm).not.toHaveProperty('AlarmActions');
      expect(alarm).not.toHaveProperty('OKActions');
    }
  });

  it('tells the topic on ALARM and on OK when one is given', () => {
    // Act
    const alarms = Object.values(
      alarmsByKey(synthesise({ ...PROPS, alarmTopic: { topicArn: TOPIC_ARN } })),
    );

    // Assess
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([TOPIC_ARN]);
      expect(alarm.OKActions).toEqual([TOPIC_ARN]);
    }
  });

  it('takes a topic of the same stack, referenced at deploy time', () => {
    // Prepare
    const stack = new Stack(new App(), 'Observability');
    const topic = new Topic(stack, 'OnCall');

    // Act
    new ClientCacheDashboard(stack, 'ClientCache', { ...PROPS, alarmTopic: topic });

    // Assess
    Template.fromStack(stack).allResourcesProperties(ALARM, {
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^OnCall') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('^OnCall') }],
    });
  });

  it('names the alarms only when a prefix is given', () => {
    // Act
    const named = alarmsByKey(synthesise({ ...PROPS, alarmNamePrefix: 'lease-costs' }));
    const unnamed = Object.values(alarmsByKey(synthesise()));

    // Assess
    expect(named.EvictionMisses?.AlarmName).toBe('lease-costs-eviction-misses');
    expect(named.CredentialRefreshFailures?.AlarmName).toBe(
      'lease-costs-credential-refresh-failures',
    );
    for (const alarm of unnamed) expect(alarm).not.toHaveProperty('AlarmName');
  });

  it('creates no alarm and no status widget when alarms is false', () => {
    // Act
    const template = synthesise({ ...PROPS, alarms: false });

    // Assess
    template.resourceCountIs(ALARM, 0);
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(JSON.stringify(dashboard)).not.toContain('"type\\":\\"alarm\\"');
  });

  it('shows the state of every alarm on the dashboard', () => {
    // Act
    const template = synthesise();

    // Assess
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const text = JSON.stringify(dashboard);
    expect(text).toContain('"type\\":\\"alarm\\"');
    for (const id of Object.keys(template.findResources(ALARM))) {
      expect(text).toContain(`{"Fn::GetAtt":["${id}","Arn"]}`);
    }
  });

  it('names the setting and where the recommended size is logged in the eviction-miss alarm', () => {
    // Act
    const description = String(alarmsByKey(synthesise()).EvictionMisses?.AlarmDescription);

    // Assess
    expect(description).toContain('CLIENT_CACHE_MAX_ENTRIES');
    expect(description).toContain('recommendedMaxEntries');
    expect(description).toContain('lease-costs');
    expect(description.length).toBeLessThanOrEqual(1024);
  });

  it.each([
    ['a topic ARN that is not one', { alarmTopic: { topicArn: 'on-call' } }, '`alarmTopic`'],
    ['an alarm name prefix with spaces', { alarmNamePrefix: 'lease costs' }, '`alarmNamePrefix`'],
  ])('refuses %s with a ClientCacheConfigError', (_case, override, message) => {
    // Act
    const create = () => synthesise({ ...PROPS, ...override });

    // Assess
    expect(create).toThrow(ClientCacheConfigError);
    expect(create).toThrow(message);
  });
});
