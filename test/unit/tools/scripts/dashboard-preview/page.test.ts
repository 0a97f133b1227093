/**
 * Covers the dashboard preview's page (tools/scripts/dashboard-preview): every widget of the shipped
 * dashboard, after placeholder substitution, becomes a widget of the page; text widgets render
 * their markdown with HTML escaped; the page is self-contained, with uPlot and the data inline.
 */

import {
  CLIENT_CACHE_ALARMS,
  type ClientCacheAlarmKey,
} from '../../../../../src/dashboard/alarm-definitions.js';
import { renderDashboardBody } from '../../../../../src/dashboard/render-dashboard.js';
import { renderMarkdown } from '../../../../../tools/scripts/dashboard-preview/markdown.js';
import { buildPreviewModel } from '../../../../../tools/scripts/dashboard-preview/preview-model.js';
import { readEmf } from '../../../../../tools/scripts/dashboard-preview/read-emf.js';
import { renderHtml } from '../../../../../tools/scripts/dashboard-preview/render-html.js';
import { loadChartAssets } from '../../../../../tools/scripts/dashboard-preview/uplot-assets.js';
import { buildPreviewEmfLog, PREVIEW_FIXTURE } from '../../../../support/preview-emf-fixture.js';

const ARNS = Object.fromEntries(
  CLIENT_CACHE_ALARMS.map(({ key }) => [
    key,
    `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${key}`,
  ]),
) as Record<ClientCacheAlarmKey, string>;

/** The widgets of the rendered dashboard with its alarms: the page draws each of them. */
const shippedWidgetCount = (
  JSON.parse(renderDashboardBody({ ...PREVIEW_FIXTURE, region: 'us-east-1', alarmArns: ARNS })) as {
    widgets: unknown[];
  }
).widgets.length;

interface ShippedWidget {
  type: string;
  properties: { title?: string; markdown?: string };
}

const { namespace, service, maxEntries } = PREVIEW_FIXTURE;

function fixtureModel() {
  const reading = readEmf(buildPreviewEmfLog().join('\n'), 'fixture.jsonl');
  return buildPreviewModel(reading, 'fixture.jsonl', { maxEntries });
}

describe('the preview model', () => {
  it('has every widget of the rendered dashboard, in order, with its namespace and service', () => {
    // Prepare
    const body = JSON.parse(
      renderDashboardBody({ namespace, service, region: 'us-east-1', maxEntries, alarmArns: ARNS }),
    ) as { widgets: ShippedWidget[] };

    // Act
    const model = fixtureModel();

    // Assess
    expect(model).toMatchObject({ namespace, service, emfLines: 32 });
    // The alarm status widget is drawn as text: the alarms evaluated locally.
    expect(model.widgets.map((widget) => widget.kind)).toEqual(
      body.widgets.map((widget) => (widget.type === 'alarm' ? 'text' : widget.type)),
    );
    const status = model.widgets[1];
    expect(status?.kind === 'text' && status.html).toContain('Alarms, evaluated locally');
    expect(
      model.widgets.map((widget) => (widget.kind === 'metric' ? widget.chart.title : undefined)),
    ).toEqual(
      body.widgets.map((widget) =>
        widget.type === 'metric' ? widget.properties.title : undefined,
      ),
    );
    const [text] = model.widgets;
    expect(text?.kind === 'text' && text.html).toContain(
      `service <code>${service}</code> in namespace <code>${namespace}</code>`,
    );
  });

  it('gives every metric widget points over the 30 minutes, one a minute', () => {
    // Act
    const model = fixtureModel();

    // Assess
    for (const widget of model.widgets) {
      if (widget.kind !== 'metric') continue;
      expect(widget.chart.periodSeconds).toBe(60);
      expect(widget.chart.xs).toHaveLength(PREVIEW_FIXTURE.minutes);
      const points = widget.chart.series.flatMap((line) => line.values.filter((v) => v !== null));
      expect(points.length).toBeGreaterThan(0);
    }
  });
});

describe('text widget markdown', () => {
  it('renders headings, paragraphs, lists, inline code, bold and italic', () => {
    // Act
    const html = renderMarkdown('## Title `x`\nOne\ntwo *it*\n\n**Bold:**\n* a `b`\n* c');

    // Assess
    expect(html.replace(/\n/g, ' ').replace(/> </g, '><')).toBe(
      '<h2>Title <code>x</code></h2><p>One two <em>it</em></p><p><strong>Bold:</strong></p>' +
        '<ul><li>a <code>b</code></li><li>c</li></ul> ',
    );
  });

  it('escapes HTML, inside code too, and links only http(s)', () => {
    // Act
    const inline = renderMarkdown('Hi <script>alert(1)</script> `<b>` [x](javascript:alert(1))');
    const block = renderMarkdown('<div onclick="alert(1)">hi</div>');

    // Assess
    expect(inline).toBe(
      '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; <code>&lt;b&gt;</code> x</p>\n',
    );
    expect(block).toBe('&lt;div onclick=&quot;alert(1)&quot;&gt;hi&lt;/div&gt;');
  });
});

describe('the HTML page', () => {
  it('inlines uPlot and the data, and loads nothing from elsewhere', () => {
    // Act
    const html = renderHtml(fixtureModel(), loadChartAssets());

    // Assess
    expect(html).toContain(loadChartAssets().script);
    expect(html).toContain('<script type="application/json" id="preview-model">');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import/);
    expect(html.match(/<section class="widget /g)).toHaveLength(shippedWidgetCount);
  });

  it('keeps a service name that looks like markup out of the page markup', () => {
    // Prepare
    const tricky = '</script><b>x</b>';
    const line = buildPreviewEmfLog()
      .filter((entry) => entry.includes('ClientCacheHit'))
      .map((entry) =>
        entry.replace(`"service":"${service}"`, `"service":${JSON.stringify(tricky)}`),
      )
      .join('\n');

    // Act
    const html = renderHtml(
      buildPreviewModel(readEmf(line, 'x.jsonl'), 'x.jsonl', {}),
      loadChartAssets(),
    );

    // Assess
    expect(html).not.toContain(tricky);
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;');
  });
});
