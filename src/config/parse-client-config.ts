import { ClientCacheConfigError } from '../errors.js';
import {
  CLIENT_CACHE_CONFIG_KEYS,
  type ClientConfig,
  type CredentialProvider,
} from './client-cache-config.js';
import { copyAdditionalConfig } from './copy-config-value.js';
import { copyIdentity } from './copy-identity.js';
import { describeFieldName, describeValue } from './describe-value.js';
import { isConfigObject } from './is-config-object.js';
import {
  EXTERNAL_ID_PATTERN,
  PROFILE_PATTERN,
  REGION_PATTERN,
  ROLE_ARN_PATTERN,
  ROLE_DURATION_SECONDS,
  ROLE_SESSION_NAME_PATTERN,
  SHOWABLE_ARN,
  SHOWABLE_REGION,
} from './limits.js';
import { checkInteger } from './parse-setting.js';
import { type FrozenIdentity, toSdkIdentity } from './sdk-identity.js';

/**
 * What a getter was asked for, read once from the caller's config, validated
 * and frozen. Everything downstream (the key, the factory, the credentials)
 * reads this, never the caller's object, so nothing the caller does to that
 * object afterwards can change a client that was built from it.
 */
export interface ClientSpec {
  readonly region: string | undefined;
  readonly credentials: FrozenIdentity | CredentialProvider | undefined;
  readonly roleArn: string | undefined;
  readonly roleSessionName: string | undefined;
  readonly externalId: string | undefined;
  readonly durationSeconds: number | undefined;
  readonly profile: string | undefined;
  /** A private deep copy of the plain parts; class instances and functions by reference. */
  readonly additionalConfig: Readonly<Record<string, unknown>> | undefined;
  /**
   * The static identity the client signs with, when it has one that
   * expires: `additionalConfig.credentials` when given (the SDK applies it
   * last), else `credentials`. One rule for both: expired is refused, and
   * the entry leaves the buffer before `at`.
   */
  readonly signingExpiration: { readonly field: string; readonly at: number } | undefined;
  /** True when only `region` and `roleArn` may be set: the hit index serves these. */
  readonly simple: boolean;
}

const KNOWN = new Set<string>(CLIENT_CACHE_CONFIG_KEYS);

function fail(field: string, message: string): never {
  throw new ClientCacheConfigError(field, message);
}

/**
 * Reads a config the one way the cache ever reads one: its enumerable
 * fields, own or inherited (`for...in`, as the hit path does), each read
 * exactly once. A non-enumerable or Proxy-hidden field is not part of the
 * config on either path, so it can neither be used by a miss nor skipped by
 * a hit. An unknown field is named only when its name cannot be a secret.
 */
function readFields(config: object): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const field in config) {
    if (!KNOWN.has(field)) {
      const name = describeFieldName(field);
      fail(
        name,
        `\`${name}\` is not a ClientConfig option; allowed: ${CLIENT_CACHE_CONFIG_KEYS.join(', ')}`,
      );
    }
    const value = (config as Record<string, unknown>)[field];
    if (value !== undefined) fields.set(field, value);
  }
  return fields;
}

function checkString(
  field: string,
  value: unknown,
  pattern: RegExp,
  allowed: string,
  showable?: RegExp,
): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    fail(field, `\`${field}\` must be ${allowed}, got ${describeValue(value, showable)}`);
  }
  return value;
}

interface CopiedAdditionalConfig {
  readonly config: Readonly<Record<string, unknown>>;
  readonly identity: FrozenIdentity | CredentialProvider | undefined;
}

/**
 * A private copy of `additionalConfig` (see `copyAdditionalConfig`), with
 * an identity given there checked and normalised like `credentials`
 * (epoch-ms expirations included): the SDK would only fail at `send`.
 */
function parseAdditionalConfig(value: unknown): CopiedAdditionalConfig {
  const config = copyAdditionalConfig(value);
  const { credentials } = config;
  if (credentials === undefined) return { config, identity: undefined };
  const identity = copyIdentity(credentials, 'additionalConfig.credentials');
  if (typeof identity !== 'function') config.credentials = toSdkIdentity(identity);
  return { config, identity };
}

function signingExpiration(
  credentials: FrozenIdentity | CredentialProvider | undefined,
  additional: CopiedAdditionalConfig | undefined,
): ClientSpec['signingExpiration'] {
  // The SDK applies `additionalConfig` last: its identity is the one the client signs with.
  const [field, identity] =
    additional?.identity !== undefined
      ? ['additionalConfig.credentials', additional.identity]
      : ['credentials', credentials];
  if (typeof identity !== 'object' || identity.expiration === undefined) return undefined;
  return { field, at: identity.expiration };
}

function roleOnly(fields: Map<string, unknown>, field: string): void {
  if (fields.has(field) && !fields.has('roleArn')) {
    fail(field, `\`${field}\` only applies with \`roleArn\`, which is not set`);
  }
}

/**
 * Turns a getter's config into a `ClientSpec`, or throws a
 * `ClientCacheConfigError` naming the field, showing the value unless it
 * may be secret, and saying what is allowed. Nothing is cached from a
 * config that fails here.
 */
export function parseClientConfig(config: unknown = {}): ClientSpec {
  if (typeof config !== 'object' || config === null || !isConfigObject(config)) {
    fail('config', `the getter config must be a plain object, got ${describeValue(config)}`);
  }
  const fields = readFields(config);
  const get = (field: keyof ClientConfig): unknown => fields.get(field);
  const region = get('region');
  const roleArn = get('roleArn');
  const profile = get('profile');
  if (profile === 'none')
    fail('profile', '`profile` must not be "none", which the cache key reserves');
  roleOnly(fields, 'roleSessionName');
  roleOnly(fields, 'externalId');
  roleOnly(fields, 'durationSeconds');
  const externalId = get('externalId');
  if (
    externalId !== undefined &&
    (typeof externalId !== 'string' || !EXTERNAL_ID_PATTERN.test(externalId))
  ) {
    fail(
      'externalId',
      '`externalId` must be 2 to 1224 characters of [\\w+=,.@:/-] (value not shown)',
    );
  }
  const durationSeconds = get('durationSeconds');
  const credentials = fields.has('credentials')
    ? copyIdentity(get('credentials'), 'credentials')
    : undefined;
  const additional = fields.has('additionalConfig')
    ? parseAdditionalConfig(get('additionalConfig'))
    : undefined;
  const spec: ClientSpec = {
    region:
      region === undefined
        ? undefined
        : checkString(
            'region',
            region,
            REGION_PATTERN,
            'an AWS region like "us-east-1"',
            SHOWABLE_REGION,
          ),
    roleArn:
      roleArn === undefined
        ? undefined
        : checkString(
            'roleArn',
            roleArn,
            ROLE_ARN_PATTERN,
            'an IAM role ARN like "arn:aws:iam::123456789012:role/Name"',
            SHOWABLE_ARN,
          ),
    roleSessionName:
      get('roleSessionName') === undefined
        ? undefined
        : checkString(
            'roleSessionName',
            get('roleSessionName'),
            ROLE_SESSION_NAME_PATTERN,
            '2 to 64 characters of [\\w+=,.@-]',
          ),
    externalId: externalId as string | undefined,
    durationSeconds:
      durationSeconds === undefined
        ? undefined
        : checkInteger('durationSeconds', durationSeconds, ROLE_DURATION_SECONDS),
    profile:
      profile === undefined
        ? undefined
        : checkString(
            'profile',
            profile,
            PROFILE_PATTERN,
            'a profile name without spaces or colons',
          ),
    credentials,
    additionalConfig: additional?.config,
    signingExpiration: signingExpiration(credentials, additional),
    simple: [...fields.keys()].every((field) => field === 'region' || field === 'roleArn'),
  };
  return Object.freeze(spec);
}
