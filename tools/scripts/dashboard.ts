// Prints (or writes) the aws-client-cache dashboard body for one service, for `aws cloudwatch
// put-dashboard`, and its alarms for `aws cloudwatch put-metric-alarm`; or, with --fleet, the
// fleet dashboard of a whole namespace.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { MAX_ENTRIES } from '../../src/config/limits.js';
import { checkInteger } from '../../src/config/parse-setting.js';
import {
  CLIENT_CACHE_ALARMS,
  type ClientCacheAlarmKey,
} from '../../src/dashboard/alarm-definitions.js';
import {
  alarmNameFor,
  describeAlarm,
  metricAlarmProperties,
} from '../../src/dashboard/alarm-properties.js';
import {
  checkAlarmNamePrefix,
  checkNamespace,
  checkService,
  checkTopicArn,
} from '../../src/dashboard/check-parameters.js';
import { renderDashboardBody } from '../../src/dashboard/render-dashboard.js';
import { renderFleetDashboardBody } from '../../src/dashboard/render-fleet-dashboard.js';
import { ClientCacheConfigError } from '../../src/errors.js';

const USAGE = `Usage: npm run dashboard -- --namespace <namespace> --service <service> --region <region> [options]
       npm run dashboard -- --fleet --namespace <namespace> --region <region> [--out <file>]

Prints the CloudWatch dashboard body for aws-client-cache metrics to stdout, or writes it to --out.
  --namespace          POWERTOOLS_METRICS_NAMESPACE of the functions
  --service            POWERTOOLS_SERVICE_NAME of the functions
  --region             region of the metrics, e.g. us-east-1
  --max-entries        CLIENT_CACHE_MAX_ENTRIES of the functions (default 100)
  --out                file to write the body to (relative to where npm was run); stdout by default
  --alarms-out         file to write the alarms to: a JSON array, one put-metric-alarm input each
  --alarm-topic        SNS topic ARN told when an alarm fires and clears (default: none)
  --alarm-name-prefix  alarm names become <prefix>-credential-refresh-failures, ... (default <service>-client-cache)
  --account            the account the alarms live in: the dashboard then shows their state
  --fleet              the fleet view: every service publishing to --namespace (no --service)

Example:
  npm run dashboard -- --namespace Leases --service lease-costs --region eu-west-1 \\
    --account 123456789012 --out body.json --alarms-out alarms.json
  aws cloudwatch put-dashboard --dashboard-name lease-costs-client-cache --dashboard-body file://body.json
  jq -c '.[]' alarms.json | while read -r alarm; do aws cloudwatch put-metric-alarm --cli-input-json "$alarm"; done
`;

const EXIT_UNKNOWN_REGION = 1;
const EXIT_USAGE = 2;

/** Every region aws-cdk-lib knows, in every partition: a pattern alone would accept `eu-wst-1`. */
const KNOWN_REGIONS: ReadonlySet<string> = new Set(RegionInfo.regions.map(({ name }) => name));
const ACCOUNT_PATTERN = /^\d{12}$/;

interface Output {
  readonly body: string;
  readonly out: string | undefined;
  readonly alarms?: { readonly text: string; readonly out: string };
}

function main(args: string[]): number {
  let output: Output;
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        namespace: { type: 'string' },
        service: { type: 'string' },
        region: { type: 'string' },
        'max-entries': { type: 'string' },
        out: { type: 'string' },
        'alarms-out': { type: 'string' },
        'alarm-topic': { type: 'string' },
        'alarm-name-prefix': { type: 'string' },
        account: { type: 'string' },
        fleet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const { namespace, region } = values;
    const service = values.fleet ? '' : values.service;
    const missing = Object.entries({ namespace, service, region })
      .filter(([, value]) => value === undefined)
      .map(([flag]) => `--${flag}`);
    if (missing.length > 0) {
      const named = missing.map((flag) => `\`${flag}\``).join(', ');
      throw new ClientCacheConfigError(missing.join(', '), `Missing ${named}`);
    }
    if (!KNOWN_REGIONS.has(region as string)) {
      process.stderr.write(
        `Unknown region ${JSON.stringify(region)}: \`--region\` must be an AWS region such as "eu-west-1" (run with --help for usage)\n`,
      );
      return EXIT_UNKNOWN_REGION;
    }
    for (const flag of ['out', 'alarms-out'] as const) {
      if (values[flag] === '') {
        throw new ClientCacheConfigError(`--${flag}`, `\`--${flag}\` must be a file name, got ""`);
      }
    }
    output = values.fleet
      ? fleetOutput(values, namespace as string, region as string)
      : serviceOutput(values, namespace as string, service as string, region as string);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const where = (file: string) => resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (output.out === undefined) process.stdout.write(output.body);
  else writeFileSync(where(output.out), output.body);
  if (output.alarms !== undefined) writeFileSync(where(output.alarms.out), output.alarms.text);
  return 0;
}

type Flags = Partial<Record<string, string | boolean>>;

function fleetOutput(values: Flags, namespace: string, region: string): Output {
  const serviceOnly = [
    'service',
    'max-entries',
    'alarms-out',
    'alarm-topic',
    'alarm-name-prefix',
    'account',
  ];
  const given = serviceOnly.filter((flag) => values[flag] !== undefined);
  if (given.length > 0) {
    throw new ClientCacheConfigError(
      '--fleet',
      `\`--fleet\` covers every service: drop ${given.map((flag) => `\`--${flag}\``).join(', ')}`,
    );
  }
  return {
    body: `${renderFleetDashboardBody({ namespace, region })}\n`,
    out: values.out as string | undefined,
  };
}

function serviceOutput(values: Flags, namespace: string, service: string, region: string): Output {
  const maxEntries = parseMaxEntries(values['max-entries'] as string | undefined);
  const topic = values['alarm-topic'] as string | undefined;
  const actions = topic === undefined ? undefined : [checkTopicArn(topic, '--alarm-topic')];
  const account = values.account as string | undefined;
  if (account !== undefined && !ACCOUNT_PATTERN.test(account)) {
    throw new ClientCacheConfigError(
      '--account',
      `\`--account\` must be 12 digits, got "${account}"`,
    );
  }
  const alarmsOut = values['alarms-out'] as string | undefined;
  const names =
    account === undefined && alarmsOut === undefined ? undefined : alarmNames(values, service);
  const partition = RegionInfo.get(region).partition ?? 'aws';
  const alarmArns =
    account === undefined || names === undefined
      ? undefined
      : (Object.fromEntries(
          Object.entries(names).map(([key, name]) => [
            key,
            `arn:${partition}:cloudwatch:${region}:${account}:alarm:${name}`,
          ]),
        ) as Record<ClientCacheAlarmKey, string>);
  const body = `${renderDashboardBody({ namespace, service, region, maxEntries, alarmArns })}\n`;
  if (alarmsOut === undefined || names === undefined)
    return { body, out: values.out as string | undefined };
  const alarms = CLIENT_CACHE_ALARMS.map((definition) =>
    metricAlarmProperties(definition, {
      namespace: checkNamespace(namespace),
      service: checkService(service),
      description: describeAlarm(definition, { namespace, service }),
      alarmName: names[definition.key],
      actions,
    }),
  );
  return {
    body,
    out: values.out as string | undefined,
    alarms: { text: `${JSON.stringify(alarms, null, 2)}\n`, out: alarmsOut },
  };
}

/** Names are needed only for alarms: a service name with spaces is fine for a dashboard alone. */
function alarmNames(values: Flags, service: string): Record<ClientCacheAlarmKey, string> {
  const given = values['alarm-name-prefix'] as string | undefined;
  // The default prefix comes from the service; a service with spaces needs one given.
  const prefix = checkAlarmNamePrefix(given ?? `${service}-client-cache`, '--alarm-name-prefix');
  return Object.fromEntries(
    CLIENT_CACHE_ALARMS.map((definition) => [definition.key, alarmNameFor(definition, prefix)]),
  ) as Record<ClientCacheAlarmKey, string>;
}

function parseMaxEntries(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Number('') is 0 and Number('1e3') is 1000: accept only what a person would type.
  return checkInteger('--max-entries', /^\d+$/.test(text) ? Number(text) : text, MAX_ENTRIES);
}

process.exitCode = main(process.argv.slice(2));
