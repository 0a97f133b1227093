import { ClientCacheConfigError } from '../errors.js';
import type { ClientCacheConfig } from './client-cache-config.js';
import { describeValue } from './describe-value.js';
import { checkInteger } from './parse-setting.js';

// Commercial, China, GovCloud and the isolated partitions.
const ROLE_ARN =
  /^arn:aws(?:-cn|-us-gov|-iso(?:-[bef])?|-eusc)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const PROFILE = /^[^\s:]{1,128}$/;
/** The largest instant a `Date` can hold. */
const MAX_DATE_MS = 8.64e15;

function fail(field: string, message: string): never {
  throw new ClientCacheConfigError(field, message);
}

function checkString(field: string, value: unknown, pattern: RegExp, allowed: string): void {
  if (typeof value !== 'string' || !pattern.test(value)) {
    fail(field, `\`${field}\` must be ${allowed}, got ${describeValue(value)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** An object literal (or `Object.create(null)`), not a class instance, Map or array. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function checkCredentials(credentials: unknown): void {
  if (typeof credentials === 'function') return;
  const allowed =
    '`credentials` must be a provider function or { accessKeyId, secretAccessKey, sessionToken?, expiration? }';
  if (!isObject(credentials)) fail('credentials', `${allowed}, got ${typeof credentials}`);
  // Values are never echoed: these fields are secrets.
  if (typeof credentials.accessKeyId !== 'string' || credentials.accessKeyId === '') {
    fail('credentials', `${allowed}; \`accessKeyId\` is missing or not a string`);
  }
  if (typeof credentials.secretAccessKey !== 'string' || credentials.secretAccessKey === '') {
    fail('credentials', `${allowed}; \`secretAccessKey\` is missing or not a string`);
  }
  const { sessionToken, expiration } = credentials;
  if (sessionToken !== undefined && typeof sessionToken !== 'string') {
    fail('credentials', `${allowed}; \`sessionToken\` is not a string`);
  }
  const expiresAt = expiration instanceof Date ? expiration.getTime() : expiration;
  if (
    expiresAt !== undefined &&
    !(typeof expiresAt === 'number' && Math.abs(expiresAt) <= MAX_DATE_MS)
  ) {
    fail('credentials', `${allowed}; \`expiration\` must be a valid Date or epoch milliseconds`);
  }
}

function checkRoleOnly(config: ClientCacheConfig, field: keyof ClientCacheConfig): void {
  if (config[field] !== undefined && config.roleArn === undefined) {
    fail(field, `\`${field}\` only applies with \`roleArn\`, which is not set`);
  }
}

/**
 * Validates a getter's config on a miss, before anything is built. Throws
 * `ClientCacheConfigError` naming the field, showing the value unless it may
 * be secret, and saying what is allowed.
 */
export function validateClientConfig(config: unknown): asserts config is ClientCacheConfig {
  if (!isPlainObject(config)) {
    fail('config', `the getter config must be a plain object, got ${describeValue(config)}`);
  }
  const { region, roleArn, roleSessionName, externalId, durationSeconds, profile } = config;
  if (region !== undefined) checkString('region', region, REGION, 'an AWS region like "us-east-1"');
  if (roleArn !== undefined) {
    checkString(
      'roleArn',
      roleArn,
      ROLE_ARN,
      'an IAM role ARN like "arn:aws:iam::123456789012:role/Name"',
    );
  }
  if (roleSessionName !== undefined) {
    checkString(
      'roleSessionName',
      roleSessionName,
      SESSION_NAME,
      '2 to 64 characters of [\\w+=,.@-]',
    );
  }
  if (
    externalId !== undefined &&
    (typeof externalId !== 'string' || !EXTERNAL_ID.test(externalId))
  ) {
    fail(
      'externalId',
      '`externalId` must be 2 to 1224 characters of [\\w+=,.@:/-] (value not shown)',
    );
  }
  if (durationSeconds !== undefined)
    checkInteger('durationSeconds', durationSeconds, { min: 900, max: 43_200 });
  if (profile !== undefined) {
    checkString('profile', profile, PROFILE, 'a profile name without spaces or colons');
    // "none" is what the key writes for "no profile"; allowing it would make two configs share a key.
    if (profile === 'none')
      fail('profile', '`profile` must not be "none", which the cache key reserves');
  }
  checkRoleOnly(config, 'roleSessionName');
  checkRoleOnly(config, 'externalId');
  checkRoleOnly(config, 'durationSeconds');
  if (config.credentials !== undefined) checkCredentials(config.credentials);
  const { additionalConfig } = config;
  if (
    additionalConfig !== undefined &&
    (!isObject(additionalConfig) || Array.isArray(additionalConfig))
  ) {
    fail(
      'additionalConfig',
      `\`additionalConfig\` must be an object, got ${describeValue(additionalConfig)}`,
    );
  }
}
