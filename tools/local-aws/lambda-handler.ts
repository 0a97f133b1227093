/** What a registered Lambda handler receives besides the event. */
export interface LambdaInvokeContext {
  readonly functionName: string;
  /** The version or alias from the ARN or the `Qualifier` parameter, if any. */
  readonly qualifier: string | undefined;
  /** `RequestResponse` or `Event`. */
  readonly invocationType: string;
  readonly awsRequestId: string;
}

/**
 * A JavaScript function standing in for a deployed Lambda function. Its return value (awaited) is
 * the invocation's JSON result; throwing makes the invocation an `Unhandled` function error.
 *
 * @example
 * endpoint.functions.set('echo', async (event) => ({ echo: event }));
 */
export type LambdaHandler = (event: unknown, context: LambdaInvokeContext) => unknown;
