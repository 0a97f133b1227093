import { ServiceError } from './service-error.js';
import { headerValue, type ServiceHandler, type ServiceRequest } from './service-handler.js';

/** One JSON 1.1 operation: the parsed request document in, the response document out. */
export type JsonOperation = (input: Record<string, unknown>, request: ServiceRequest) => unknown;

/** How a JSON 1.1 service is addressed and what it can do. */
export interface JsonServiceDefinition {
  /** The part of `X-Amz-Target` before the dot, such as `AWSEvents`. */
  readonly targetPrefix: string;
  readonly operations: Readonly<Record<string, JsonOperation>>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';

const parseDocument = (request: ServiceRequest): Record<string, unknown> => {
  const text = request.body.toString('utf8');
  try {
    const document: unknown = text === '' ? {} : JSON.parse(text);
    if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
      return document as Record<string, unknown>;
    }
  } catch (error) {
    throw new ServiceError(400, 'SerializationException', 'The request body is not valid JSON.', {
      cause: error,
    });
  }
  throw new ServiceError(400, 'SerializationException', 'The request body must be a JSON object.');
};

/**
 * The AWS JSON 1.1 protocol shared by EventBridge and Cost Explorer: `POST /` with the operation
 * in `X-Amz-Target`, JSON documents both ways, errors named by `__type`.
 */
export const createJsonServiceHandler = (definition: JsonServiceDefinition): ServiceHandler => ({
  requestIdHeader: 'x-amzn-requestid',

  actionOf(request) {
    const [prefix, operation] = (headerValue(request, 'x-amz-target') ?? '').split('.');
    return prefix === definition.targetPrefix && operation ? operation : 'Unknown';
  },

  async handle(request, action) {
    const operation = definition.operations[action];
    if (operation === undefined) {
      throw new ServiceError(400, 'UnknownOperationException', `Unknown operation ${action}.`);
    }
    const output = await operation(parseDocument(request), request);
    return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify(output) };
  },

  renderError(error) {
    return {
      status: error.status,
      headers: { 'content-type': CONTENT_TYPE, 'x-amzn-errortype': error.code },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  },
});
