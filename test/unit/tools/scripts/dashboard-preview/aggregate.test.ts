/**
 * Covers the dashboard preview's reading and aggregation (tools/scripts/dashboard-preview): EMF lines
 * become samples per dimension set, and each period reduces to the statistic CloudWatch would
 * compute, checked against figures worked out by hand.
 */
import {
  aggregate,
  indexSamples,
} from '../../../../../tools/scripts/dashboard-preview/aggregate.js';
import {
  PreviewInputError,
  UnsupportedQueryError,
} from '../../../../../tools/scripts/dashboard-preview/errors.js';
import { choosePeriod } from '../../../../../tools/scripts/dashboard-preview/period.js';
import { readEmf } from '../../../../../tools/scripts/dashboard-preview/read-emf.js';
import { parseStatistic } from '../../../../../tools/scripts/dashboard-preview/statistics.js';
import { previewEmfLine } from '../../../../support/preview-emf-fixture.js';

const NINE = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
const SERVICE = { namespace: 'Leases', metricName: '', dimensions: { service: 'lease-costs' } };

/** Three invocations inside the 09:00-09:05 period, worked out by hand in the tests. */
const ONE_PERIOD = [
  'START RequestId: 1 Version: $LATEST',
  previewEmfLine(NINE + 10_000, {
    ClientCacheHit: 10,
    ClientCacheMiss: 5,
    ClientCreationTime: [120, 80],
  }),
  previewEmfLine(NINE + MINUTE, { ClientCacheHit: 20, ClientCacheMiss: 5, ClientCreationTime: 40 }),
  '{"level":"INFO","message":"done"}',
  previewEmfLine(NINE + 4 * MINUTE, {
    ClientCacheHit: 30,
    ClientCacheMiss: 5,
    ClientCreationTime: [200, 160],
  }),
].join('\n');

function series(text: string, metricName: string, stat: string, period = 300) {
  const index = indexSamples(readEmf(text, 'test.jsonl').samples);
  return aggregate(index, { ...SERVICE, metricName }, parseStatistic(stat), period);
}

describe('reading EMF lines', () => {
  it('reads every EMF line and skips the log lines around them', () => {
    // Act
    const reading = readEmf(ONE_PERIOD, 'test.jsonl');

    // Assess
    expect(reading.emfLines).toBe(3);
    expect(reading.skippedLines).toBe(2);
  });

  it('reads an EMF line behind a prefix, as `aws logs tail` prints it', () => {
    // Prepare
    const line = `2026-01-15T09:00:10Z lease-costs ${previewEmfLine(NINE, { ClientCacheHit: 4 })}`;

    // Act
    const hits = series(line, 'ClientCacheHit', 'Sum');

    // Assess
    expect([...hits.values()]).toEqual([4]);
  });

  it.each([
    [
      'a malformed JSON line',
      '{"_aws": {"Timestamp": 1,',
      /test\.jsonl:2: an EMF line is not valid JSON/,
    ],
    [
      'a metric without a number',
      previewEmfLine(NINE, {}).replace('"Metrics":[]', '"Metrics":[{"Name":"X"}]'),
      /metric "X" needs a number/,
    ],
    [
      'a Timestamp in words',
      previewEmfLine(NINE, { ClientCacheHit: 1 }).replace(String(NINE), '"now"'),
      /`_aws.Timestamp` must be epoch milliseconds/,
    ],
  ])('stops at %s, naming the file and line', (_case, badLine, message) => {
    // Act
    const read = () =>
      readEmf(`${previewEmfLine(NINE, { ClientCacheHit: 1 })}\n${badLine}`, 'test.jsonl');

    // Assess
    expect(read).toThrow(PreviewInputError);
    expect(read).toThrow(message);
  });

  it('refuses a file without EMF lines', () => {
    // Act
    const read = () => readEmf('START RequestId: 1\nEND RequestId: 1\n', 'logs.txt');

    // Assess
    expect(read).toThrow(
      'logs.txt has no EMF lines (JSON with an "_aws" object) among its 2 lines',
    );
  });
});

describe('aggregating a period as CloudWatch does', () => {
  it.each([
    ['Sum', 60],
    ['Average', 20],
    ['Minimum', 10],
    ['Maximum', 30],
    ['SampleCount', 3],
  ])('computes %s of hits 10, 20 and 30 in one period as %d', (stat, expected) => {
    // Act
    const hits = series(ONE_PERIOD, 'ClientCacheHit', stat);

    // Assess
    expect([...hits.entries()]).toEqual([[NINE / 1000, expected]]);
  });

  it('counts each value of an EMF array as its own sample', () => {
    // Creation times 120, 80 | 40 | 200, 160: five samples, sorted 40 80 120 160 200.
    // Act
    const count = series(ONE_PERIOD, 'ClientCreationTime', 'SampleCount');
    const p50 = series(ONE_PERIOD, 'ClientCreationTime', 'p50');
    const p99 = series(ONE_PERIOD, 'ClientCreationTime', 'p99');
    const average = series(ONE_PERIOD, 'ClientCreationTime', 'Average');

    // Assess
    expect(count.get(NINE / 1000)).toBe(5);
    expect(p50.get(NINE / 1000)).toBe(120); // nearest rank: ceil(0.5 * 5) = 3rd
    expect(p99.get(NINE / 1000)).toBe(200); // ceil(0.99 * 5) = 5th
    expect(average.get(NINE / 1000)).toBe(120);
  });

  it('splits lines into periods aligned to the clock, and leaves a gap where none was published', () => {
    // Prepare
    const text = [
      previewEmfLine(NINE + 59_000, { ClientCacheHit: 1 }),
      previewEmfLine(NINE + MINUTE, { ClientCacheHit: 2 }),
      previewEmfLine(NINE + 3 * MINUTE + 1, { ClientCacheHit: 4 }),
    ].join('\n');

    // Act
    const hits = series(text, 'ClientCacheHit', 'Sum', 60);

    // Assess
    expect([...hits.entries()]).toEqual([
      [NINE / 1000, 1],
      [NINE / 1000 + 60, 2],
      [NINE / 1000 + 180, 4],
    ]);
  });

  it('keeps metrics of another dimension set or namespace out of the query', () => {
    // Prepare
    const text = [
      previewEmfLine(NINE, { ClientCacheHit: 1 }),
      previewEmfLine(NINE, { ClientCacheHit: 100 }, { dimensions: ['service', 'ClientType'] }),
      previewEmfLine(NINE, { ClientCacheHit: 1000 }, { namespace: 'Other' }),
      previewEmfLine(NINE, { ClientCacheHit: 10000 }, { service: 'other-service' }),
    ].join('\n');

    // Act
    const hits = series(text, 'ClientCacheHit', 'Sum');

    // Assess
    expect([...hits.values()]).toEqual([1]);
  });

  it('names a statistic it does not compute', () => {
    // Act
    const parse = () => parseStatistic('tm99');

    // Assess
    expect(parse).toThrow(UnsupportedQueryError);
    expect(parse).toThrow('The statistic "tm99" is not supported by the preview');
  });
});

describe('choosing the period', () => {
  it.each([
    [30 * 60, 60],
    [6 * 3600, 300],
    [24 * 3600, 900],
    [30 * 86400, 21600],
    [20 * 60, 60],
  ])('under periodOverride auto, draws %d s of input with %d-second periods', (span, period) => {
    // Act
    const chosen = choosePeriod({
      periodOverride: 'auto',
      widgetPeriod: 300,
      spanSeconds: span,
      longestPauseSeconds: 60,
    });

    // Assess
    expect(chosen).toBe(period);
  });

  it.each([
    [21, 0.5, 1],
    [21, 3.9, 5],
    [21, 9, 10],
    [120, 12, 30],
    [600, 0.2, 5],
    [300, 45, 60],
  ])(
    'draws %d s of input that pauses up to %d s with %d-second periods, leaving no empty period',
    (span, pause, period) => {
      // Act
      const chosen = choosePeriod({
        periodOverride: 'auto',
        spanSeconds: span,
        longestPauseSeconds: pause,
      });

      // Assess
      expect(chosen).toBe(period);
    },
  );

  it('keeps the widget period under inherit, and --period over both', () => {
    // Act
    const inherited = choosePeriod({
      periodOverride: 'inherit',
      widgetPeriod: 300,
      spanSeconds: 60,
      longestPauseSeconds: 1,
    });
    const forced = choosePeriod({
      forced: 10,
      periodOverride: 'auto',
      spanSeconds: 86400,
      longestPauseSeconds: 1,
    });

    // Assess
    expect(inherited).toBe(300);
    expect(forced).toBe(10);
  });
});
