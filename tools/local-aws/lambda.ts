import type { LambdaInvokeContext } from './lambda-handler.js';
import { ServiceError } from './service-error.js';
import {
  type HandlerContext,
  headerValue,
  type ServiceHandler,
  type ServiceRequest,
  type ServiceResponse,
} from './service-handler.js';
import { LOCAL_AWS_IDENTITY } from './services.js';
import type { RecordedInvocation } from './state.js';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const JSON_HEADERS = { 'content-type': 'application/json' } as const;

interface FunctionTarget {
  readonly functionName: string;
  readonly qualifier: string | undefined;
}

/** Accepts a name, `name:qualifier`, a partial ARN or a full ARN, as the real service does. */
const targetOf = (request: ServiceRequest): FunctionTarget => {
  const encoded = INVOKE_PATH.exec(request.url.pathname)?.[1] ?? '';
  const identifier = decodeURIComponent(encoded);
  const afterFunction = identifier.includes(':function:')
    ? identifier.slice(identifier.indexOf(':function:') + ':function:'.length)
    : identifier;
  const [functionName = '', arnQualifier] = afterFunction.split(':');
  return { functionName, qualifier: request.url.searchParams.get('Qualifier') ?? arnQualifier };
};

const parsePayload = (request: ServiceRequest): unknown => {
  if (request.body.length === 0) {
    return {};
  }
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch (error) {
    throw new ServiceError(
      400,
      'InvalidRequestContentException',
      'Could not parse request body into json',
      {
        cause: error,
      },
    );
  }
};

const describeError = (error: unknown) => ({
  errorType: error instanceof Error ? error.name : 'Error',
  errorMessage: error instanceof Error ? error.message : String(error),
});

/** Runs the handler and records the invocation, whatever the handler does. */
const runHandler = async (
  context: HandlerContext,
  invoke: LambdaInvokeContext,
  payload: unknown,
): Promise<RecordedInvocation> => {
  const handler = context.functions.get(invoke.functionName);
  const base = {
    functionName: invoke.functionName,
    qualifier: invoke.qualifier,
    invocationType: invoke.invocationType,
    payload,
  };
  let invocation: RecordedInvocation;
  try {
    invocation = { ...base, result: await handler?.(payload, invoke) };
  } catch (error) {
    invocation = { ...base, error: describeError(error) };
  }
  context.state.invocations.push(invocation);
  return invocation;
};

const invoke = async (
  request: ServiceRequest,
  context: HandlerContext,
): Promise<ServiceResponse> => {
  const { functionName, qualifier } = targetOf(request);
  if (!context.functions.has(functionName)) {
    const arn = `arn:aws:lambda:${LOCAL_AWS_IDENTITY.region}:${LOCAL_AWS_IDENTITY.accountId}:function:${functionName}`;
    throw new ServiceError(404, 'ResourceNotFoundException', `Function not found: ${arn}`);
  }
  const invocationType = headerValue(request, 'x-amz-invocation-type') ?? 'RequestResponse';
  const payload = parsePayload(request);
  const invokeContext = {
    functionName,
    qualifier,
    invocationType,
    awsRequestId: request.requestId,
  };
  const headers = { ...JSON_HEADERS, 'x-amz-executed-version': qualifier ?? '$LATEST' };
  switch (invocationType) {
    case 'DryRun':
      return { status: 204, headers };
    case 'Event':
      // Asynchronous invocations are queued, not awaited: the caller only learns they were accepted.
      void runHandler(context, invokeContext, payload);
      return { status: 202, headers };
    case 'RequestResponse': {
      const { result, error } = await runHandler(context, invokeContext, payload);
      if (error !== undefined) {
        return {
          status: 200,
          headers: { ...headers, 'x-amz-function-error': 'Unhandled' },
          body: JSON.stringify({ ...error, trace: [] }),
        };
      }
      return { status: 200, headers, body: JSON.stringify(result ?? null) };
    }
    default:
      throw new ServiceError(
        400,
        'InvalidParameterValueException',
        `Unknown InvocationType ${invocationType}.`,
      );
  }
};

/**
 * Lambda's Invoke over REST-JSON, served by JavaScript handlers registered in `functions`. A
 * handler that throws produces an `Unhandled` function error, which is a 200 response.
 */
export const createLambdaHandler = (context: HandlerContext): ServiceHandler => ({
  requestIdHeader: 'x-amzn-requestid',

  actionOf: (request) =>
    request.method === 'POST' && INVOKE_PATH.test(request.url.pathname) ? 'Invoke' : 'Unknown',

  handle(request, action) {
    if (action !== 'Invoke') {
      throw new ServiceError(
        501,
        'NotImplemented',
        'The local endpoint implements only Lambda Invoke.',
      );
    }
    return invoke(request, context);
  },

  renderError(error) {
    return {
      status: error.status,
      headers: { ...JSON_HEADERS, 'x-amzn-errortype': error.code },
      body: JSON.stringify({
        Type: error.senderFault ? 'User' : 'Service',
        message: error.message,
      }),
    };
  },
});
