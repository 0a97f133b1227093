import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `renderDashboardBody` fills into the shipped `dashboards/client-cache.json`. */
export interface DashboardParameters {
  /** The functions' `POWERTOOLS_METRICS_NAMESPACE`. CloudWatch namespace rules apply. */
  namespace: string;
  /** The functions' `POWERTOOLS_SERVICE_NAME`: the value of the `service` dimension. */
  service: string;
  /** Region the metrics live in, e.g. `us-east-1`. */
  region: string;
  /**
   * Where the size widget draws its line: the functions' `CLIENT_CACHE_MAX_ENTRIES`.
   * Default 100; an integer from 1 to 10000.
   */
  maxEntries?: number;
}

/** The `${Name}` placeholders of the shipped definition (the syntax `Fn::Sub` uses too). */
export type DashboardPlaceholderName = 'Namespace' | 'Service' | 'Region' | 'MaxEntries';

const DEFINITION_PATH = join('dashboards', 'client-cache.json');
// The rules CloudWatch applies to PutMetricData; a namespace outside them can't hold our metrics.
const NAMESPACE_PATTERN = /^(?!AWS\/)(?=.*\S)[0-9A-Za-z._\-/#: ]{1,255}$/;

import { MAX_ENTRIES, REGION_PATTERN } from '../config/limits.js';

const MAX_DIMENSION_VALUE_LENGTH = 1024;
// A number placeholder is written "${MaxEntries}" so the file stays valid JSON; filling drops
// the quotes.
const PLACEHOLDER_PATTERN = /"\$\{(MaxEntries)\}"|\$\{([^}]*)\}/g;
const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set([
  'Namespace',
  'Service',
  'Region',
  'MaxEntries',
]);

/**
 * Renders the CloudWatch dashboard body (the JSON `put-dashboard` takes) for one service.
 * Every deploy path (CloudFormation template, CDK construct, `npm run dashboard`) goes
 * through here, so the dashboard is defined once, in `dashboards/client-cache.json`.
 *
 * @throws RangeError naming the parameter that is not allowed and what is.
 * @example
 * const body = renderDashboardBody({ namespace: 'Leases', service: 'costs', region: 'eu-west-1' });
 */
export function renderDashboardBody(parameters: DashboardParameters): string {
  return render(parameters, checkRegion(parameters.region));
}

/**
 * Like `renderDashboardBody`, for a region known only at deploy time: `regionReference` (a CDK
 * token for `AWS::Region`) goes into the body unchecked, and the deploy tool resolves it.
 */
export function renderDashboardBodyWithRegionReference(
  parameters: Omit<DashboardParameters, 'region'>,
  regionReference: string,
): string {
  return render(parameters, regionReference);
}

/**
 * The shipped definition, compacted, with its `${Name}` placeholders still in place.
 * @example
 * const definition = loadDashboardDefinition(); // '{"start":"-PT6H",...'
 */
export function loadDashboardDefinition(): string {
  const text = readFileSync(join(findPackageRoot(), DEFINITION_PATH), 'utf8');
  return JSON.stringify(JSON.parse(text));
}

/**
 * Replaces every placeholder in one pass, so a value that itself looks like `${Name}` (as the
 * CloudFormation generator passes) is kept. Text values are escaped for a JSON string; the
 * number placeholder is inserted bare. An unknown placeholder throws rather than leaking into
 * a body that `Fn::Sub` would then misread.
 */
export function fillDashboardPlaceholders(
  definition: string,
  values: Readonly<Record<DashboardPlaceholderName, string>>,
): string {
  return definition.replace(
    PLACEHOLDER_PATTERN,
    (_match, numberName?: string, textName?: string) => {
      if (numberName !== undefined) return values.MaxEntries;
      if (textName === undefined || !PLACEHOLDER_NAMES.has(textName)) {
        throw new Error(`${DEFINITION_PATH} has an unknown placeholder "\${${textName}}"`);
      }
      return JSON.stringify(values[textName as DashboardPlaceholderName]).slice(1, -1);
    },
  );
}

function render(parameters: Omit<DashboardParameters, 'region'>, region: string): string {
  return fillDashboardPlaceholders(loadDashboardDefinition(), {
    Namespace: checkNamespace(parameters.namespace),
    Service: checkService(parameters.service),
    Region: region,
    MaxEntries: String(checkMaxEntries(parameters.maxEntries ?? MAX_ENTRIES.defaultValue)),
  });
}

function checkNamespace(namespace: unknown): string {
  if (typeof namespace === 'string' && NAMESPACE_PATTERN.test(namespace)) return namespace;
  throw new RangeError(
    '`namespace` must be 1 to 255 of A-Z a-z 0-9 . - _ / # : or space, not blank and not ' +
      `starting with "AWS/", got ${describe(namespace)}`,
  );
}

function checkService(service: unknown): string {
  const allowed =
    typeof service === 'string' &&
    service.trim() !== '' &&
    service.length <= MAX_DIMENSION_VALUE_LENGTH;
  if (allowed) return service;
  throw new RangeError(
    `\`service\` must be a non-blank string of at most ${MAX_DIMENSION_VALUE_LENGTH} characters, ` +
      `got ${describe(service)}`,
  );
}

function checkRegion(region: unknown): string {
  if (typeof region === 'string' && REGION_PATTERN.test(region)) return region;
  throw new RangeError(`\`region\` must look like "us-east-1", got ${describe(region)}`);
}

function checkMaxEntries(maxEntries: unknown): number {
  const allowed =
    Number.isInteger(maxEntries) &&
    Number(maxEntries) >= MAX_ENTRIES.min &&
    Number(maxEntries) <= MAX_ENTRIES.max;
  if (allowed) return maxEntries as number;
  throw new RangeError(
    `\`maxEntries\` must be an integer from ${MAX_ENTRIES.min} to ${MAX_ENTRIES.max}, got ${describe(maxEntries)}`,
  );
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * The package root is the nearest directory above this module holding the definition: `src/`
 * under tsx and jest, `dist/esm/` and `dist/cjs/` once built. Neither `__dirname` (CJS only) nor
 * `import.meta.url` (ESM only) compiles in both builds, but V8's call sites name this file in
 * both, as a path or a `file:` URL.
 */
function findPackageRoot(): string {
  const start = dirname(thisModuleFile());
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, DEFINITION_PATH))) return directory;
    if (dirname(directory) === directory) {
      throw new Error(
        `Cannot find ${DEFINITION_PATH} in any directory above ${start}; it ships in the ` +
          'aws-client-cache package, so load this module from the installed package, not a bundle',
      );
    }
  }
}

function thisModuleFile(): string {
  const { prepareStackTrace, stackTraceLimit } = Error;
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    Error.stackTraceLimit = 1;
    const callSites = new Error().stack as unknown as NodeJS.CallSite[] | undefined;
    const file = callSites?.[0]?.getFileName();
    if (file === undefined || file === null) throw new Error('Cannot tell where this module lives');
    return file.startsWith('file:') ? fileURLToPath(file) : file;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}
