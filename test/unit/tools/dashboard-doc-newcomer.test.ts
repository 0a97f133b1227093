/**
 * docs/dashboard.md's "Reading it" table describes the dashboard body a reader deploys: one row
 * per metric widget, naming the metrics it draws, and a sentence that counts them. A widget
 * added to the body without a row (or a row left behind) fails here, as eviction misses once
 * drifted out of the table.
 */
import { readFileSync } from 'node:fs';
import { renderDashboardBody } from '../../../src/dashboard/render-dashboard.js';
import { ClientCacheMetric } from '../../../src/observability/metric-names.js';

interface Widget {
  readonly type: string;
  readonly properties: { readonly title?: string; readonly metrics?: readonly unknown[][] };
}

const METRIC_NAMES: readonly string[] = Object.values(ClientCacheMetric);
const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
const NUMBER_WORDS = [...COUNT_WORDS, 'nine', 'ten', 'eleven', 'twelve'];

/** The metric names in a text, sorted and joined: one widget's or one row's signature. */
const metricsIn = (text: string): string =>
  METRIC_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(text))
    .sort()
    .join(' ');

function documented(): { rows: string[]; counted: number } {
  const doc = readFileSync('docs/dashboard.md', 'utf8');
  const section = doc.slice(doc.indexOf('## Reading it'), doc.indexOf('## Alarms'));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\| (widget|Alarm)/.test(line))
    .map((line) => line.split('|').slice(1, -1))
    .filter((cells) => cells.length === 3 && metricsIn(cells[1] ?? '') !== '')
    .map((cells) => metricsIn(cells[1] ?? ''));
  const word = /(\w+) metric widgets read the cache's metrics/.exec(section)?.[1] ?? '';
  return { rows, counted: NUMBER_WORDS.indexOf(word.toLowerCase()) };
}

function drawn(): string[] {
  const body = JSON.parse(
    renderDashboardBody({ namespace: 'Leases', service: 'lease-costs', region: 'eu-west-1' }),
  ) as { widgets: Widget[] };
  return body.widgets
    .filter(({ type, properties }) => type === 'metric' && !properties.title?.startsWith('Alarm:'))
    .map(({ properties }) => metricsIn(JSON.stringify(properties.metrics ?? [])));
}

describe('docs/dashboard.md against the dashboard body', () => {
  it('has one row per metric widget, naming the metrics that widget draws', () => {
    // Act
    const { rows } = documented();
    const widgets = drawn();

    // Assess
    expect([...rows].sort()).toEqual([...widgets].sort());
  });

  it('counts the metric widgets the body has', () => {
    // Act
    const { counted } = documented();

    // Assess
    expect(counted).toBe(drawn().length);
  });
});
