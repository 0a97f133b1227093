// Prints (or writes) the aws-client-cache dashboard body for one service, for `aws cloudwatch put-dashboard`.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { renderDashboardBody } from '../src/dashboard/render-dashboard.js';

const USAGE = `Usage: npm run dashboard -- --namespace <namespace> --service <service> --region <region> [--max-entries <1-10000>] [--out <file>]

Prints the CloudWatch dashboard body for aws-client-cache metrics to stdout, or writes it to --out.
  --namespace    POWERTOOLS_METRICS_NAMESPACE of the functions
  --service      POWERTOOLS_SERVICE_NAME of the functions
  --region       region of the metrics, e.g. us-east-1
  --max-entries  CLIENT_CACHE_MAX_ENTRIES of the functions (default 100)
  --out          file to write the body to (relative to where npm was run); stdout by default

Example:
  npm run dashboard -- --namespace Leases --service lease-costs --region eu-west-1 --out body.json
  aws cloudwatch put-dashboard --dashboard-name lease-costs-client-cache --dashboard-body file://body.json
`;

const EXIT_UNKNOWN_REGION = 1;
const EXIT_USAGE = 2;

/** Every region aws-cdk-lib knows, in every partition: a pattern alone would accept `eu-wst-1`. */
const KNOWN_REGIONS: ReadonlySet<string> = new Set(RegionInfo.regions.map(({ name }) => name));

function main(args: string[]): number {
  let body: string;
  let out: string | undefined;
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
    if (!KNOWN_REGIONS.has(region)) {
      process.stderr.write(
        `Unknown region ${JSON.stringify(region)}: \`--region\` must be an AWS region such as "eu-west-1" (run with --help for usage)\n`,
      );
      return EXIT_UNKNOWN_REGION;
    }
    if (values.out === '') throw new TypeError('`--out` must be a file name, got ""');
    out = values.out;
    const maxEntries = parseMaxEntries(values['max-entries']);
    body = `${renderDashboardBody({ namespace, service, region, maxEntries })}\n`;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (out === undefined) process.stdout.write(body);
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  else writeFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), out), body);
  return 0;
}

function parseMaxEntries(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Number('') is 0 and Number('1e3') is 1000: accept only what a person would type.
  if (/^\d+$/.test(text)) return Number(text);
  throw new RangeError(`\`--max-entries\` must be an integer from 1 to 10000, got "${text}"`);
}

process.exitCode = main(process.argv.slice(2));
