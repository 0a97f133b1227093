/**
 * Covers the app's event emitter (examples/app/lib/event-emitter.ts) with the EventBridge client mocked:
 * the entry it sends, the event id it returns, detail validation, and a refused entry
 * (`FailedEntryCount` > 0) surfacing as `EventPublishError` rather than a silent success.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { EventPublishError, LeaseCostsInputError } from '../../../../../examples/app/errors.js';
import {
  emitLeaseCostsGenerated,
  type LeaseCostsGeneratedDetail,
} from '../../../../../examples/app/lib/event-emitter.js';
import { useFreshCache } from '../../../../support/fresh-cache.js';

const eventBridge = mockClient(EventBridgeClient);
const DETAIL: LeaseCostsGeneratedDetail = {
  leaseId: '550e8400-e29b-41d4-a716-446655440000',
  accountId: '210987654321',
  totalCost: 45.67,
  currency: 'USD',
  startDate: '2026-01-05',
  endDate: '2026-01-20',
  csvUrl:
    'https://reports.s3.us-east-1.amazonaws.com/550e8400-e29b-41d4-a716-446655440000.csv?X-Amz-Expires=604800',
  csvS3Uri: 's3://reports/550e8400-e29b-41d4-a716-446655440000.csv',
  csvChecksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
  partial: false,
};

useFreshCache();

beforeEach(() => {
  eventBridge.reset();
});

describe('emitLeaseCostsGenerated', () => {
  it('sends LeaseCostsGenerated with the detail and returns the event id', async () => {
    // Prepare
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });

    // Act
    const eventId = await emitLeaseCostsGenerated('isb-events', DETAIL);

    // Assess
    expect(eventId).toBe('e-1');
    const [entry] = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? [];
    expect(entry).toMatchObject({
      EventBusName: 'isb-events',
      Source: 'isb-costs',
      DetailType: 'LeaseCostsGenerated',
    });
    expect(JSON.parse(entry?.Detail ?? '')).toEqual(DETAIL);
  });

  it('throws EventPublishError with the codes when EventBridge refuses the entry', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });

    // Act
    const failure = emitLeaseCostsGenerated('isb-events', DETAIL);

    // Assess
    await expect(failure).rejects.toThrow(EventPublishError);
    await expect(failure).rejects.toMatchObject({
      failedEntries: [{ errorCode: 'InternalFailure', errorMessage: 'try again' }],
    });
  });

  it('throws EventPublishError when EventBridge returns no event id', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });

    // Act
    const failure = emitLeaseCostsGenerated('isb-events', DETAIL);

    // Assess
    await expect(failure).rejects.toThrow(EventPublishError);
  });

  it.each([
    ['leaseId', 'not-a-uuid'],
    ['accountId', '1234'],
    ['totalCost', Number.NaN],
    ['totalCost', -1],
    ['startDate', '05/01/2026'],
    ['csvS3Uri', 'https://example.org/report.csv'],
    ['csvUrl', 's3://reports/report.csv'],
    ['partial', 'no'],
  ])('refuses a detail whose %s is %p, naming the field, before sending', async (field, value) => {
    // Act
    const failure = emitLeaseCostsGenerated('isb-events', { ...DETAIL, [field]: value });

    // Assess
    await expect(failure).rejects.toThrow(LeaseCostsInputError);
    await expect(failure).rejects.toMatchObject({ field });
    expect(eventBridge.calls()).toHaveLength(0);
  });
});
