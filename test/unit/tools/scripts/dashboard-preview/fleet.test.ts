/**
 * Covers the fleet view in the preview (tools/scripts/dashboard-preview): Metrics Insights queries of
 * the fleet dashboard's shape evaluated over EMF lines of several services, worked out by hand
 * (exact dimension set, one series per service, ranking over the whole range, LIMIT), a clear
 * refusal of any other query shape, and a fleet model with every widget of the fleet dashboard.
 */

import { renderFleetDashboardBody } from '../../../../../src/dashboard/render-fleet-dashboard.js';
import { UnsupportedQueryError } from '../../../../../tools/scripts/dashboard-preview/errors.js';
import { buildFleetPreviewModel } from '../../../../../tools/scripts/dashboard-preview/fleet-model.js';
import { evaluateInsightsQuery } from '../../../../../tools/scripts/dashboard-preview/metrics-insights.js';
import { readEmf } from '../../../../../tools/scripts/dashboard-preview/read-emf.js';
import { previewEmfLine } from '../../../../support/preview-emf-fixture.js';

const NINE = Date.UTC(2026, 0, 15, 9, 0, 0);
const query = (metric: string, order: 'ASC' | 'DESC', limit = 10) =>
  `SELECT SUM(${metric}) FROM SCHEMA("Leases", service) GROUP BY service ORDER BY SUM() ${order} LIMIT ${limit}`;

/** Three services, two minutes: a (misses 1 then 2), b (5 then 0), c (0 then 1). */
function fleetLines(): string[] {
  const misses: Record<string, [number, number]> = { a: [1, 2], b: [5, 0], c: [0, 1] };
  return Object.entries(misses).flatMap(([service, [first, second]]) => [
    previewEmfLine(NINE, { ClientCacheMiss: first, ClientCacheHit: 10 }, { service }),
    previewEmfLine(NINE + 60_000, { ClientCacheMiss: second, ClientCacheHit: 10 }, { service }),
    // The same metric with a ClientType dimension too: another metric, outside SCHEMA(ns, service).
    previewEmfLine(
      NINE,
      { ClientCacheMiss: 100 },
      { service, dimensions: ['service', 'ClientType'] },
    ),
  ]);
}

const samples = () => readEmf(fleetLines().join('\n'), 'fleet.jsonl').samples;

describe('Metrics Insights in the preview', () => {
  it('ranks services by the sum over the whole range, one series per service', () => {
    // Act
    const groups = evaluateInsightsQuery(query('ClientCacheMiss', 'DESC'), samples(), 60);

    // Assess
    expect(groups.map(({ group }) => group)).toEqual(['b', 'a', 'c']);
    expect(groups[0]?.series).toEqual(
      new Map([
        [NINE / 1000, 5],
        [NINE / 1000 + 60, 0],
      ]),
    );
  });

  it('orders ascending and keeps LIMIT services', () => {
    // Act
    const groups = evaluateInsightsQuery(query('ClientCacheMiss', 'ASC', 2), samples(), 60);

    // Assess
    expect(groups.map(({ group }) => group)).toEqual(['c', 'a']);
  });

  it.each([
    'SELECT SUM(ClientCacheMiss) FROM SCHEMA("Leases", service) WHERE service = \'a\' GROUP BY service ORDER BY SUM() DESC LIMIT 10',
    'SELECT SUM(ClientCacheMiss) FROM "Leases" GROUP BY service',
  ])('refuses %s, naming the shape it evaluates', (unsupported) => {
    // Act
    const evaluate = () => evaluateInsightsQuery(unsupported, samples(), 60);

    // Assess
    expect(evaluate).toThrow(UnsupportedQueryError);
    expect(evaluate).toThrow('is not supported by the preview');
  });

  it('draws every widget of the fleet dashboard, a line per service', () => {
    // Prepare
    const body = JSON.parse(
      renderFleetDashboardBody({ namespace: 'Leases', region: 'us-east-1' }),
    ) as {
      widgets: { type: string }[];
    };

    // Act
    const model = buildFleetPreviewModel(
      readEmf(fleetLines().join('\n'), 'fleet.jsonl'),
      'fleet.jsonl',
      {},
    );

    // Assess
    expect(model.widgets.map((widget) => widget.kind)).toEqual(
      body.widgets.map(({ type }) => type),
    );
    const misses = model.widgets.find(
      (widget) => widget.kind === 'metric' && widget.chart.title === 'Most cache misses',
    );
    expect(misses?.kind === 'metric' && misses.chart.series.map(({ label }) => label)).toEqual([
      'b',
      'a',
      'c',
    ]);
  });
});
