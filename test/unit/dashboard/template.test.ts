/**
 * Covers the CloudFormation template `dashboards/client-cache.template.json`: it parses, declares
 * its parameters, its `Fn::Sub` body with the parameters filled in is the rendered body, its
 * parameter patterns match what the renderer accepts, and it is what the generator writes today.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLIENT_CACHE_ALARMS,
  type ClientCacheAlarmKey,
} from '../../../src/dashboard/alarm-definitions.js';
import { renderDashboardBody } from '../../../src/dashboard/render-dashboard.js';

interface Parameter {
  Type: string;
  Default?: unknown;
  AllowedPattern?: string;
  MinValue?: number;
  MaxValue?: number;
}

interface DashboardTemplate {
  Parameters: Record<string, Parameter>;
  Resources: Record<string, { Type: string; Properties: { DashboardBody: { 'Fn::Sub': string } } }>;
}

/** What CloudFormation resolves each alarm's `Arn` to, in a made-up account. */
const ALARM_ARNS = Object.fromEntries(
  CLIENT_CACHE_ALARMS.map(({ key }) => [
    key,
    `arn:aws:cloudwatch:sa-east-1:123456789012:alarm:${key}`,
  ]),
) as Record<ClientCacheAlarmKey, string>;

const PACKAGE_ROOT = join(__dirname, '../../..');
const TEMPLATE_FILE = join(PACKAGE_ROOT, 'dashboards', 'client-cache.template.json');
const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')) as DashboardTemplate;
const DASHBOARD = 'AWS::CloudWatch::Dashboard';

const dashboards = () =>
  Object.values(template.Resources).filter((resource) => resource.Type === DASHBOARD);

const subBody = (): string => dashboards()[0]?.Properties.DashboardBody['Fn::Sub'] ?? '';

/** What `Fn::Sub` does: `${Name}` becomes its value, `${!Name}` the literal `${Name}`. */
const substitute = (text: string, values: Record<string, string>): string =>
  text.replace(/\$\{(!?)([^}]*)\}/g, (_match, literal: string, name: string) => {
    if (literal) return `\${${name}}`;
    const value = values[name];
    if (value === undefined) throw new Error(`Fn::Sub has no value for \${${name}}`);
    return value;
  });

const allowedBy = (parameter: string) => (value: string) =>
  new RegExp(template.Parameters[parameter]?.AllowedPattern ?? '').test(value);

describe('CloudFormation dashboard template', () => {
  it('declares the Namespace, Service, DashboardName and MaxEntries parameters', () => {
    // Act
    const { Namespace, Service, DashboardName, MaxEntries } = template.Parameters;

    // Assess
    expect([Namespace?.Type, Service?.Type, DashboardName?.Type]).toEqual([
      'String',
      'String',
      'String',
    ]);
    expect(MaxEntries).toMatchObject({
      Type: 'Number',
      Default: 100,
      MinValue: 1,
      MaxValue: 10000,
    });
  });

  it('creates exactly one CloudWatch dashboard', () => {
    // Assess
    expect(dashboards()).toHaveLength(1);
  });

  it('gives a body that, with the parameters filled in, equals the rendered body', () => {
    // Prepare
    const values = { namespace: 'Leases', service: 'lease-costs', region: 'sa-east-1' };

    // Act
    const body = substitute(subBody(), {
      Namespace: values.namespace,
      Service: values.service,
      MaxEntries: '250',
      'AWS::Region': values.region,
      ...Object.fromEntries(
        Object.entries(ALARM_ARNS).map(([key, arn]) => [`${key}Alarm.Arn`, arn]),
      ),
    });

    // Assess
    expect(body).toBe(renderDashboardBody({ ...values, maxEntries: 250, alarmArns: ALARM_ARNS }));
  });

  it('refers in the body only to its own parameters and AWS::Region', () => {
    // Act
    const references = new Set(
      [...subBody().matchAll(/\$\{([^!}][^}]*)\}/g)].map(([, name]) => name),
    );

    // Assess
    expect([...references].sort()).toEqual(
      [
        'AWS::Region',
        'MaxEntries',
        'Namespace',
        'Service',
        ...CLIENT_CACHE_ALARMS.map(({ key }) => `${key}Alarm.Arn`),
      ].sort(),
    );
  });

  it('accepts the namespaces the renderer accepts and refuses the ones it refuses', () => {
    // Prepare
    const accepts = allowedBy('Namespace');

    // Assess
    for (const namespace of ['Leases', 'My App/prod#1:v2', 'a.b-c_d']) {
      expect(accepts(namespace)).toBe(true);
      expect(() =>
        renderDashboardBody({ namespace, service: 's', region: 'us-east-1' }),
      ).not.toThrow();
    }
    for (const namespace of ['', ' ', 'AWS/Lambda', 'café', 'a'.repeat(256)]) {
      expect(accepts(namespace)).toBe(false);
      expect(() => renderDashboardBody({ namespace, service: 's', region: 'us-east-1' })).toThrow();
    }
  });

  it('refuses a service that Fn::Sub would paste into the body as broken JSON', () => {
    // Prepare
    const accepts = allowedBy('Service');

    // Assess
    expect(accepts('lease-costs')).toBe(true);
    for (const service of ['say "hi"', 'back\\slash', 'new\nline', '   ', '']) {
      expect(accepts(service)).toBe(false);
    }
  });

  it('is what the generator writes today', () => {
    // Act
    const check = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/scripts/build-dashboard-template.ts', '--check'],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );

    // Assess
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
