/**
 * Covers the rendered dashboard body: it has the structure CloudWatch `put-dashboard` accepts
 * (widget types, grid, metric rows, metric math, statistics), the parameters land where they
 * belong, escaped, and bad parameters are refused with a message naming the field.
 */

import {
  type DashboardParameters,
  renderDashboardBody,
} from '../../../src/dashboard/render-dashboard.js';
import { ClientCacheConfigError } from '../../../src/errors.js';

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

const PARAMETERS = {
  namespace: 'Leases',
  service: 'lease-costs',
  region: 'eu-west-1',
  maxEntries: 250,
} as const satisfies DashboardParameters;
const TOP_LEVEL_KEYS = ['widgets', 'start', 'end', 'periodOverride'];
const GRID_COLUMNS = 24;
const STATISTIC = /^(SampleCount|Average|Sum|Minimum|Maximum|p(100|\d{1,2}(\.\d+)?))$/;
const METRIC_ID = /^[a-z]\w*$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const parseBody = (parameters: DashboardParameters = PARAMETERS): Record<string, unknown> =>
  JSON.parse(renderDashboardBody(parameters));

const widgetsOf = (parameters: DashboardParameters = PARAMETERS): Widget[] =>
  parseBody(parameters).widgets as Widget[];

const metricWidgets = (): Widget[] => widgetsOf().filter((widget) => widget.type === 'metric');

const rowsOf = (widget: Widget): unknown[][] => widget.properties.metrics as unknown[][];

/** The options object of a row: the expression row's only item, or a metric row's last. */
const optionsOf = (row: unknown[]): Record<string, unknown> => {
  const last = row.at(-1);
  return isRecord(last) ? last : {};
};

const isExpressionRow = (row: unknown[]): boolean =>
  row.length === 1 && 'expression' in optionsOf(row);

const isValidPeriod = (period: unknown): boolean =>
  [1, 5, 10, 30].includes(period as number) ||
  (Number.isInteger(period) && (period as number) > 0 && (period as number) % 60 === 0);

const overlaps = (a: Widget, b: Widget): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('dashboard body structure', () => {
  it('has only the top-level keys put-dashboard accepts and at least one widget', () => {
    // Act
    const body = parseBody();

    // Assess
    expect(TOP_LEVEL_KEYS).toEqual(expect.arrayContaining(Object.keys(body)));
    expect(Array.isArray(body.widgets) && body.widgets.length > 0).toBe(true);
  });

  it('uses only metric and text widgets, and at least one of each', () => {
    // Act
    const types = new Set(widgetsOf().map((widget) => widget.type));

    // Assess
    expect([...types].sort()).toEqual(['metric', 'text']);
  });

  it('places every widget on the 24-column grid with integer coordinates', () => {
    for (const widget of widgetsOf()) {
      // Assess
      for (const value of [widget.x, widget.y, widget.width, widget.height]) {
        expect(Number.isInteger(value)).toBe(true);
      }
      expect(widget.x).toBeGreaterThanOrEqual(0);
      expect(widget.y).toBeGreaterThanOrEqual(0);
      expect(widget.width).toBeGreaterThanOrEqual(1);
      expect(widget.height).toBeGreaterThanOrEqual(1);
      expect(widget.x + widget.width).toBeLessThanOrEqual(GRID_COLUMNS);
    }
  });

  it('never overlaps two widgets', () => {
    // Prepare
    const widgets = widgetsOf();

    // Act
    const overlapping = widgets.flatMap((a, index) =>
      widgets
        .slice(index + 1)
        .filter((b) => overlaps(a, b))
        .map((b) => [a, b]),
    );

    // Assess
    expect(overlapping).toEqual([]);
  });

  it('gives every metric widget a title and every text widget markdown', () => {
    for (const widget of widgetsOf()) {
      // Assess
      const text = widget.type === 'metric' ? widget.properties.title : widget.properties.markdown;
      expect(typeof text === 'string' && text.trim().length > 0).toBe(true);
    }
  });

  it('queries every metric widget in the requested region', () => {
    for (const widget of metricWidgets()) {
      // Assess
      expect(widget.properties.region).toBe(PARAMETERS.region);
    }
  });

  it('writes metric rows as namespace, name, dimension pairs and options, or one expression', () => {
    for (const row of metricWidgets().flatMap(rowsOf)) {
      // Assess
      if (isExpressionRow(row)) {
        const { expression, id, label } = optionsOf(row);
        expect([typeof expression, typeof id, typeof label]).toEqual([
          'string',
          'string',
          'string',
        ]);
        continue;
      }
      const names = isRecord(row.at(-1)) ? row.slice(0, -1) : row;
      expect(names.every((item) => typeof item === 'string' && item.length > 0)).toBe(true);
      expect(names.length).toBeGreaterThanOrEqual(2);
      expect(names.length % 2).toBe(0);
      expect(optionsOf(row)).not.toHaveProperty('expression');
    }
  });

  it('gives ids that are unique in their widget and start with a lowercase letter', () => {
    for (const widget of metricWidgets()) {
      // Act
      const ids = rowsOf(widget).flatMap((row) => optionsOf(row).id ?? []);

      // Assess
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(METRIC_ID);
    }
  });

  it('refers only to ids defined in the same widget from every metric-math expression', () => {
    for (const widget of metricWidgets()) {
      // Prepare
      const ids = new Set(rowsOf(widget).flatMap((row) => optionsOf(row).id ?? []));
      const expressions = rowsOf(widget).filter(isExpressionRow);

      for (const row of expressions) {
        // Act: identifiers not followed by "(" are metric ids; the others are functions.
        const expression = optionsOf(row).expression as string;
        const references = expression.match(/\b[A-Za-z_]\w*\b(?!\s*\()/g) ?? [];

        // Assess
        expect(references.length).toBeGreaterThan(0);
        for (const reference of references) expect(ids).toContain(reference);
      }
    }
  });

  it('uses only valid statistics and periods', () => {
    for (const widget of metricWidgets()) {
      // Prepare
      const settings = [widget.properties, ...rowsOf(widget).map(optionsOf)];

      for (const { stat, period } of settings) {
        // Assess
        if (stat !== undefined) expect(stat).toMatch(STATISTIC);
        if (period !== undefined) expect(isValidPeriod(period)).toBe(true);
      }
    }
  });
});

describe('dashboard parameters', () => {
  const annotationValues = (parameters: DashboardParameters): unknown[] =>
    widgetsOf(parameters)
      .filter((widget) => !String(widget.properties.title).startsWith('Alarm:'))
      .flatMap((widget) => {
        const annotations = widget.properties.annotations as { horizontal?: { value: unknown }[] };
        return annotations?.horizontal?.map((annotation) => annotation.value) ?? [];
      });

  it('draws the configured maximum as a horizontal annotation', () => {
    // Act
    const values = annotationValues(PARAMETERS);

    // Assess
    expect(values).toEqual([250]);
  });

  it('draws the default maximum of 100 when maxEntries is not given', () => {
    // Act
    const values = annotationValues({ ...PARAMETERS, maxEntries: undefined });

    // Assess
    expect(values).toEqual([100]);
  });

  it('keeps a service name with quotes, backslashes and placeholder look-alikes verbatim', () => {
    // Prepare
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the value must look like a placeholder
    const service = 'say "hi" \\ ${Namespace}';

    // Act
    const rows = widgetsOf({ ...PARAMETERS, service })
      .filter((widget) => widget.type === 'metric')
      .flatMap(rowsOf)
      .filter((row) => !isExpressionRow(row));

    // Assess
    for (const row of rows) expect(row[3]).toBe(service);
  });

  it('leaves no placeholder behind', () => {
    // Act
    const body = renderDashboardBody(PARAMETERS);

    // Assess
    expect(body).not.toContain('${');
  });

  it.each([
    ['an empty namespace', { namespace: '' }, '`namespace` must be 1 to 255'],
    [
      'a reserved namespace',
      { namespace: 'AWS/Lambda' },
      'not starting with "AWS/", got a string of 10 characters',
    ],
    ['a 256-character namespace', { namespace: 'a'.repeat(256) }, '`namespace`'],
    ['a non-ASCII namespace', { namespace: 'café' }, 'got a string of 4 characters'],
    ['a blank service', { service: '  ' }, '`service` must be a non-blank string of at most 1024'],
    ['a 1025-character service', { service: 's'.repeat(1025) }, '`service`'],
    ['a region that is not one', { region: 'x' }, '`region` must look like "us-east-1", got "x"'],
    ['an upper-case region', { region: 'US-EAST-1' }, '`region`'],
    ['a maximum of 0', { maxEntries: 0 }, '`maxEntries` must be an integer from 1 to 10000, got 0'],
    ['a maximum of 10001', { maxEntries: 10001 }, 'got 10001'],
    ['a fractional maximum', { maxEntries: 1.5 }, 'got 1.5'],
  ])('refuses %s with a message naming the field', (_case, override, message) => {
    // Act
    const render = () => renderDashboardBody({ ...PARAMETERS, ...override });

    // Assess
    expect(render).toThrow(ClientCacheConfigError);
    expect(render).toThrow(message);
  });

  it.each(['us-east-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1'])(
    'accepts the region %s',
    (region) => {
      // Act
      const regions = widgetsOf({ ...PARAMETERS, region })
        .filter((widget) => widget.type === 'metric')
        .map((widget) => widget.properties.region);

      // Assess
      expect(new Set(regions)).toEqual(new Set([region]));
    },
  );
});
