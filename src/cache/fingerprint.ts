import { createHmac, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { CredentialIdentity } from '../config/client-cache-config.js';
import { ClientCacheConfigError } from '../errors.js';

let processKey: Buffer | undefined;

/**
 * A short one-way digest. Keyed per process, so a fingerprint that shows up
 * somewhere cannot be checked offline against a guessed secret.
 */
function digest(text: string): string {
  processKey ??= randomBytes(32);
  return createHmac('sha256', processKey).update(text).digest('hex').slice(0, 16);
}

let nextReferenceId = 0;
const referenceIds = new WeakMap<object, number>();

/** Functions and class instances are compared by identity, not by content. */
function referenceId(value: object): number {
  let id = referenceIds.get(value);
  if (id === undefined) {
    id = ++nextReferenceId;
    referenceIds.set(value, id);
  }
  return id;
}

interface CredentialFingerprint {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
  /** Milliseconds, so a `Date` changed in place with `setTime` is noticed too. */
  readonly expiration: number | undefined;
  readonly fingerprint: string;
}

// Remembered per identity object, and checked field by field on every use,
// because callers do overwrite a credentials object in place on rotation.
const credentialFingerprints = new WeakMap<object, CredentialFingerprint>();

export function fingerprintCredentials(credentials: CredentialIdentity | (() => unknown)): string {
  if (typeof credentials === 'function') return `provider-${referenceId(credentials)}`;
  // Malformed input gets a key of its own; validation rejects it on the miss.
  if (typeof credentials !== 'object' || credentials === null) return 'malformed';
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  const expiration =
    credentials.expiration instanceof Date
      ? credentials.expiration.getTime()
      : credentials.expiration;
  const known = credentialFingerprints.get(credentials);
  if (
    known !== undefined &&
    known.accessKeyId === accessKeyId &&
    known.secretAccessKey === secretAccessKey &&
    known.sessionToken === sessionToken &&
    known.expiration === expiration
  ) {
    return known.fingerprint;
  }
  const fingerprint = digest(
    JSON.stringify([accessKeyId, secretAccessKey, sessionToken, expiration]),
  );
  credentialFingerprints.set(credentials, {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration,
    fingerprint,
  });
  return fingerprint;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A canonical text for a config value: plain objects with sorted keys, so
 * key order does not matter; `undefined` kept, since `{ a: undefined }`
 * overrides a default where `{}` does not; anything else by identity.
 */
function canonical(value: unknown, path: Set<object>): string {
  if (value === undefined) return 'u';
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' && typeof value !== 'function') return `#${String(value)}`;
  if (typeof value === 'function' || !(Array.isArray(value) || isPlainObject(value))) {
    return `#${referenceId(value)}`;
  }
  if (path.has(value)) {
    throw new ClientCacheConfigError(
      'additionalConfig',
      '`additionalConfig` must not contain a reference cycle',
    );
  }
  path.add(value);
  const text = Array.isArray(value)
    ? `[${value.map((item) => canonical(item, path)).join(',')}]`
    : `{${Object.keys(value)
        .sort()
        .map(
          (key) =>
            `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key], path)}`,
        )
        .join(',')}}`;
  path.delete(value);
  return text;
}

// Keyed by canonical text rather than object identity, so a fresh literal per
// call still skips the HMAC. Bounded: it is a memo, not state.
const configFingerprints = new LRUCache<string, string>({ max: 256 });

/** Fingerprints `additionalConfig`; it may hold credentials, so it is never shown in clear. */
export function fingerprintConfig(config: unknown): string {
  const text = canonical(config, new Set());
  let fingerprint = configFingerprints.get(text);
  if (fingerprint === undefined) {
    fingerprint = digest(text);
    configFingerprints.set(text, fingerprint);
  }
  return fingerprint;
}

/** Fingerprints a value that is not a secret but should not be shown either (an external id). */
export function fingerprintText(text: unknown): string {
  return digest(String(text));
}
