/**
 * Covers what the handler does before and after AWS: reading the lease-end event
 * (examples/app/lease-event.ts), the Cost Explorer billing window, and the CSV report (examples/app/lib/csv.ts).
 */
import fc from 'fast-check';
import { LeaseCostsInputError } from '../../../../examples/app/errors.js';
import { billingWindow, parseLeaseEndedEvent } from '../../../../examples/app/lease-event.js';
import { costReportCsv } from '../../../../examples/app/lib/csv.js';
import { propertyParameters } from '../../../support/property-run.js';

const EVENT = {
  leaseId: '550e8400-e29b-41d4-a716-446655440000',
  userEmail: 'ada@example.org',
  accountId: '210987654321',
  leaseEndTimestamp: '2026-01-19T17:30:00.000Z',
};

describe('parseLeaseEndedEvent', () => {
  it('keeps the known fields and drops the rest', () => {
    // Act
    const event = parseLeaseEndedEvent({ ...EVENT, scheduleName: 'lease-1', extra: { a: 1 } });

    // Assess
    expect(event).toEqual(EVENT);
  });

  it.each([
    ['leaseId', { ...EVENT, leaseId: 'lease-1' }],
    ['userEmail', { ...EVENT, userEmail: 'ada' }],
    ['accountId', { ...EVENT, accountId: 210987654321 }],
    ['leaseEndTimestamp', { ...EVENT, leaseEndTimestamp: 'tomorrow' }],
    ['costExplorerRoleArn', { ...EVENT, costExplorerRoleArn: 'arn:aws:iam::1:user/ada' }],
    ['leaseId', null],
  ])('rejects a bad %s, naming it', (field, event) => {
    // Act
    const parse = () => parseLeaseEndedEvent(event);

    // Assess
    expect(parse).toThrow(LeaseCostsInputError);
    expect(parse).toThrow(`\`${field}\``);
  });
});

describe('billingWindow', () => {
  it('covers whole UTC days from the start day through the end day, end exclusive', () => {
    // Act
    const window = billingWindow('2026-01-05T09:00:00Z', '2026-01-19T17:30:00Z');

    // Assess
    expect(window).toEqual({ startDate: '2026-01-05', endDate: '2026-01-20' });
  });

  it('always starts before it ends and contains both instants', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 90 * 86_400_000 }),
        (start, lengthMs) => {
          // Act
          const end = new Date(start.getTime() + lengthMs);
          const { startDate, endDate } = billingWindow(start.toISOString(), end.toISOString());

          // Assess
          expect(startDate < endDate).toBe(true);
          expect(startDate <= start.toISOString().slice(0, 10)).toBe(true);
          expect(endDate > end.toISOString().slice(0, 10)).toBe(true);
        },
      ),
      propertyParameters(100, 20261209),
    );
  });

  it('refuses a lease that starts after it ends', () => {
    // Act
    const window = () => billingWindow('2026-02-01T00:00:00Z', '2026-01-19T00:00:00Z');

    // Assess
    expect(window).toThrow(LeaseCostsInputError);
  });
});

describe('costReportCsv', () => {
  it('writes one quoted-where-needed row per usage type, formulas defused', () => {
    // Prepare
    const report = {
      accountId: '210987654321',
      startDate: '2026-01-05',
      endDate: '2026-01-20',
      totalCost: 13.5,
      currency: 'USD' as const,
      costsByService: [
        {
          serviceName: 'Amazon "Simple" Storage, S3',
          cost: 13.5,
          usageTypes: [
            { usageType: 'TimedStorage', cost: 13 },
            { usageType: '=HYPERLINK("x")', cost: 0.5 },
          ],
        },
      ],
      pagesFetched: 1,
      truncated: false,
    };

    // Act
    const csv = costReportCsv(report);

    // Assess
    expect(csv).toBe(
      'Service,UsageType,Cost\n' +
        '"Amazon ""Simple"" Storage, S3",TimedStorage,13.00\n' +
        `"Amazon ""Simple"" Storage, S3","'=HYPERLINK(""x"")",0.50\n`,
    );
  });
});
