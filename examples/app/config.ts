import { AppConfigError } from './errors.js';

/** The environment variables the lease-costs handler reads, once, at cold start. */
export const LeaseCostsEnv = {
  /** Required. The EventBridge bus `LeaseCostsGenerated` goes to: a name or a bus ARN. */
  EventBusName: 'EVENT_BUS_NAME',
  /** Required. The bucket the CSV reports go to. */
  BucketName: 'S3_BUCKET_NAME',
  /** Required. The role in the management account that may read Cost Explorer. */
  CostExplorerRoleArn: 'COST_EXPLORER_ROLE_ARN',
  /** Required. The sandbox API's leases function, as a full function ARN. */
  LeasesFunctionArn: 'ISB_LEASES_LAMBDA_ARN',
  /**
   * Optional, `true` or `false`, default `false`. Path-style S3 addressing, for S3-compatible
   * endpoints on an IP or `localhost` (the local AWS endpoint); real S3 needs no such thing.
   */
  S3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
} as const;

/** The handler's settings, validated and frozen. */
export interface LeaseCostsConfig {
  readonly eventBusName: string;
  readonly bucketName: string;
  readonly costExplorerRoleArn: string;
  readonly leasesFunctionArn: string;
  readonly s3ForcePathStyle: boolean;
}

/** An IAM role ARN, as STS accepts it in `RoleArn`. */
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const FUNCTION_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[\w-]{1,64}(:[\w$-]{1,128})?$/;
const EVENT_BUS = /^(arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/)?[\w.\-/]{1,256}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads one required variable; a problem goes to `problems` and the result is then unused. */
function required(env: Env, name: string, pattern: RegExp, allowed: string, problems: string[]) {
  const value = env[name];
  if (value === undefined || value === '') {
    problems.push(`\`${name}\` is required: ${allowed}`);
  } else if (!pattern.test(value)) {
    problems.push(`\`${name}\` must be ${allowed}, got "${value}"`);
  }
  return value ?? '';
}

function flag(env: Env, name: string, problems: string[]): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  problems.push(`\`${name}\` must be true or false, got "${value}"`);
  return false;
}

/**
 * Reads and validates the handler's environment. Every problem is reported at once, naming its
 * variable, so one failed deployment shows everything that needs fixing.
 *
 * @example
 * const config = readLeaseCostsConfig(process.env);
 */
export function readLeaseCostsConfig(env: Env = process.env): LeaseCostsConfig {
  const problems: string[] = [];
  const config: LeaseCostsConfig = Object.freeze({
    eventBusName: required(
      env,
      LeaseCostsEnv.EventBusName,
      EVENT_BUS,
      'an event bus name or ARN',
      problems,
    ),
    bucketName: required(env, LeaseCostsEnv.BucketName, BUCKET_NAME, 'an S3 bucket name', problems),
    costExplorerRoleArn: required(
      env,
      LeaseCostsEnv.CostExplorerRoleArn,
      ROLE_ARN,
      'an IAM role ARN (arn:aws:iam::<account-id>:role/<name>)',
      problems,
    ),
    leasesFunctionArn: required(
      env,
      LeaseCostsEnv.LeasesFunctionArn,
      FUNCTION_ARN,
      'a Lambda function ARN (arn:aws:lambda:<region>:<account-id>:function:<name>)',
      problems,
    ),
    s3ForcePathStyle: flag(env, LeaseCostsEnv.S3ForcePathStyle, problems),
  });
  if (problems.length > 0) {
    const variables = problems.map((problem) => problem.slice(1, problem.indexOf('`', 1)));
    throw new AppConfigError(
      variables,
      `Invalid lease-costs configuration: ${problems.join('; ')}`,
    );
  }
  return config;
}
