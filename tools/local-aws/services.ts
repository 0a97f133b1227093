/**
 * The AWS services the local endpoint serves, and the names each one goes by: the key used in
 * this module's API, the label used in request counters, and the environment variable through
 * which SDK v3 clients find the endpoint.
 */

/** Service keys, in the order the servers start. */
export const SERVICE_NAMES = ['sts', 's3', 'eventbridge', 'costexplorer', 'lambda'] as const;

/** One of {@link SERVICE_NAMES}. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * Prefix of the request counter keys, as in `S3.PutObject`.
 *
 * @example
 * `${SERVICE_LABELS.sts}.AssumeRole` // 'STS.AssumeRole'
 */
export const SERVICE_LABELS = {
  sts: 'STS',
  s3: 'S3',
  eventbridge: 'EventBridge',
  costexplorer: 'CostExplorer',
  lambda: 'Lambda',
} as const satisfies Record<ServiceName, string>;

/**
 * The variables SDK v3 reads to override an endpoint: `AWS_ENDPOINT_URL_` followed by the
 * client's `serviceId` upper-cased with spaces turned into underscores ("Cost Explorer" becomes
 * `COST_EXPLORER`).
 */
export const ENDPOINT_URL_ENV_VARS = {
  sts: 'AWS_ENDPOINT_URL_STS',
  s3: 'AWS_ENDPOINT_URL_S3',
  eventbridge: 'AWS_ENDPOINT_URL_EVENTBRIDGE',
  costexplorer: 'AWS_ENDPOINT_URL_COST_EXPLORER',
  lambda: 'AWS_ENDPOINT_URL_LAMBDA',
} as const satisfies Record<ServiceName, string>;

/** Region, account and static credentials that make the SDK's default chain resolve offline. */
export const LOCAL_AWS_IDENTITY = {
  region: 'us-east-1',
  accountId: '123456789012',
  accessKeyId: 'AKIALOCALAWSTEST0001',
  secretAccessKey: 'local-aws-secret-access-key-not-checked',
} as const;

/**
 * Whether `value` names a service of the local endpoint.
 *
 * @example
 * isServiceName('s3') // true
 */
export const isServiceName = (value: string): value is ServiceName =>
  (SERVICE_NAMES as readonly string[]).includes(value);

/**
 * The one service named, or all of them: how every "this service or all" method reads its
 * argument.
 *
 * @example
 * servicesOrAll(undefined).length // 5
 */
export const servicesOrAll = (service?: ServiceName): readonly ServiceName[] =>
  service === undefined ? SERVICE_NAMES : [service];
