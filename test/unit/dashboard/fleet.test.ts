/**
 * Covers the fleet view's three deploy paths: the rendered body (every metric widget one
 * Metrics Insights query in the configured namespace and region, no service named anywhere),
 * the `ClientCacheFleetDashboard` construct (its body is the rendered body, the region joined in
 * for an environment-agnostic stack) and the CloudFormation template (its `Fn::Sub` body, filled
 * in, is the rendered body), and a namespace refused with a ClientCacheConfigError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ClientCacheFleetDashboard } from '../../../src/cdk/index.js';
import { renderFleetDashboardBody } from '../../../src/dashboard/render-fleet-dashboard.js';
import { ClientCacheConfigError } from '../../../src/errors.js';

const PARAMETERS = { namespace: 'Leases', region: 'eu-west-1' } as const;

interface Widget {
  type: string;
  properties: { region?: string; metrics?: { expression?: string; id?: string }[][] };
}

const widgetsOf = (body: string): Widget[] => (JSON.parse(body) as { widgets: Widget[] }).widgets;

describe('the fleet dashboard', () => {
  it('gives every metric widget one Metrics Insights query over the namespace, in the region', () => {
    // Act
    const widgets = widgetsOf(renderFleetDashboardBody(PARAMETERS)).filter(
      ({ type }) => type === 'metric',
    );

    // Assess
    expect(widgets).toHaveLength(6);
    for (const { properties } of widgets) {
      expect(properties.region).toBe('eu-west-1');
      expect(properties.metrics).toHaveLength(1);
      expect(properties.metrics?.[0]?.[0]?.expression).toMatch(
        /^SELECT SUM\(\w+\) FROM SCHEMA\("Leases", service\) GROUP BY service ORDER BY SUM\(\) (ASC|DESC) LIMIT 10$/,
      );
    }
  });

  it('names no service, so it stays right as functions come and go', () => {
    // Act
    const body = renderFleetDashboardBody(PARAMETERS);

    // Assess
    expect(body).not.toMatch(/"service",\s*"/);
    expect(body).not.toContain('lease-costs');
  });

  it('refuses a namespace CloudWatch would refuse, with a ClientCacheConfigError', () => {
    // Act
    const render = () => renderFleetDashboardBody({ ...PARAMETERS, namespace: 'AWS/Lambda' });

    // Assess
    expect(render).toThrow(ClientCacheConfigError);
    expect(render).toThrow('`namespace`');
  });

  it('synthesises one dashboard whose body is the rendered body', () => {
    // Prepare
    const fixed = new Stack(new App(), 'Fixed', {
      env: { region: 'eu-west-1', account: '123456789012' },
    });
    const agnostic = new Stack(new App(), 'Agnostic');

    // Act
    new ClientCacheFleetDashboard(fixed, 'Fleet', { namespace: 'Leases' });
    new ClientCacheFleetDashboard(agnostic, 'Fleet', { namespace: 'Leases' });

    // Assess
    const [fixedBody] = Object.values(
      Template.fromStack(fixed).findResources('AWS::CloudWatch::Dashboard'),
    ).map((resource) => resource.Properties.DashboardBody);
    expect(fixedBody).toBe(renderFleetDashboardBody(PARAMETERS));
    const [joined] = Object.values(
      Template.fromStack(agnostic).findResources('AWS::CloudWatch::Dashboard'),
    ).map((resource) => resource.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] });
    const [separator, parts] = joined?.['Fn::Join'] ?? ['', []];
    const resolved = parts
      .map((part) => (typeof part === 'string' ? part : 'sa-east-1'))
      .join(separator);
    expect(resolved).toBe(renderFleetDashboardBody({ ...PARAMETERS, region: 'sa-east-1' }));
  });

  it('templates the same body for CloudFormation', () => {
    // Prepare
    const file = join(__dirname, '../../..', 'dashboards', 'client-cache-fleet.template.json');
    const template = JSON.parse(readFileSync(file, 'utf8')) as {
      Resources: { Dashboard: { Properties: { DashboardBody: { 'Fn::Sub': string } } } };
    };

    // Act
    const values: Record<string, string> = { Namespace: 'Leases', 'AWS::Region': 'eu-west-1' };
    const body = template.Resources.Dashboard.Properties.DashboardBody['Fn::Sub'].replace(
      /\$\{([^}]*)\}/g,
      (_match, name: string) => values[name] ?? `<no value for ${name}>`,
    );

    // Assess
    expect(body).toBe(renderFleetDashboardBody(PARAMETERS));
  });
});
