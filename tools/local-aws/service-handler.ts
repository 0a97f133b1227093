import type { IncomingHttpHeaders } from 'node:http';
import type { FaultInjector } from './faults.js';
import type { LambdaHandler } from './lambda-handler.js';
import type { ServiceError } from './service-error.js';
import type { LocalAwsSettings } from './settings.js';
import type { LocalAwsState } from './state.js';
import type { StatsRecorder } from './stats.js';

/** A fully received request, as a service handler sees it. */
export interface ServiceRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly requestId: string;
}

/** A response in the service's wire format, ready to write. */
export interface ServiceResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
}

/** One AWS service's protocol: how to name, answer and fail a request. */
export interface ServiceHandler {
  /** The header that carries the request id on every response, success or error. */
  readonly requestIdHeader: string;
  /** The operation name, such as `PutObject`, used for request counters. */
  actionOf(request: ServiceRequest): string;
  /** Answers the request, or throws a `ServiceError`. */
  handle(request: ServiceRequest, action: string): ServiceResponse | Promise<ServiceResponse>;
  /**
   * Called once per received request, before faults apply, for counters that need the request
   * itself (AssumeRole calls per role ARN).
   */
  onReceived?(request: ServiceRequest, action: string): void;
  /** Renders an error the way the service's protocol carries errors. */
  renderError(error: ServiceError, request: ServiceRequest): ServiceResponse;
}

/** What the service handlers share. */
export interface HandlerContext {
  readonly state: LocalAwsState;
  readonly stats: StatsRecorder;
  readonly faults: FaultInjector;
  readonly functions: ReadonlyMap<string, LambdaHandler>;
  readonly settings: Readonly<LocalAwsSettings>;
  readonly now: () => number;
}

/** The value of a header that appears once, or undefined. */
export const headerValue = (request: ServiceRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
