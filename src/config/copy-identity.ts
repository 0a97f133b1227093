import { ClientCacheConfigError } from '../errors.js';
import type { CredentialProvider } from './client-cache-config.js';
import { describeValue } from './describe-value.js';
import { isDataObject } from './is-config-object.js';
import { MAX_DATE_MS } from './limits.js';
import type { FrozenIdentity } from './sdk-identity.js';

function fail(field: string, message: string): never {
  throw new ClientCacheConfigError(field, message);
}

const IDENTITY_FIELDS = [
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
  'expiration',
  'accountId',
  'credentialScope',
] as const;

function identityShape(field: string): string {
  return `\`${field}\` must be a provider function or { ${IDENTITY_FIELDS.join(', ')} } (the first two required)`;
}

function optionalString(field: string, name: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return fail(`${field}.${name}`, `${identityShape(field)}; \`${name}\` is not a string`);
}

/**
 * Copies an identity, once: its enumerable fields, own or inherited, as
 * every config object is read. Values are never echoed, they are secrets.
 */
export function copyIdentity(
  credentials: unknown,
  field: string,
): FrozenIdentity | CredentialProvider {
  if (typeof credentials === 'function') return credentials as CredentialProvider;
  if (typeof credentials !== 'object' || credentials === null || !isDataObject(credentials)) {
    return fail(field, `${identityShape(field)}, got ${describeValue(credentials)}`);
  }
  const read: Partial<Record<(typeof IDENTITY_FIELDS)[number], unknown>> = {};
  for (const name in credentials) {
    if ((IDENTITY_FIELDS as readonly string[]).includes(name)) {
      read[name as (typeof IDENTITY_FIELDS)[number]] = (credentials as Record<string, unknown>)[
        name
      ];
    }
  }
  const { accessKeyId, secretAccessKey, sessionToken, expiration, accountId, credentialScope } =
    read;
  if (typeof accessKeyId !== 'string' || accessKeyId === '') {
    fail(
      `${field}.accessKeyId`,
      `${identityShape(field)}; \`accessKeyId\` is missing or not a string`,
    );
  }
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') {
    fail(
      `${field}.secretAccessKey`,
      `${identityShape(field)}; \`secretAccessKey\` is missing or not a string`,
    );
  }
  const expiresAt = expiration instanceof Date ? expiration.getTime() : expiration;
  if (
    expiresAt !== undefined &&
    !(typeof expiresAt === 'number' && Math.abs(expiresAt) <= MAX_DATE_MS)
  ) {
    fail(
      `${field}.expiration`,
      `\`${field}.expiration\` must be a valid Date or epoch milliseconds, got ${describeValue(expiration)}`,
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
