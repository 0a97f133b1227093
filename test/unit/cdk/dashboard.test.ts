/**
 * Covers the `ClientCacheDashboard` CDK construct: it synthesises exactly one CloudWatch
 * dashboard whose body, once CloudFormation has filled in the region, is the rendered body,
 * both in environment-agnostic stacks (region token) and in stacks with a fixed region.
 */
import { App, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ClientCacheDashboard, type ClientCacheDashboardProps } from '../../../src/cdk/index.js';
import {
  CLIENT_CACHE_ALARMS,
  type ClientCacheAlarmKey,
} from '../../../src/dashboard/alarm-definitions.js';
import { renderDashboardBody } from '../../../src/dashboard/render-dashboard.js';

const PROPS = { namespace: 'Leases', service: 'lease-costs', maxEntries: 250 } as const;
const DASHBOARD = 'AWS::CloudWatch::Dashboard';

function synthesise(props: ClientCacheDashboardProps, env?: StackProps['env']): Template {
  const stack = new Stack(new App(), 'Observability', { env });
  new ClientCacheDashboard(stack, 'ClientCache', props);
  return Template.fromStack(stack);
}

const onlyDashboard = (template: Template): Record<string, unknown> => {
  const [resource] = Object.values(template.findResources(DASHBOARD));
  return (resource as { Properties: Record<string, unknown> }).Properties;
};

/** A made-up ARN for the alarm CloudFormation created under `logicalId`. */
const arnOf = (logicalId: string): string => `arn:aws:cloudwatch:::alarm:${logicalId}`;

/**
 * What CloudFormation makes of a body that CDK joined around `{ Ref: AWS::Region }` and the
 * alarms' `{ Fn::GetAtt: [id, Arn] }`.
 */
function resolveBody(body: unknown, region: string): string {
  if (typeof body === 'string') return body;
  const [separator, parts] = (body as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt !== undefined) {
        expect(getAtt[1]).toBe('Arn');
        return arnOf(getAtt[0]);
      }
      expect(part).toEqual({ Ref: 'AWS::Region' });
      return region;
    })
    .join(separator);
}

/** The rendered body with each alarm's ARN as `resolveBody` resolves it. */
function expectedBody(template: Template, region: string): string {
  const alarmIds = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));
  const alarmArns = Object.fromEntries(
    CLIENT_CACHE_ALARMS.map(({ key }) => [
      key,
      arnOf(alarmIds.find((id) => id.startsWith(`ClientCache${key}Alarm`)) ?? key),
    ]),
  ) as Record<ClientCacheAlarmKey, string>;
  return renderDashboardBody({ ...PROPS, region, alarmArns });
}

describe('ClientCacheDashboard', () => {
  it('creates one dashboard whose body is the rendered body in an env-agnostic stack', () => {
    // Act
    const template = synthesise(PROPS);

    // Assess
    template.resourceCountIs(DASHBOARD, 1);
    const body = resolveBody(onlyDashboard(template).DashboardBody, 'ap-southeast-2');
    expect(body).toBe(expectedBody(template, 'ap-southeast-2'));
  });

  it('writes a fixed stack region straight into the body', () => {
    // Act
    const template = synthesise(PROPS, { region: 'eu-central-1', account: '123456789012' });

    // Assess
    template.resourceCountIs(DASHBOARD, 1);
    const body = resolveBody(onlyDashboard(template).DashboardBody, 'eu-central-1');
    expect(body).toBe(expectedBody(template, 'eu-central-1'));
  });

  it('names the dashboard only when dashboardName is given', () => {
    // Act
    const named = onlyDashboard(synthesise({ ...PROPS, dashboardName: 'lease-costs-cache' }));
    const unnamed = onlyDashboard(synthesise(PROPS));

    // Assess
    expect(named.DashboardName).toBe('lease-costs-cache');
    expect(unnamed).not.toHaveProperty('DashboardName');
  });

  it.each([
    ['a dashboard name with spaces', { dashboardName: 'lease costs' }, '`dashboardName`'],
    ['a namespace the renderer refuses', { namespace: 'AWS/Lambda' }, '`namespace`'],
    ['a maximum out of range', { maxEntries: 0 }, '`maxEntries`'],
  ])('refuses %s when the construct is created', (_case, override, message) => {
    // Act
    const create = () => synthesise({ ...PROPS, ...override });

    // Assess
    expect(create).toThrow(message);
  });

  it('refuses a namespace only known at deploy time', () => {
    // Prepare
    const stack = new Stack(new App(), 'Observability');
    const namespace = new CfnParameter(stack, 'Namespace').valueAsString;

    // Act
    const create = () => new ClientCacheDashboard(stack, 'ClientCache', { ...PROPS, namespace });

    // Assess
    expect(create).toThrow('`namespace` must be a literal value, not a deploy-time token');
  });
});
