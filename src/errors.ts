/**
 * Every error the cache throws is a `ClientCacheError`, so a handler can tell
 * the cache's failures from the SDK's with one `instanceof` or `name` check.
 * Messages name the field and what is allowed, and never carry a secret.
 */
export class ClientCacheError extends Error {
  override readonly name: string = 'ClientCacheError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A setting, option or getter config is malformed. */
export class ClientCacheConfigError extends ClientCacheError {
  override readonly name: string = 'ClientCacheConfigError';
  /** The option key or env var that was rejected, e.g. `CLIENT_CACHE_MAX_ENTRIES`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Credentials are unusable: already expired, or a role could not be assumed. */
export class ClientCacheCredentialsError extends ClientCacheError {
  override readonly name: string = 'ClientCacheCredentialsError';
}
