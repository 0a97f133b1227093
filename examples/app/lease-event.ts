import { ROLE_ARN } from './config.js';
import { LeaseCostsInputError } from './errors.js';

/** What the scheduler sends when a lease has ended (the original app's scheduler payload). */
export interface LeaseEndedEvent {
  /** The lease's UUID. */
  readonly leaseId: string;
  readonly userEmail: string;
  /** The sandbox account the lease used. */
  readonly accountId: string;
  /** When the lease ended, ISO 8601. */
  readonly leaseEndTimestamp: string;
  /**
   * The Cost Explorer role of the organisation the account belongs to, for deployments that serve
   * several organisations. Default: `COST_EXPLORER_ROLE_ARN`.
   */
  readonly costExplorerRoleArn?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[\w.%+-]{1,64}@[A-Za-z0-9.-]{1,189}\.[A-Za-z]{2,}$/;
const DAY_MS = 86_400_000;

const FIELDS: ReadonlyArray<[keyof LeaseEndedEvent, string, (value: unknown) => boolean]> = [
  ['leaseId', 'a UUID', (v) => typeof v === 'string' && UUID.test(v)],
  ['userEmail', 'an email address', (v) => typeof v === 'string' && EMAIL.test(v)],
  ['accountId', '12 digits', (v) => typeof v === 'string' && /^\d{12}$/.test(v)],
  [
    'leaseEndTimestamp',
    'an ISO 8601 timestamp',
    (v) => typeof v === 'string' && v.length <= 30 && !Number.isNaN(Date.parse(v)),
  ],
  [
    'costExplorerRoleArn',
    'an IAM role ARN',
    (v) => v === undefined || (typeof v === 'string' && ROLE_ARN.test(v)),
  ],
];

/**
 * Checks the incoming event field by field; unknown fields are dropped, so nothing the scheduler
 * adds later reaches the report by accident.
 */
export function parseLeaseEndedEvent(event: unknown): LeaseEndedEvent {
  const input = (typeof event === 'object' && event !== null ? event : {}) as Record<
    string,
    unknown
  >;
  for (const [field, allowed, isValid] of FIELDS) {
    if (!isValid(input[field])) {
      throw new LeaseCostsInputError(
        field,
        `\`${field}\` must be ${allowed}, got "${String(input[field]).slice(0, 100)}"`,
      );
    }
  }
  const { leaseId, userEmail, accountId, leaseEndTimestamp, costExplorerRoleArn } =
    input as unknown as LeaseEndedEvent;
  return Object.freeze({
    leaseId,
    userEmail,
    accountId,
    leaseEndTimestamp,
    ...(costExplorerRoleArn === undefined ? {} : { costExplorerRoleArn }),
  });
}

const utcDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

/**
 * The Cost Explorer window of a lease: whole UTC days from the day it started through the day it
 * ended, the end exclusive as Cost Explorer wants it.
 *
 * @example
 * billingWindow('2026-01-05T09:00:00Z', '2026-01-19T17:30:00Z')
 * // { startDate: '2026-01-05', endDate: '2026-01-20' }
 */
export function billingWindow(
  leaseStart: string,
  leaseEnd: string,
): { startDate: string; endDate: string } {
  const start = Date.parse(leaseStart);
  const end = Date.parse(leaseEnd);
  if (Number.isNaN(start) || start >= end) {
    throw new LeaseCostsInputError(
      'startDate',
      `the lease's \`startDate\` must be a timestamp before its end (${leaseEnd}), got "${leaseStart}"`,
    );
  }
  return { startDate: utcDate(start), endDate: utcDate(end + DAY_MS) };
}
