import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { getLambdaClient } from 'aws-client-cache/lambda';
import { LeaseApiError, LeaseNotFoundError, MalformedLeaseResponseError } from '../errors.js';

/** A lease, as the sandbox API keys it: the user and the lease's UUID. */
export interface LeaseId {
  readonly userEmail: string;
  readonly uuid: string;
}

/** What the report needs from the sandbox API's lease record. */
export interface LeaseDetails {
  readonly uuid: string;
  readonly userEmail: string;
  readonly accountId: string;
  /** When the lease started, ISO 8601. */
  readonly startDate: string;
  readonly status: string;
}

/**
 * The lease id the sandbox API takes in its path: the JSON composite key `{userEmail, uuid}`,
 * base64url-encoded without padding. The original app used standard base64, whose `/`, `+` and `=` are
 * not safe in a path segment; the API's decoder (Node's base64url) reads both alphabets, so
 * base64url works against old and new API versions alike.
 *
 * @example
 * encodeLeaseId({ userEmail: 'ada@example.org', uuid: '550e8400-e29b-41d4-a716-446655440000' })
 */
export function encodeLeaseId(leaseId: LeaseId): string {
  const composite = JSON.stringify({ userEmail: leaseId.userEmail, uuid: leaseId.uuid });
  return Buffer.from(composite, 'utf8').toString('base64url');
}

/**
 * The API's middleware reads the caller from a JWT it does not verify on direct invocation (the
 * Lambda resource policy is the authorisation), so the signature is a fixed marker.
 */
function serviceJwt(userEmail: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ user: { email: userEmail, roles: ['Admin'] } })}.directinvoke`;
}

/** An API Gateway proxy event for `GET /leases/{leaseId}`, which the leases function routes. */
function leaseRequest(leaseId: LeaseId): object {
  const encoded = encodeLeaseId(leaseId);
  const path = `/leases/${encoded}`;
  return {
    httpMethod: 'GET',
    path,
    resource: '/leases/{leaseId}',
    pathParameters: { leaseId: encoded },
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${serviceJwt(leaseId.userEmail)}`,
    },
    requestContext: { httpMethod: 'GET', path },
    body: null,
    isBase64Encoded: false,
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedLeaseResponseError(`The leases function returned ${what} that is not JSON`, {
      cause: error,
    });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The lease inside a JSend `{ status: 'success', data }` body, checked field by field. */
function leaseFrom(body: unknown): LeaseDetails {
  const data = isRecord(body) && body.status === 'success' ? body.data : undefined;
  if (!isRecord(data)) {
    throw new MalformedLeaseResponseError('The leases function returned no lease in its body');
  }
  const { uuid, userEmail, awsAccountId, accountId, startDate, status } = data;
  const account = accountId ?? awsAccountId;
  const problems = [
    typeof uuid === 'string' ? '' : '`uuid`',
    typeof userEmail === 'string' ? '' : '`userEmail`',
    typeof account === 'string' && /^\d{12}$/.test(account) ? '' : '`accountId` (12 digits)',
    typeof startDate === 'string' && !Number.isNaN(Date.parse(startDate)) ? '' : '`startDate`',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new MalformedLeaseResponseError(
      `The lease has a missing or malformed ${problems.join(', ')}`,
    );
  }
  return {
    uuid: uuid as string,
    userEmail: userEmail as string,
    accountId: account as string,
    startDate: startDate as string,
    status: typeof status === 'string' ? status : 'Unknown',
  };
}

/**
 * Fetches a lease from the sandbox API by invoking its leases function directly. A function
 * error, an error status or a payload that is not a lease each throw a typed `LeaseApiError`;
 * transport failures are retried by the client (the cached Lambda client: 3 attempts).
 *
 * @example
 * const lease = await getLeaseDetails({ userEmail, uuid }, process.env.ISB_LEASES_LAMBDA_ARN);
 */
export async function getLeaseDetails(
  leaseId: LeaseId,
  functionName: string,
  client: Pick<LambdaClient, 'send'> = getLambdaClient(),
): Promise<LeaseDetails> {
  const output = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: Buffer.from(JSON.stringify(leaseRequest(leaseId))),
    }),
  );
  const text = output.Payload === undefined ? '' : Buffer.from(output.Payload).toString('utf8');
  if (output.FunctionError !== undefined) {
    const failure = text === '' ? undefined : parseJson(text, 'an error');
    const reason = isRecord(failure)
      ? `${failure.errorType}: ${failure.errorMessage}`
      : 'no reason';
    throw new LeaseApiError(`The leases function failed (${output.FunctionError}): ${reason}`, {
      functionError: output.FunctionError,
    });
  }
  if (text === '') throw new MalformedLeaseResponseError('The leases function returned nothing');
  const response = parseJson(text, 'a payload');
  const statusCode = isRecord(response) ? response.statusCode : undefined;
  if (typeof statusCode !== 'number' || !isRecord(response)) {
    throw new MalformedLeaseResponseError('The leases function returned no `statusCode`');
  }
  if (statusCode === 404) {
    throw new LeaseNotFoundError(`The sandbox API has no lease ${leaseId.uuid}`, { statusCode });
  }
  if (statusCode !== 200) {
    throw new LeaseApiError(`The sandbox API answered ${statusCode} for lease ${leaseId.uuid}`, {
      statusCode,
    });
  }
  const body =
    typeof response.body === 'string' ? parseJson(response.body, 'a body') : response.body;
  return leaseFrom(body);
}
