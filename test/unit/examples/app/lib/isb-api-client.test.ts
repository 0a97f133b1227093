/**
 * Covers the app's sandbox API client (examples/app/lib/isb-api-client.ts) with the Lambda client mocked:
 * the lease id encoding, the request it sends, the lease it returns, and the typed error for each
 * way the leases function can fail.
 */
import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import {
  LeaseApiError,
  LeaseNotFoundError,
  MalformedLeaseResponseError,
} from '../../../../../examples/app/errors.js';
import { encodeLeaseId, getLeaseDetails } from '../../../../../examples/app/lib/isb-api-client.js';
import { useFreshCache } from '../../../../support/fresh-cache.js';
import { propertyParameters } from '../../../../support/property-run.js';

const lambda = mockClient(LambdaClient);
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:leases';
const LEASE_ID = { userEmail: 'ada@example.org', uuid: '550e8400-e29b-41d4-a716-446655440000' };
const LEASE = {
  uuid: LEASE_ID.uuid,
  userEmail: LEASE_ID.userEmail,
  awsAccountId: '210987654321',
  startDate: '2026-01-05T09:00:00.000Z',
  status: 'Expired',
};

/** The SDK hands payloads out as its Uint8Array subclass; the module only reads the bytes. */
const bytes = (text: string) => new TextEncoder().encode(text) as InvokeCommandOutput['Payload'];
const payload = (value: unknown) => bytes(JSON.stringify(value));
const apiAnswer = (statusCode: number, body: unknown) =>
  payload({ statusCode, body: JSON.stringify(body) });

useFreshCache();

beforeEach(() => {
  lambda.reset();
});

describe('encodeLeaseId', () => {
  it('encodes the composite key as unpadded base64url that decodes back to it', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.uuid(), (userEmail, uuid) => {
        // Act
        const encoded = encodeLeaseId({ userEmail, uuid });

        // Assess
        expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))).toEqual({
          userEmail,
          uuid,
        });
      }),
      propertyParameters(1000, 20261208),
    );
  });
});

describe('getLeaseDetails', () => {
  it('returns the lease from a JSend success and sends the encoded id in the path', async () => {
    // Prepare
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: apiAnswer(200, { status: 'success', data: LEASE }) });

    // Act
    const lease = await getLeaseDetails(LEASE_ID, FUNCTION_ARN);

    // Assess
    expect(lease).toEqual({
      uuid: LEASE.uuid,
      userEmail: LEASE.userEmail,
      accountId: '210987654321',
      startDate: LEASE.startDate,
      status: 'Expired',
    });
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input?.FunctionName).toBe(FUNCTION_ARN);
    const event = JSON.parse(Buffer.from(input?.Payload as Uint8Array).toString('utf8'));
    expect(event.path).toBe(`/leases/${encodeLeaseId(LEASE_ID)}`);
    expect(event.pathParameters).toEqual({ leaseId: encodeLeaseId(LEASE_ID) });
    expect(event.headers.Authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.directinvoke$/);
  });

  it('throws LeaseApiError naming the function error when the function itself fails', async () => {
    // Prepare
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: payload({ errorType: 'TypeError', errorMessage: 'boom' }),
    });

    // Act
    const failure = getLeaseDetails(LEASE_ID, FUNCTION_ARN);

    // Assess
    await expect(failure).rejects.toThrow(LeaseApiError);
    await expect(failure).rejects.toMatchObject({
      functionError: 'Unhandled',
      message: expect.stringContaining('TypeError: boom'),
    });
  });

  it('throws LeaseNotFoundError for a 404 from the API', async () => {
    // Prepare
    lambda.on(InvokeCommand).resolves({ Payload: apiAnswer(404, { status: 'fail' }) });

    // Act
    const failure = getLeaseDetails(LEASE_ID, FUNCTION_ARN);

    // Assess
    await expect(failure).rejects.toThrow(LeaseNotFoundError);
    await expect(failure).rejects.toMatchObject({ statusCode: 404 });
  });

  it('throws LeaseApiError with the status for any other error status', async () => {
    // Prepare
    lambda.on(InvokeCommand).resolves({ Payload: apiAnswer(503, { status: 'error' }) });

    // Act
    const failure = getLeaseDetails(LEASE_ID, FUNCTION_ARN);

    // Assess
    await expect(failure).rejects.toMatchObject({ name: 'LeaseApiError', statusCode: 503 });
  });

  it.each([
    ['no payload', undefined],
    ['a payload that is not JSON', bytes('<html>')],
    ['no statusCode', payload({ body: '{}' })],
    ['a body that is not JSON', payload({ statusCode: 200, body: 'not json' })],
    ['a JSend failure at 200', apiAnswer(200, { status: 'fail', data: {} })],
    [
      'a lease without an account',
      apiAnswer(200, { status: 'success', data: { ...LEASE, awsAccountId: undefined } }),
    ],
    [
      'a lease with a bad start date',
      apiAnswer(200, { status: 'success', data: { ...LEASE, startDate: 'soon' } }),
    ],
  ])('throws MalformedLeaseResponseError for %s', async (_case, answer) => {
    // Prepare
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: answer });

    // Act
    const failure = getLeaseDetails(LEASE_ID, FUNCTION_ARN);

    // Assess
    await expect(failure).rejects.toThrow(MalformedLeaseResponseError);
  });
});
