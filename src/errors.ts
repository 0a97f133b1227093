/**
 * Every error the cache throws is a `ClientCacheError`, so a handler can tell
 * the cache's failures from the SDK's with one `instanceof` or `name` check
 * (all but `ConnectionTimeoutError`, a request's own network failure).
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

/**
 * What is safe to keep of an SDK error as a `cause`: its name, message and
 * `$metadata` (status, request id, attempts). Not its hidden `$response`,
 * which holds the signed request and so the caller's own session token.
 */
export class UpstreamError extends Error {
  override readonly name: string;
  readonly $metadata: unknown;

  constructor(error: unknown) {
    const { name, message, $metadata } = (error ?? {}) as {
      name?: unknown;
      message?: unknown;
      $metadata?: unknown;
    };
    super(typeof message === 'string' ? message : String(error));
    this.name = typeof name === 'string' ? name : 'Error';
    this.$metadata = $metadata;
  }
}

/**
 * A new socket did not connect within `connectionTimeoutMs`. Not a
 * `ClientCacheError`: it is the request's network failure, shaped as the SDK's
 * retry knows a timeout (`name` `TimeoutError`, `code` `ETIMEDOUT`), so the SDK
 * retries it within the caller's `maxAttempts`, as it would Node's own.
 */
export class ConnectionTimeoutError extends Error {
  override readonly name: string = 'TimeoutError';
  readonly code = 'ETIMEDOUT';

  constructor(ms: number) {
    super(`The socket did not connect to the server within ${ms} ms (connection timeout)`);
  }
}

/** Credentials are unusable: already expired, or a role could not be assumed. */
export class ClientCacheCredentialsError extends ClientCacheError {
  override readonly name: string = 'ClientCacheCredentialsError';
}

/**
 * What a log line keeps of a caught error: its name and message, never its
 * fields (an SDK error's `$response` holds the signed request). Anything
 * thrown that is not an Error is logged as its string.
 */
export function errorLogShape(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
