/**
 * Covers the dashboard preview's metric math (tools/scripts/dashboard-preview): parsing and evaluating
 * the expressions the shipped dashboard uses over time series, worked out by hand, and a clear
 * refusal naming any function the preview does not evaluate.
 */

import { renderDashboardBody } from '../../../../../src/dashboard/render-dashboard.js';
import {
  indexSamples,
  type TimeSeries,
} from '../../../../../tools/scripts/dashboard-preview/aggregate.js';
import type { MetricWidgetProperties } from '../../../../../tools/scripts/dashboard-preview/dashboard-types.js';
import { UnsupportedQueryError } from '../../../../../tools/scripts/dashboard-preview/errors.js';
import { compileExpression } from '../../../../../tools/scripts/dashboard-preview/metric-math.js';
import {
  buildMetricWidget,
  isSparse,
} from '../../../../../tools/scripts/dashboard-preview/metric-widget.js';
import { readEmf } from '../../../../../tools/scripts/dashboard-preview/read-emf.js';
import { previewEmfLine } from '../../../../support/preview-emf-fixture.js';

const NINE = Date.UTC(2026, 0, 15, 9, 0, 0) / 1000;

function evaluate(expression: string, series: Record<string, TimeSeries>) {
  return compileExpression(expression)((id: string) => series[id] ?? new Map());
}

/** The shipped dashboard's widget with this title, rendered as a deploy would render it. */
function shippedWidget(title: string): MetricWidgetProperties {
  const body = JSON.parse(
    renderDashboardBody({ namespace: 'Leases', service: 'lease-costs', region: 'eu-west-1' }),
  ) as { widgets: { properties: MetricWidgetProperties }[] };
  const widget = body.widgets.find((candidate) => candidate.properties.title === title);
  if (widget === undefined) throw new Error(`The dashboard has no widget "${title}"`);
  return widget.properties;
}

describe('metric math over time series', () => {
  it('computes the hit ratio 100*hits/(hits+misses) per period', () => {
    // Prepare
    const hits = new Map([
      [NINE, 60],
      [NINE + 300, 10],
    ]);
    const misses = new Map([
      [NINE, 15],
      [NINE + 300, 0],
    ]);

    // Act
    const ratio = evaluate('100*hits/(hits+misses)', { hits, misses });

    // Assess
    expect(ratio).toEqual(
      new Map([
        [NINE, 80],
        [NINE + 300, 100],
      ]),
    );
  });

  it('leaves a gap where a division by zero gives no number, as CloudWatch does', () => {
    // Prepare
    const requests = new Map([
      [NINE, 12],
      [NINE + 60, 9],
      [NINE + 120, 0],
    ]);
    const connections = new Map([
      [NINE, 3],
      [NINE + 60, 0],
      [NINE + 120, 0],
    ]);

    // Act
    const reuse = evaluate('requests/connections', { requests, connections });

    // Assess
    expect(reuse).toEqual(new Map([[NINE, 4]]));
  });

  it('keeps a running total with RUNNING_SUM, from the start of the time range', () => {
    // Prepare
    const requests = new Map([
      [NINE, 12],
      [NINE + 60, 9],
      [NINE + 120, 6],
    ]);
    const connections = new Map([
      [NINE, 3],
      [NINE + 60, 0],
      [NINE + 120, 0],
    ]);

    // Act
    const reuseSoFar = evaluate('RUNNING_SUM(requests)/RUNNING_SUM(connections)', {
      requests,
      connections,
    });

    // Assess
    expect(reuseSoFar).toEqual(
      new Map([
        [NINE, 4],
        [NINE + 60, 7],
        [NINE + 120, 9],
      ]),
    );
  });

  it('combines two series only where both have a point, and honours precedence', () => {
    // Prepare
    const a = new Map([
      [NINE, 2],
      [NINE + 60, 3],
    ]);
    const b = new Map([[NINE + 60, 4]]);

    // Act
    const result = evaluate('-a + b * 2 - (1 - 1)', { a, b });

    // Assess
    expect(result).toEqual(new Map([[NINE + 60, 5]]));
  });

  it('evaluates the eviction-miss alarm: a share above the guard, 0 below it and where nothing was published', () => {
    // Prepare
    const misses = new Map([
      [NINE, 40],
      [NINE + 300, 5],
      [NINE + 600, 25],
    ]);
    const evictionMisses = new Map([[NINE, 10]]);
    const expression = 'IF(misses >= 20, 100 * FILL(evictionMisses, 0) / misses, 0)';

    // Act
    const result = compileExpression(expression)(
      (id) => ({ misses, evictionMisses })[id] ?? new Map(),
      [NINE, NINE + 300, NINE + 600, NINE + 900],
    );

    // Assess: 100*10/40, under the guard, FILL gives 0 of 25; no misses at 900 leaves no point.
    expect(result).toEqual(
      new Map([
        [NINE, 25],
        [NINE + 300, 0],
        [NINE + 600, 0],
      ]),
    );
  });

  it('takes the branch IF picks, so a division by zero in the other one leaves no gap', () => {
    // Prepare
    const requests = new Map([
      [NINE, 500],
      [NINE + 300, 300],
      [NINE + 600, 10],
    ]);
    const connections = new Map([
      [NINE, 250],
      [NINE + 300, 0],
      [NINE + 600, 10],
    ]);

    // Act
    const result = evaluate(
      'IF(requests >= 100, IF(connections > 0, requests / connections, requests), 100)',
      { requests, connections },
    );

    // Assess
    expect(result).toEqual(
      new Map([
        [NINE, 2],
        [NINE + 300, 300],
        [NINE + 600, 100],
      ]),
    );
  });

  it.each([
    ['a > 1', [0, 1, 1]],
    ['a >= 2', [0, 1, 1]],
    ['a < 2', [1, 0, 0]],
    ['a <= 2', [1, 1, 0]],
    ['a == 2', [0, 1, 0]],
    ['a != 2', [1, 0, 1]],
  ])('compares %s to 1 or 0 at each point', (expression, expected) => {
    // Prepare
    const a = new Map([
      [NINE, 1],
      [NINE + 60, 2],
      [NINE + 120, 3],
    ]);

    // Act
    const result = evaluate(expression, { a });

    // Assess
    expect([...(result as Map<number, number>).values()]).toEqual(expected);
  });

  it.each([
    ['RATE(hits)', 'Metric math "RATE(hits)": the function RATE is not supported by the preview'],
    ['LOG(hits)', 'the function LOG is not supported'],
    ['hits && misses', 'the operator && is not supported'],
    ['hits % 2', 'the operator % is not supported'],
    ['hits.value', 'a MemberExpression is not supported'],
    ['RUNNING_SUM(hits, misses)', 'RUNNING_SUM with 2 arguments (it takes 1)'],
    ['IF(hits, 1)', 'IF with 2 arguments (it takes 3)'],
    ['(hits', 'Metric math "(hits"'],
  ])('refuses %s with a message naming what it does not evaluate', (expression, message) => {
    // Act
    const parse = () => compileExpression(expression);

    // Assess
    expect(parse).toThrow(UnsupportedQueryError);
    expect(parse).toThrow(message);
  });
});

describe('gaps and joined lines', () => {
  it.each([
    ['published every period but one', [1, 2, null, 4, 5], false],
    ['published in two of five periods', [1, null, null, null, 5], true],
    ['published in half of the periods', [1, null, null, 4], true],
    ['a single point', [null, 7, null], false],
    ['no point at all', [null, null], false],
  ])('%s: joined %s', (_case, values, joined) => {
    // Act
    const sparse = isSparse(values as (number | null)[]);

    // Assess
    expect(sparse).toBe(joined);
  });
});

describe('a widget of the shipped dashboard', () => {
  it('draws the hit ratio from the Sums of hits and misses, and hides the rows it feeds on', () => {
    // Prepare: hits 10 + 20 + 30 = 60 and misses 5 + 5 + 5 = 15 in one 5-minute period.
    const text = [10, 20, 30]
      .map((hits, minute) =>
        previewEmfLine((NINE + minute * 60) * 1000, { ClientCacheHit: hits, ClientCacheMiss: 5 }),
      )
      .join('\n');
    const index = indexSamples(readEmf(text, 'test.jsonl').samples);

    // Act
    const chart = buildMetricWidget(shippedWidget('Cache hit ratio (%)'), index, 300, [NINE]);

    // Assess
    expect(chart.series).toEqual([
      { label: 'Hit ratio (%)', color: '#1f77b4', values: [(100 * 60) / (60 + 15)], joined: false },
    ]);
  });

  it('draws requests per connection per period and since the start, with a gap for no connection', () => {
    // Prepare
    const text = [
      previewEmfLine(NINE * 1000, { RequestsSent: 12, ConnectionsOpened: 3 }),
      previewEmfLine((NINE + 60) * 1000, { RequestsSent: 9, ConnectionsOpened: 0 }),
    ].join('\n');
    const index = indexSamples(readEmf(text, 'test.jsonl').samples);

    // Act
    const chart = buildMetricWidget(
      shippedWidget('Requests per connection (socket reuse)'),
      index,
      60,
      [NINE, NINE + 60],
    );

    // Assess
    expect(chart.series.map((line) => line.values)).toEqual([
      [4, null],
      [4, 7],
    ]);
  });

  it('carries the CLIENT_CACHE_MAX_ENTRIES line of the size widget', () => {
    // Act
    const chart = buildMetricWidget(
      shippedWidget('Clients in cache vs the configured maximum'),
      new Map(),
      60,
      [NINE],
    );

    // Assess
    expect(chart.annotations).toEqual([
      { label: 'CLIENT_CACHE_MAX_ENTRIES', value: 100, color: '#d62728' },
    ]);
    expect(chart.series.map((line) => line.values)).toEqual([[null], [null]]);
  });
});
