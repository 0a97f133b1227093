/**
 * The demo's world: sandbox accounts spread over organisations (one Cost Explorer role each),
 * leases derived from their index, and a stand-in for the sandbox API's leases function. Both the
 * endpoint (which answers for the API) and the workload (which sends lease-end events) derive the
 * same lease from the same index, so they agree without sharing state across processes.
 */
import type { LeaseEndedEvent } from '../app/lease-event.js';

/** The function name the app invokes, as the tail of `ISB_LEASES_LAMBDA_ARN`. */
export const LEASES_FUNCTION_NAME = 'leases';

/** The app's settings in the demo and in tests; S3 needs path style on 127.0.0.1. */
export const DEMO_APP_ENV = Object.freeze({
  EVENT_BUS_NAME: 'isb-events',
  S3_BUCKET_NAME: 'lease-costs-reports',
  COST_EXPLORER_ROLE_ARN: demoRoleArn(0),
  ISB_LEASES_LAMBDA_ARN: `arn:aws:lambda:us-east-1:123456789012:function:${LEASES_FUNCTION_NAME}`,
  S3_FORCE_PATH_STYLE: 'true',
});

const ACCOUNT_IDS = [
  '210987654321',
  '310987654321',
  '410987654321',
  '510987654321',
  '610987654321',
  '710987654321',
  '810987654321',
  '910987654321',
] as const;
const UUID_PREFIX = '7e57d000-0000-4000-8000-';
const FIRST_START_MS = Date.UTC(2026, 0, 5, 9);
const DAY_MS = 86_400_000;

/** The Cost Explorer role in organisation `org`'s management account. */
export function demoRoleArn(org: number): string {
  return `arn:aws:iam::${900_000_000_000 + org}:role/lease-costs-reader`;
}

const accountOf = (index: number): string => ACCOUNT_IDS[index % ACCOUNT_IDS.length] as string;
const startOf = (index: number): number => FIRST_START_MS + (index % 28) * DAY_MS;

/**
 * The lease-end event of lease `index`. Accounts belong to organisations by their position, so
 * each account always reports through the same role, of `roles` in all.
 */
export function demoLeaseEvent(index: number, roles: number): LeaseEndedEvent {
  const accountIndex = index % ACCOUNT_IDS.length;
  return {
    leaseId: `${UUID_PREFIX}${index.toString(16).padStart(12, '0')}`,
    userEmail: `user${index % 7}@example.org`,
    accountId: accountOf(index),
    leaseEndTimestamp: new Date(
      startOf(index) + 14 * DAY_MS + (index % 9) * 3_600_000,
    ).toISOString(),
    costExplorerRoleArn: demoRoleArn(accountIndex % roles),
  };
}

const apiResponse = (statusCode: number, body: object) => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * The sandbox API's `GET /leases/{leaseId}`, as a local Lambda function: it decodes the
 * base64url composite id and answers in JSend, 404 for a lease the demo never made.
 */
export function leasesFunction(event: unknown): unknown {
  const encoded = (event as { pathParameters?: { leaseId?: unknown } }).pathParameters?.leaseId;
  if (typeof encoded !== 'string') {
    return apiResponse(400, { status: 'fail', data: { leaseId: 'required' } });
  }
  const { userEmail, uuid } = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  const index =
    typeof uuid === 'string' && uuid.startsWith(UUID_PREFIX)
      ? Number.parseInt(uuid.slice(UUID_PREFIX.length), 16)
      : Number.NaN;
  if (Number.isNaN(index)) {
    return apiResponse(404, { status: 'fail', data: { leaseId: 'not found' } });
  }
  return apiResponse(200, {
    status: 'success',
    data: {
      uuid,
      userEmail,
      awsAccountId: accountOf(index),
      startDate: new Date(startOf(index)).toISOString(),
      status: 'Expired',
    },
  });
}
