import { createHash } from 'node:crypto';
import { ServiceError } from './service-error.js';

/** A Cost Explorer `DateInterval`: `Start` inclusive, `End` exclusive. */
export interface CostPeriod {
  readonly Start: string;
  readonly End: string;
}

/** A Cost Explorer `GroupDefinition`. */
export interface CostGroupDefinition {
  readonly Type: string;
  readonly Key: string;
}

const MAX_PERIODS = 1000;
const VALUES_PER_GROUP = 3;
const HOUR_MS = 3_600_000;
const DIMENSION_VALUES: Readonly<Record<string, readonly string[]>> = {
  SERVICE: ['AWS Lambda', 'Amazon Simple Storage Service', 'Amazon EventBridge'],
  REGION: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
  LINKED_ACCOUNT: ['111111111111', '222222222222', '333333333333'],
};

const invalid = (message: string): ServiceError =>
  new ServiceError(400, 'ValidationException', message);

const parseDate = (value: string, field: string): number => {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) {
    throw invalid(`${field} "${value}" is not a valid date.`);
  }
  return time;
};

const nextBoundary = (time: number, granularity: string): number => {
  const date = new Date(time);
  switch (granularity) {
    case 'MONTHLY':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    case 'DAILY':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
    case 'HOURLY':
      return Math.floor(time / HOUR_MS) * HOUR_MS + HOUR_MS;
    default:
      throw invalid(`Granularity must be one of DAILY, MONTHLY, HOURLY, got "${granularity}".`);
  }
};

const formatBoundary = (time: number, granularity: string): string =>
  granularity === 'HOURLY'
    ? new Date(time).toISOString().replace('.000Z', 'Z')
    : new Date(time).toISOString().slice(0, 10);

/**
 * The periods Cost Explorer reports for a time range: whole days, hours, or calendar months (the
 * first and last possibly partial).
 *
 * @example
 * costPeriods({ Start: '2025-01-30', End: '2025-02-01' }, 'DAILY')
 * // [{ Start: '2025-01-30', End: '2025-01-31' }, { Start: '2025-01-31', End: '2025-02-01' }]
 */
export const costPeriods = (range: CostPeriod, granularity: string): CostPeriod[] => {
  const end = parseDate(range.End, 'End');
  const periods: CostPeriod[] = [];
  for (let start = parseDate(range.Start, 'Start'); start < end; ) {
    const next = Math.min(nextBoundary(start, granularity), end);
    periods.push({
      Start: formatBoundary(start, granularity),
      End: formatBoundary(next, granularity),
    });
    if (periods.length > MAX_PERIODS) {
      throw invalid(`The time range covers more than ${MAX_PERIODS} periods.`);
    }
    start = next;
  }
  if (periods.length === 0) {
    throw invalid('Start date must be before End date.');
  }
  return periods;
};

const groupValues = ({ Type, Key }: CostGroupDefinition): string[] => {
  const values =
    DIMENSION_VALUES[Key] ??
    Array.from({ length: VALUES_PER_GROUP }, (_, index) => `${Key.toLowerCase()}-${index + 1}`);
  return Type === 'DIMENSION' ? [...values] : values.map((value) => `${Key}$${value}`);
};

/**
 * The `Keys` of every group: the cartesian product of each definition's fake values.
 *
 * @example
 * costGroupKeys([{ Type: 'DIMENSION', Key: 'SERVICE' }])
 * // [['AWS Lambda'], ['Amazon Simple Storage Service'], ['Amazon EventBridge']]
 */
export const costGroupKeys = (groupBy: readonly CostGroupDefinition[]): string[][] =>
  groupBy.reduce<string[][]>(
    (keys, definition) =>
      keys.flatMap((prefix) => groupValues(definition).map((value) => [...prefix, value])),
    [[]],
  );

/**
 * A made-up but stable amount: the same period, group and metric always cost the same, so tests
 * can compare pages fetched at different times.
 */
export const costAmount = (...seed: readonly string[]): string => {
  const value = createHash('sha256').update(seed.join('|')).digest().readUInt32BE(0);
  return ((value % 10_000_000) / 10_000).toFixed(10);
};

/** The unit Cost Explorer reports: money for cost metrics, none for usage quantities. */
export const costUnit = (metric: string): string => (metric.includes('Usage') ? 'N/A' : 'USD');
