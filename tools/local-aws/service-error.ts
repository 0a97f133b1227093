import type { ServiceName } from './services.js';

/**
 * An error the local endpoint answers with, in whatever wire format the service uses. Handlers
 * throw it; the server renders it through the service's protocol.
 */
export class ServiceError extends Error {
  /** HTTP status code of the response. */
  readonly status: number;
  /** AWS error code, such as `NoSuchKey` or `Throttling`. */
  readonly code: string;
  /** Whether AWS would blame the caller (`Sender`) rather than itself (`Receiver`). */
  readonly senderFault: boolean;

  constructor(status: number, code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceError';
    this.status = status;
    this.code = code;
    this.senderFault = status < 500;
  }
}

/** Status, code and message of an error response. */
export interface ServiceErrorShape {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/**
 * What each service really answers when it throttles. Each code is one the SDK's retry strategy
 * classifies as throttling, so tests can watch the SDK back off and retry.
 *
 * @example
 * THROTTLING_ERRORS.s3.code // 'SlowDown'
 */
export const THROTTLING_ERRORS = {
  sts: { status: 400, code: 'Throttling', message: 'Rate exceeded' },
  s3: { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
  eventbridge: { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' },
  costexplorer: {
    status: 400,
    code: 'LimitExceededException',
    message: 'You have exceeded the rate limit for this account.',
  },
  lambda: { status: 429, code: 'TooManyRequestsException', message: 'Rate Exceeded.' },
} as const satisfies Record<ServiceName, ServiceErrorShape>;

/** Codes each service uses for its own internal failures (HTTP 500). */
const INTERNAL_ERROR_CODES = {
  sts: 'InternalFailure',
  s3: 'InternalError',
  eventbridge: 'InternalException',
  costexplorer: 'InternalFailure',
  lambda: 'ServiceException',
} as const satisfies Record<ServiceName, string>;

/**
 * The error a service answers with for an injected 5xx status.
 *
 * @example
 * serverErrorFor('s3', 500).code // 'InternalError'
 */
export const serverErrorFor = (service: ServiceName, status: number): ServiceError =>
  status === 503
    ? new ServiceError(503, 'ServiceUnavailable', 'Service is unable to handle request.')
    : new ServiceError(status, INTERNAL_ERROR_CODES[service], 'We encountered an internal error.');

/** The throttling error of `service` as a throwable {@link ServiceError}. */
export const throttlingErrorFor = (service: ServiceName): ServiceError => {
  const { status, code, message } = THROTTLING_ERRORS[service];
  return new ServiceError(status, code, message);
};
