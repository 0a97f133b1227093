// Prints the aws-client-cache dashboard body for one service, for `aws cloudwatch put-dashboard`.
import { parseArgs } from 'node:util';
import { renderDashboardBody } from '../src/dashboard/render-dashboard.js';

const USAGE = `Usage: npm run --silent dashboard -- --namespace <namespace> --service <service> --region <region> [--max-entries <1-10000>]

Prints the CloudWatch dashboard body for aws-client-cache metrics to stdout.
  --namespace    POWERTOOLS_METRICS_NAMESPACE of the functions
  --service      POWERTOOLS_SERVICE_NAME of the functions
  --region       region of the metrics, e.g. us-east-1
  --max-entries  CLIENT_CACHE_MAX_ENTRIES of the functions (default 100)

Example:
  npm run --silent dashboard -- --namespace Leases --service lease-costs --region eu-west-1 > body.json
  aws cloudwatch put-dashboard --dashboard-name lease-costs-client-cache --dashboard-body file://body.json
`;

const EXIT_USAGE = 2;

function main(args: string[]): number {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        namespace: { type: 'string' },
        service: { type: 'string' },
        region: { type: 'string' },
        'max-entries': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const { namespace, service, region } = values;
    if (namespace === undefined || service === undefined || region === undefined) {
      const missing = Object.entries({ namespace, service, region })
        .filter(([, value]) => value === undefined)
        .map(([flag]) => `\`--${flag}\``);
      throw new TypeError(`Missing ${missing.join(', ')}`);
    }
    const maxEntries = parseMaxEntries(values['max-entries']);
    process.stdout.write(`${renderDashboardBody({ namespace, service, region, maxEntries })}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
}

function parseMaxEntries(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Number('') is 0 and Number('1e3') is 1000: accept only what a person would type.
  if (/^\d+$/.test(text)) return Number(text);
  throw new RangeError(`\`--max-entries\` must be an integer from 1 to 10000, got "${text}"`);
}

process.exitCode = main(process.argv.slice(2));
