import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { getEventBridgeClient } from 'aws-client-cache/eventbridge';
import { EventPublishError, LeaseCostsInputError } from '../errors.js';

/** The envelope of the event, which consumers' rules match on. */
export const LeaseCostsEvent = {
  Source: 'isb-costs',
  DetailType: 'LeaseCostsGenerated',
} as const;

/**
 * The event's detail: a public contract, so fields are only ever added, never renamed. `csvUrl`
 * is the original app's presigned link; the object's location and checksum came later, for consumers that
 * fetch it with their own access.
 */
export interface LeaseCostsGeneratedDetail {
  readonly leaseId: string;
  readonly accountId: string;
  /** US dollars. */
  readonly totalCost: number;
  readonly currency: 'USD';
  /** The billing window, `YYYY-MM-DD`, end exclusive. */
  readonly startDate: string;
  readonly endDate: string;
  /** A presigned HTTPS GET URL of the CSV report, valid for `REPORT_URL_DAYS` days. */
  readonly csvUrl: string;
  /** `s3://bucket/key` of the CSV report. */
  readonly csvS3Uri: string;
  readonly csvChecksumSha256: string;
  /** True when Cost Explorer's paging was cut short: the total is then a lower bound. */
  readonly partial: boolean;
}

const CHECKS: Readonly<Record<keyof LeaseCostsGeneratedDetail, [string, (v: unknown) => boolean]>> =
  {
    leaseId: [
      'a UUID',
      (v) => typeof v === 'string' && /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(v),
    ],
    accountId: ['12 digits', (v) => typeof v === 'string' && /^\d{12}$/.test(v)],
    totalCost: [
      'a finite number >= 0',
      (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
    ],
    currency: ['"USD"', (v) => v === 'USD'],
    startDate: [
      'a date as YYYY-MM-DD',
      (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
    ],
    endDate: [
      'a date as YYYY-MM-DD',
      (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
    ],
    csvUrl: ['an https:// URL', (v) => typeof v === 'string' && /^https:\/\/\S+$/.test(v)],
    csvS3Uri: ['an s3:// URI', (v) => typeof v === 'string' && /^s3:\/\/[^/]+\/.+/.test(v)],
    csvChecksumSha256: [
      'a base64 SHA-256',
      (v) => typeof v === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(v),
    ],
    partial: ['a boolean', (v) => typeof v === 'boolean'],
  };

/** Checks every field of the detail, so a consumer never receives a malformed contract. */
export function validateLeaseCostsDetail(detail: LeaseCostsGeneratedDetail): void {
  for (const [field, [allowed, isValid]] of Object.entries(CHECKS)) {
    const value = (detail as unknown as Record<string, unknown>)[field];
    if (!isValid(value)) {
      throw new LeaseCostsInputError(
        field,
        `\`${field}\` must be ${allowed}, got "${String(value).slice(0, 100)}"`,
      );
    }
  }
}

/**
 * Publishes `LeaseCostsGenerated` and returns its event id. PutEvents answers 200 even when it
 * refuses the entry, so a refused entry (`FailedEntryCount` > 0) throws `EventPublishError`
 * with EventBridge's codes instead of passing as a success. Delivery is at least once: consumers
 * deduplicate on `detail.leaseId`.
 *
 * @example
 * const eventId = await emitLeaseCostsGenerated('isb-events', detail);
 */
export async function emitLeaseCostsGenerated(
  eventBusName: string,
  detail: LeaseCostsGeneratedDetail,
  client: Pick<EventBridgeClient, 'send'> = getEventBridgeClient(),
): Promise<string> {
  validateLeaseCostsDetail(detail);
  const output = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: LeaseCostsEvent.Source,
          DetailType: LeaseCostsEvent.DetailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  const entries = output.Entries ?? [];
  const failed = entries
    .filter((entry) => entry.ErrorCode !== undefined)
    .map((entry) => ({ errorCode: entry.ErrorCode ?? '', errorMessage: entry.ErrorMessage ?? '' }));
  if ((output.FailedEntryCount ?? 0) > 0 || failed.length > 0) {
    const reasons = failed.map((entry) => `${entry.errorCode}: ${entry.errorMessage}`).join('; ');
    throw new EventPublishError(
      `EventBridge refused LeaseCostsGenerated for lease ${detail.leaseId}: ${reasons || 'no reason given'}`,
      failed,
    );
  }
  const eventId = entries[0]?.EventId;
  if (eventId === undefined) {
    throw new EventPublishError(`EventBridge returned no event id for lease ${detail.leaseId}`, []);
  }
  return eventId;
}
