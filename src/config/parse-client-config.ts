import { ClientCacheConfigError } from '../errors.js';
import {
  CLIENT_CACHE_CONFIG_KEYS,
  type ClientCacheConfig,
  type CredentialProvider,
} from './client-cache-config.js';
import { copyConfigValue } from './copy-config-value.js';
import { describeValue } from './describe-value.js';
import {
  EXTERNAL_ID_PATTERN,
  MAX_DATE_MS,
  PROFILE_PATTERN,
  REGION_PATTERN,
  ROLE_ARN_PATTERN,
  ROLE_DURATION_SECONDS,
  ROLE_SESSION_NAME_PATTERN,
} from './limits.js';
import { checkInteger } from './parse-setting.js';
import { type FrozenIdentity, toSdkIdentity } from './sdk-identity.js';

export type { FrozenIdentity } from './sdk-identity.js';

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
  /** True when only `region` and `roleArn` may be set: the hit index serves these. */
  readonly simple: boolean;
}

const KNOWN = new Set<string>(CLIENT_CACHE_CONFIG_KEYS);

function fail(field: string, message: string): never {
  throw new ClientCacheConfigError(field, message);
}

/** True for an object literal or `Object.create(null)`: an identity must be one. */
function hasPlainPrototype(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * True for a config object: one whose `constructor` is `Object` (a literal,
 * or one made with `Object.create` from another plain object, whose
 * enumerable fields `for...in` visits too), or one without a prototype.
 * The hit path applies the same `constructor` test, so a warm and a cold
 * cache accept and reject alike; a class instance is refused on both.
 */
function isConfigObject(value: object): boolean {
  return (
    (value as { constructor?: unknown }).constructor === Object ||
    Object.getPrototypeOf(value) === null
  );
}

/**
 * Reads a config the one way the cache ever reads one: its enumerable
 * fields, own or inherited (`for...in`, as the hit path does), each read
 * exactly once. A
 * non-enumerable or Proxy-hidden field is not part of the config on either
 * path, so it can neither be used by a miss nor skipped by a hit.
 */
function readFields(config: object): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const field in config) {
    if (!KNOWN.has(field)) {
      fail(
        field,
        `\`${field}\` is not a ClientCacheConfig option; allowed: ${CLIENT_CACHE_CONFIG_KEYS.join(', ')}`,
      );
    }
    const value = (config as Record<string, unknown>)[field];
    if (value !== undefined) fields.set(field, value);
  }
  return fields;
}

function checkString(field: string, value: unknown, pattern: RegExp, allowed: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    fail(field, `\`${field}\` must be ${allowed}, got ${describeValue(value)}`);
  }
  return value;
}

function optionalString(field: string, name: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return fail(field, `${IDENTITY_SHAPE}; \`${name}\` is not a string`);
}

const IDENTITY_SHAPE =
  '`credentials` must be a provider function or { accessKeyId, secretAccessKey, sessionToken?, expiration?, accountId?, credentialScope? }';

/** Copies an identity field by field, once; values are never echoed, they are secrets. */
function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object')
    return Array.isArray(value) ? 'an array' : 'an object of another class';
  return `a ${typeof value}`;
}

function copyIdentity(
  credentials: unknown,
  field = 'credentials',
): FrozenIdentity | CredentialProvider {
  if (typeof credentials === 'function') return credentials as CredentialProvider;
  if (typeof credentials !== 'object' || credentials === null || !hasPlainPrototype(credentials)) {
    // Never described by value: a string here is most likely the secret itself.
    return fail(field, `${IDENTITY_SHAPE}, got ${describeKind(credentials)}`);
  }
  const { accessKeyId, secretAccessKey, sessionToken, expiration, accountId, credentialScope } =
    credentials as Record<keyof FrozenIdentity, unknown>;
  if (typeof accessKeyId !== 'string' || accessKeyId === '') {
    fail(field, `${IDENTITY_SHAPE}; \`accessKeyId\` is missing or not a string`);
  }
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') {
    fail(field, `${IDENTITY_SHAPE}; \`secretAccessKey\` is missing or not a string`);
  }
  const expiresAt = expiration instanceof Date ? expiration.getTime() : expiration;
  if (
    expiresAt !== undefined &&
    !(typeof expiresAt === 'number' && Math.abs(expiresAt) <= MAX_DATE_MS)
  ) {
    fail(
      'credentials',
      `${IDENTITY_SHAPE}; \`expiration\` must be a valid Date or epoch milliseconds`,
    );
  }
  return Object.freeze({
    accessKeyId,
    secretAccessKey,
    sessionToken: optionalString(field, 'sessionToken', sessionToken),
    expiration: expiresAt as number | undefined,
    accountId: optionalString(field, 'accountId', accountId),
    credentialScope: optionalString(field, 'credentialScope', credentialScope),
  });
}

function copyAdditionalConfig(value: unknown): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('additionalConfig', `\`additionalConfig\` must be an object, got ${describeValue(value)}`);
  }
  const copy = copyConfigValue(value) as Record<string, unknown>;
  // Identities given here are checked and normalised like `credentials`
  // (epoch-ms expirations included): the SDK would only fail at `send`.
  const { credentials } = copy;
  if (credentials !== undefined && typeof credentials !== 'function') {
    const identity = copyIdentity(credentials, 'additionalConfig');
    if (typeof identity !== 'function') copy.credentials = toSdkIdentity(identity);
  }
  return copy;
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
  const get = (field: keyof ClientCacheConfig): unknown => fields.get(field);
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
  const spec: ClientSpec = {
    region:
      region === undefined
        ? undefined
        : checkString('region', region, REGION_PATTERN, 'an AWS region like "us-east-1"'),
    roleArn:
      roleArn === undefined
        ? undefined
        : checkString(
            'roleArn',
            roleArn,
            ROLE_ARN_PATTERN,
            'an IAM role ARN like "arn:aws:iam::123456789012:role/Name"',
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
    credentials: fields.has('credentials') ? copyIdentity(get('credentials')) : undefined,
    additionalConfig: fields.has('additionalConfig')
      ? copyAdditionalConfig(get('additionalConfig'))
      : undefined,
    simple: [...fields.keys()].every((field) => field === 'region' || field === 'roleArn'),
  };
  return Object.freeze(spec);
}
