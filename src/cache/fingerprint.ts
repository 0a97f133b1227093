import { hash, randomBytes } from 'node:crypto';
import { isDataObject } from '../config/is-config-object.js';
import type { FrozenIdentity } from '../config/sdk-identity.js';

// The one piece of module state outside the default cache: a random key per
// process, so a fingerprint that shows up somewhere cannot be checked offline
// against a guessed secret. Sharing it across cache instances leaks nothing.
let processKey: string | undefined;

/**
 * A short one-way digest under the process key: SHA-256 of the key (64 hex
 * characters, a fixed length) followed by the text. Not HMAC: nothing ever
 * verifies a fingerprint, and one cut to 16 hex digits withholds the hash
 * state a length extension would need; one-shot `hash` costs a keyed call a
 * fraction of what `createHmac` did, most of all on Node 24 (SECURITY.md,
 * BENCHMARKS.md P4).
 */
function digest(text: string): string {
  processKey ??= randomBytes(32).toString('hex');
  return hash('sha256', processKey + text, 'hex').slice(0, 16);
}

/**
 * One cache's fingerprints of what a key may not show in clear: credentials,
 * external ids and `additionalConfig`. Functions and class instances are
 * fingerprinted by identity, through a weak memo. Nothing secret is
 * memoised: a memo keyed by the text of credentials, an external id or an
 * `additionalConfig` (which may hold credentials) would keep that secret in
 * memory after every client built from it had left.
 */
export class KeyFingerprints {
  #nextReferenceId = 0;
  readonly #referenceIds = new WeakMap<object, number>();

  /** Fingerprints a copied identity (all six fields) or a provider (by identity). */
  credentials(credentials: FrozenIdentity | (() => unknown)): string {
    if (typeof credentials === 'function') return `provider-${this.#referenceId(credentials)}`;
    const { accessKeyId, secretAccessKey, sessionToken, expiration, accountId, credentialScope } =
      credentials;
    return digest(
      JSON.stringify([
        accessKeyId,
        secretAccessKey,
        sessionToken,
        expiration,
        accountId,
        credentialScope,
      ]),
    );
  }

  /** Fingerprints a copied `additionalConfig`; it may hold credentials, so never in clear. */
  config(config: unknown): string {
    return this.text(this.#canonical(config));
  }

  /** Fingerprints a value that is not shown in clear (an external id). */
  text(text: string): string {
    return digest(text);
  }

  #referenceId(value: object): number {
    let id = this.#referenceIds.get(value);
    if (id === undefined) {
      id = ++this.#nextReferenceId;
      this.#referenceIds.set(value, id);
    }
    return id;
  }

  /**
   * A canonical text for a copied config value: plain objects with sorted
   * keys, so key order does not matter; `undefined` kept, since
   * `{ a: undefined }` overrides a default where `{}` does not; a `Date` by
   * its time; anything else by identity. The copy has no cycles.
   */
  #canonical(value: unknown): string {
    if (value === undefined) return 'u';
    if (value === null || typeof value === 'boolean' || typeof value === 'number') {
      return String(value);
    }
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof Date) return `D${value.getTime()}`;
    // The parser copies a URL (an `endpoint.url`) by its text: the same text is the same key.
    if (value instanceof URL) return `U${JSON.stringify(value.href)}`;
    if (typeof value === 'function' || !(Array.isArray(value) || isDataObject(value))) {
      return `#${this.#referenceId(value)}`;
    }
    if (Array.isArray(value)) return `[${value.map((item) => this.#canonical(item)).join(',')}]`;
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${this.#canonical(record[key])}`)
      .join(',')}}`;
  }
}
