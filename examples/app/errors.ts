/**
 * Every failure the lease-costs app raises on purpose is a `LeaseCostsError`, so the handler's
 * logs and any caller can tell them from SDK and network errors with one check. Messages name the
 * field or variable and say what is allowed.
 */
export class LeaseCostsError extends Error {
  override readonly name: string = 'LeaseCostsError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One or more environment variables are missing or malformed; all of them are named. */
export class AppConfigError extends LeaseCostsError {
  override readonly name: string = 'AppConfigError';
  /** The rejected variables, e.g. `['S3_BUCKET_NAME']`. */
  readonly variables: readonly string[];

  constructor(variables: readonly string[], message: string) {
    super(message);
    this.variables = variables;
  }
}

/** Input the app refuses before calling AWS: an event field, an S3 key, a duration, a query. */
export class LeaseCostsInputError extends LeaseCostsError {
  override readonly name: string = 'LeaseCostsInputError';
  /** The rejected field, e.g. `leaseEndTimestamp`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** The sandbox API's leases function failed, or answered with an error status. */
export class LeaseApiError extends LeaseCostsError {
  override readonly name: string = 'LeaseApiError';
  /** The API's HTTP status, when it answered with one. */
  readonly statusCode: number | undefined;
  /** Lambda's `FunctionError` (`Unhandled`, `Handled`), when the function itself failed. */
  readonly functionError: string | undefined;

  constructor(
    message: string,
    details: { statusCode?: number; functionError?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.statusCode = details.statusCode;
    this.functionError = details.functionError;
  }
}

/** The sandbox API has no such lease (HTTP 404). */
export class LeaseNotFoundError extends LeaseApiError {
  override readonly name: string = 'LeaseNotFoundError';
}

/** The leases function answered with something that is not a lease. */
export class MalformedLeaseResponseError extends LeaseApiError {
  override readonly name: string = 'MalformedLeaseResponseError';
}

/** Cost Explorer answered with data the report cannot be built from. */
export class MalformedCostDataError extends LeaseCostsError {
  override readonly name: string = 'MalformedCostDataError';
}

/** S3 answered an upload without the ETag every stored object has. */
export class ReportUploadError extends LeaseCostsError {
  override readonly name: string = 'ReportUploadError';
}

/** An entry EventBridge refused: PutEvents succeeds as a call even when its entries fail. */
export interface FailedEventEntry {
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** EventBridge refused the event (`FailedEntryCount` > 0), or accepted it without an id. */
export class EventPublishError extends LeaseCostsError {
  override readonly name: string = 'EventPublishError';
  readonly failedEntries: readonly FailedEventEntry[];

  constructor(message: string, failedEntries: readonly FailedEventEntry[]) {
    super(message);
    this.failedEntries = failedEntries;
  }
}
