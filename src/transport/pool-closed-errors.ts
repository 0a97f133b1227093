import { ClientCacheError } from '../errors.js';

/** The header in which the SDK's retry middleware numbers each attempt of one call. */
export const ATTEMPT_HEADER = 'amz-sdk-request';

/**
 * The error of an attempt that the closed pool refused before any byte of it
 * was written. An earlier attempt of the same call (the SDK retrying a request
 * that a socket error cut) may have reached the server, and the message says so.
 */
export function notSentError(attemptHeader: unknown): ClientCacheError {
  const attempt = /attempt=(\d+)/.exec(String(attemptHeader ?? ''))?.[1];
  if (attempt === undefined || Number(attempt) <= 1) {
    return new ClientCacheError(
      'The client cache was destroyed; this request was not sent (its connection pool sends no more requests)',
    );
  }
  return new ClientCacheError(
    `The client cache was destroyed; attempt ${attempt} of this request was not sent, and an earlier attempt may have reached the server`,
  );
}

/**
 * The error of a request cut by the end of the close grace period, after it was
 * written. A `ClientCacheError` carries no network error code, so the SDK does
 * not retry it.
 */
export function cutError(): ClientCacheError {
  return new ClientCacheError(
    'The client cache was destroyed while this request was in flight; it may have reached the server',
  );
}
