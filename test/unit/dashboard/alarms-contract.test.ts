/**
 * Covers the contract between the metric table (`src/observability/metric-names.ts`) and what
 * the alarms and the fleet view read, in both directions: everything they read is a metric the
 * cache publishes, on a dimension set it writes; and every metric of the table is either read
 * by an alarm or the fleet view, or named below with the reason it is not, so a metric added to
 * the table fails here until someone decides.
 */
import { CLIENT_CACHE_ALARMS } from '../../../src/dashboard/alarm-definitions.js';
import { renderFleetDashboardBody } from '../../../src/dashboard/render-fleet-dashboard.js';
import {
  CLIENT_CACHE_DIMENSION_SETS,
  CLIENT_CACHE_METRICS,
  type ClientCacheMetricName,
} from '../../../src/observability/metric-names.js';

/** Metrics that neither page nor rank services, and why. */
const NEITHER_ALARMED_NOR_RANKED: Readonly<Partial<Record<ClientCacheMetricName, string>>> = {
  ClientCacheEviction: 'an eviction is harmless until the client is needed again: EvictionMiss',
  ClientCacheExpiration: 'expirations follow the TTL and credential lifetimes by design',
  ClientCacheSize: 'a full cache is fine while eviction misses stay low',
  ClientCreationTime: 'a cost per miss, shown on the service dashboard; misses are ranked',
  CredentialRefresh: 'refreshes are routine; their failures page',
};

const FLEET_QUERY =
  /^SELECT SUM\((\w+)\) FROM SCHEMA\("Leases", service\) GROUP BY service ORDER BY SUM\(\) (ASC|DESC) LIMIT 10$/;

function fleetQueries(): string[] {
  const { widgets } = JSON.parse(
    renderFleetDashboardBody({ namespace: 'Leases', region: 'eu-west-1' }),
  ) as { widgets: { type: string; properties: { metrics?: { expression: string }[][] } }[] };
  return widgets.flatMap((widget) =>
    (widget.properties.metrics ?? []).map(([row]) => row?.expression ?? ''),
  );
}

const fleetMetrics = (): string[] =>
  fleetQueries().map((query) => FLEET_QUERY.exec(query)?.[1] ?? `unparsed: ${query}`);
const alarmMetrics = (): string[] =>
  CLIENT_CACHE_ALARMS.flatMap((alarm) => alarm.inputs.map((input) => input.metric));

describe('alarms and fleet view against the metric table', () => {
  it('read only metrics the cache publishes', () => {
    // Prepare
    const published: string[] = Object.keys(CLIENT_CACHE_METRICS);

    // Assess
    for (const metric of [...alarmMetrics(), ...fleetMetrics()]) {
      expect(published).toContain(metric);
    }
  });

  it('read every published metric, or say why not', () => {
    // Act
    const read = new Set([...alarmMetrics(), ...fleetMetrics()]);

    // Assess
    for (const metric of Object.keys(CLIENT_CACHE_METRICS) as ClientCacheMetricName[]) {
      expect({ metric, read: read.has(metric) }).toEqual({
        metric,
        read: NEITHER_ALARMED_NOR_RANKED[metric] === undefined,
      });
    }
  });

  it('group the fleet by the service dimension the cache writes, alone', () => {
    // Assess
    expect(CLIENT_CACHE_DIMENSION_SETS).toContainEqual(['service']);
    for (const query of fleetQueries()) expect(query).toMatch(FLEET_QUERY);
  });

  it('give every alarm input an id its expression uses, and nothing else', () => {
    for (const alarm of CLIENT_CACHE_ALARMS) {
      // Prepare
      const expression: string = 'expression' in alarm ? alarm.expression : 'value';
      const ids = new Set(expression.match(/\b[a-z]\w*\b/g));

      // Assess
      if ('expression' in alarm) {
        expect(alarm.inputs.map((input) => ids.has(input.id))).not.toContain(false);
      } else {
        expect(alarm.inputs).toHaveLength(1);
      }
    }
  });
});
