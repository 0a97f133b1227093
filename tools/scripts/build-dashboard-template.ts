// Writes dashboards/client-cache.template.json from dashboards/client-cache.json, so the
// CloudFormation path never carries a second copy of the dashboard to drift.
// Usage: npm run dashboard:template [-- --check]
// --check writes nothing and exits 1 if the committed template is out of date (for CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLIENT_CACHE_ALARMS } from '../../src/dashboard/alarm-definitions.js';
import { alarmNameFor, metricAlarmProperties } from '../../src/dashboard/alarm-properties.js';
import {
  fillDashboardPlaceholders,
  loadDashboardDefinition,
} from '../../src/dashboard/render-dashboard.js';
import {
  fillFleetPlaceholders,
  loadFleetDashboardDefinition,
} from '../../src/dashboard/render-fleet-dashboard.js';

const TEMPLATE_FILE = fileURLToPath(
  new URL('../../dashboards/client-cache.template.json', import.meta.url),
);
const FLEET_TEMPLATE_FILE = fileURLToPath(
  new URL('../../dashboards/client-cache-fleet.template.json', import.meta.url),
);

/** `${Name}` as `Fn::Sub` reads it: a template parameter or a pseudo parameter. */
const subReference = (name: string): string => `\${${name}}`;

const NO_VALUE = { Ref: 'AWS::NoValue' };

const NAMESPACE_PARAMETER = {
  Type: 'String',
  Description: 'POWERTOOLS_METRICS_NAMESPACE of the functions',
  AllowedPattern: String.raw`^(?!AWS/)(?=.*\S)[0-9A-Za-z._\-/#: ]{1,255}$`,
  ConstraintDescription: 'a CloudWatch namespace: 1 to 255 of A-Z a-z 0-9 . - _ / # : space',
};

/** Both templates: an optional dashboard name (CloudFormation names it when empty) and the output. */
const DASHBOARD_NAME_PARAMETER = {
  Type: 'String',
  Description: 'Dashboard name, unique in the account; empty lets CloudFormation name it',
  Default: '',
  AllowedPattern: '^[A-Za-z0-9_-]{0,255}$',
  ConstraintDescription: 'up to 255 of A-Z a-z 0-9 - _',
};
const HAS_DASHBOARD_NAME = { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'DashboardName' }, ''] }] };
const DASHBOARD_OUTPUTS = {
  DashboardName: { Description: 'Name of the dashboard', Value: { Ref: 'Dashboard' } },
};

/** The dashboard resource of a template: `body` through `Fn::Sub`, named when a name is given. */
function dashboardResource(body: string): object {
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: { 'Fn::If': ['HasDashboardName', { Ref: 'DashboardName' }, NO_VALUE] },
      DashboardBody: { 'Fn::Sub': body },
    },
  };
}

/** The cache's alarms, read from their one definition; actions only when a topic is given. */
function alarmResources(): Record<string, object> {
  const entries = CLIENT_CACHE_ALARMS.map((definition) => {
    const properties = metricAlarmProperties<object>(definition, {
      namespace: { Ref: 'Namespace' },
      service: { Ref: 'Service' },
      description: { 'Fn::Sub': definition.description },
      alarmName: {
        'Fn::If': [
          'HasAlarmNamePrefix',
          { 'Fn::Sub': alarmNameFor(definition, subReference('AlarmNamePrefix')) },
          NO_VALUE,
        ],
      },
    });
    const actions = { 'Fn::If': ['HasAlarmTopic', [{ Ref: 'AlarmTopicArn' }], NO_VALUE] };
    return [
      `${definition.key}Alarm`,
      {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: { ...properties, AlarmActions: actions, OKActions: actions },
      },
    ];
  });
  return Object.fromEntries(entries);
}

function buildTemplate(): object {
  const alarmArns = Object.fromEntries(
    CLIENT_CACHE_ALARMS.map(({ key }) => [`${key}AlarmArn`, subReference(`${key}Alarm.Arn`)]),
  );
  const body = fillDashboardPlaceholders(loadDashboardDefinition({ alarmStatus: true }), {
    Namespace: subReference('Namespace'),
    Service: subReference('Service'),
    Region: subReference('AWS::Region'),
    MaxEntries: subReference('MaxEntries'),
    ...alarmArns,
  });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'aws-client-cache CloudWatch dashboard and alarms: cache hit ratio, evictions, size and ' +
      'connection reuse for one service. Generated from dashboards/client-cache.json by ' +
      '`npm run dashboard:template`; edit that file, not this one.',
    Parameters: {
      Namespace: NAMESPACE_PARAMETER,
      Service: {
        Type: 'String',
        Description: 'POWERTOOLS_SERVICE_NAME of the functions (the service dimension)',
        // Fn::Sub inserts values unescaped: refuse what would break the JSON body.
        AllowedPattern: String.raw`^(?=.*\S)[^"\\\x00-\x1F]{1,1024}$`,
        ConstraintDescription: 'up to 1024 characters, not blank, without " or \\',
      },
      DashboardName: DASHBOARD_NAME_PARAMETER,
      MaxEntries: {
        Type: 'Number',
        Description:
          'CLIENT_CACHE_MAX_ENTRIES of the functions, drawn as a line on the size widget',
        Default: 100,
        MinValue: 1,
        MaxValue: 10000,
      },
      AlarmTopicArn: {
        Type: 'String',
        Description:
          'SNS topic told when an alarm fires and when it clears; empty: the alarms notify nobody',
        Default: '',
        AllowedPattern: String.raw`^$|^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$`,
        ConstraintDescription: 'empty, or an SNS topic ARN',
      },
      AlarmNamePrefix: {
        Type: 'String',
        Description:
          'Alarm names become <prefix>-credential-refresh-failures and so on; empty lets CloudFormation name them',
        Default: '',
        AllowedPattern: '^[A-Za-z0-9_.-]{0,200}$',
        ConstraintDescription: 'up to 200 of A-Z a-z 0-9 . - _',
      },
    },
    Conditions: {
      HasDashboardName: HAS_DASHBOARD_NAME,
      HasAlarmTopic: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmTopicArn' }, ''] }] },
      HasAlarmNamePrefix: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmNamePrefix' }, ''] }] },
    },
    Resources: {
      Dashboard: dashboardResource(body),
      ...alarmResources(),
    },
    Outputs: DASHBOARD_OUTPUTS,
  };
}

function buildFleetTemplate(): object {
  const body = fillFleetPlaceholders(loadFleetDashboardDefinition(), {
    Namespace: subReference('Namespace'),
    Region: subReference('AWS::Region'),
  });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'aws-client-cache fleet dashboard: every service publishing the cache metrics to a ' +
      'namespace, ranked by Metrics Insights queries. Generated from ' +
      'dashboards/client-cache-fleet.json by `npm run dashboard:template`; edit that file, not this one.',
    Parameters: {
      Namespace: NAMESPACE_PARAMETER,
      DashboardName: DASHBOARD_NAME_PARAMETER,
    },
    Conditions: {
      HasDashboardName: HAS_DASHBOARD_NAME,
    },
    Resources: {
      Dashboard: dashboardResource(body),
    },
    Outputs: DASHBOARD_OUTPUTS,
  };
}

function main(args: string[]): number {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false } } });
  let status = 0;
  for (const [file, template] of [
    [TEMPLATE_FILE, buildTemplate()],
    [FLEET_TEMPLATE_FILE, buildFleetTemplate()],
  ] as const) {
    const text = `${JSON.stringify(template, null, 2)}\n`;
    if (!values.check) writeFileSync(file, text);
    else if (readFileSync(file, 'utf8') !== text) {
      process.stderr.write(`${file} is out of date: run npm run dashboard:template\n`);
      status = 1;
    }
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
