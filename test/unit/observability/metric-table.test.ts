/**
 * Covers the one metric table (`CLIENT_CACHE_METRICS`) against everything
 * that reads it or must match it, in both directions: the counters record,
 * `stats()`, the EMF line and the README's metrics table. (The dashboard and
 * the alarms are held to it in test/unit/dashboard/contract and
 * alarms-contract.) A metric added to the table without a counter,
 * a stats field, a line entry or a README row fails here; so does a counter
 * or a README row without a metric.
 */
import { readFileSync } from 'node:fs';
import { S3Service } from '../../../src/clients/s3.js';
import { CLIENT_CACHE_METRICS, type MetricRow } from '../../../src/observability/metric-names.js';
import { CACHE_COUNTER_NAMES } from '../../../src/observers/cache-counters.js';
import { captureDuring } from '../../support/capture-output.js';
import { type EmfDocument, metricDefinitions, parseEmf } from '../../support/emf.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const ROWS = Object.entries(CLIENT_CACHE_METRICS as Record<string, MetricRow>);

/** Stats fields that are no metric, and why. */
const STATS_ONLY: Readonly<Record<string, string>> = {
  maxEntries: 'a setting, known at deploy time',
  openSockets: 'a local figure for tests and tuning; requests per connection is the metric',
  sharedCredentialSets: 'bounded by size; for checking the sets never outgrow the cache',
  indexedKeys: 'bounded by size; for checking the hit index never outgrows the cache',
};

const sorted = (names: Iterable<string>): string[] => [...names].sort();

const fresh = useFreshCache({
  env: {
    POWERTOOLS_METRICS_NAMESPACE: 'MetricTable',
    POWERTOOLS_SERVICE_NAME: 'metric-table',
    POWERTOOLS_METRICS_DISABLED: undefined,
    POWERTOOLS_DEV: undefined,
  },
});

describe('the metric table', () => {
  it('publishes every counter of the record exactly once, and counts nothing it has no counter for', () => {
    // Act
    const counted = ROWS.filter(([, row]) => row.kind === 'counter').map(([, row]) => row.stat);

    // Assess
    expect(sorted(counted as string[])).toEqual(sorted(CACHE_COUNTER_NAMES));
  });

  it('has a stats field for every counter and gauge, and every stats field is a metric or says why not', () => {
    // Prepare
    const cache = fresh.cache();

    // Act
    const stats = cache.stats() as unknown as Record<string, unknown>;

    // Assess
    const fromTable = ROWS.flatMap(([, row]) => (row.stat === undefined ? [] : [row.stat]));
    for (const stat of fromTable)
      expect({ stat, value: typeof stats[stat] }).toEqual({ stat, value: 'number' });
    expect(sorted(Object.keys(stats))).toEqual(sorted([...fromTable, ...Object.keys(STATS_ONLY)]));
  });

  it('puts every metric in the EMF line with its unit, and nothing else', async () => {
    // Prepare
    const cache = fresh.cache();
    cache.get(S3Service, { region: 'eu-west-1' });
    cache.get(S3Service, { region: 'eu-west-1' });

    // Act
    const { output } = await captureDuring(() => cache.publishMetrics());

    // Assess
    const lines = parseEmf(output.stdout);
    expect(lines).toHaveLength(1);
    const line = lines[0] as EmfDocument;
    const units = Object.fromEntries(metricDefinitions(line).map(({ Name, Unit }) => [Name, Unit]));
    expect(units).toEqual(Object.fromEntries(ROWS.map(([name, row]) => [name, row.unit])));
    expect(line.ClientCacheHit).toBe(1);
  });

  it('is the README metrics table, row for row', () => {
    // Prepare
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('\n### Metrics\n');
    const section = readme.slice(start, readme.indexOf('\n#', start + 1));

    // Act
    const documented = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.slice(2, -2).split(' | '));

    // Assess
    expect(documented).toEqual(
      ROWS.map(([name, row]) => [
        `\`${name}\``,
        row.unit,
        row.counts,
        row.stat === undefined ? '—' : `\`${row.stat}\``,
      ]),
    );
  });
});
