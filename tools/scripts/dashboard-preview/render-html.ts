import { escapeHtml } from './markdown.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE, ROW_HEIGHT_PX } from './page-style.js';
import type { PreviewModel, WidgetModel } from './preview-model.js';
import type { ChartAssets } from './uplot-assets.js';

/**
 * The preview as one self-contained HTML page: uPlot, the data and the drawing script are all
 * inline, so the file opens offline and from anywhere. Text widgets are rendered here; metric
 * widgets are drawn by the page from the JSON model it carries.
 *
 * @example
 * writeFileSync('out/dashboard-preview/dashboard.html', renderHtml(model, loadChartAssets()));
 */
export function renderHtml(model: PreviewModel, assets: ChartAssets): string {
  const title = `Client cache dashboard preview: ${model.service} in ${model.namespace}`;
  const periods = [
    ...new Set(
      model.widgets.flatMap((widget) =>
        widget.kind === 'metric' ? [widget.chart.periodSeconds] : [],
      ),
    ),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${assets.stylesheet}</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p>A local preview of <code>${escapeHtml(model.definitionFile ?? 'dashboards/client-cache.json')}</code> from ${model.emfLines} EMF lines in
<code>${escapeHtml(model.source)}</code>, ${escapeHtml(describeRange(model))} UTC, period
${periods.map((period) => `${period} s`).join(', ')}. Not CloudWatch: see docs/dashboard-preview.md.</p>
</header>
<main class="grid" style="grid-template-rows: ${rowTracks(model.widgets)}">
${model.widgets.map(renderWidget).join('\n')}
</main>
<script type="application/json" id="preview-model">${scriptJson(pageModel(model))}</script>
<script>${assets.script}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * A row that only text widgets cover takes the height of their text: CloudWatch's fonts and row
 * height differ from a browser's, so its row count would leave the text short or blank below.
 */
function rowTracks(widgets: readonly WidgetModel[]): string {
  const rows = Math.max(0, ...widgets.map(({ layout }) => layout.y + layout.height));
  return Array.from({ length: rows }, (_, row) =>
    widgets.some(
      ({ kind, layout }) => kind === 'metric' && row >= layout.y && row < layout.y + layout.height,
    )
      ? `${ROW_HEIGHT_PX}px`
      : 'auto',
  ).join(' ');
}

function renderWidget(widget: WidgetModel, index: number): string {
  const { x, y, width, height } = widget.layout;
  const place = `grid-column: ${x + 1} / span ${width}; grid-row: ${y + 1} / span ${height}`;
  const open = `<section class="widget ${widget.kind}" id="widget-${index}" data-kind="${widget.kind}" style="${place}">`;
  if (widget.kind === 'text') return `${open}\n${widget.html}\n</section>`;
  const { title, series, annotations } = widget.chart;
  const legend = [
    ...series.map((line) => legendItem(line.label, line.color, false)),
    ...annotations.map((mark) => legendItem(`${mark.label} (${mark.value})`, mark.color, true)),
  ];
  return `${open}
<h2>${escapeHtml(title)}</h2>
<div class="chart"></div>
<ul class="legend">${legend.join('')}</ul>
</section>`;
}

function legendItem(label: string, givenColor: string, dashed: boolean): string {
  // Only a hex colour goes into a style attribute; anything else could carry more CSS.
  const color = /^#[0-9a-f]{3,8}$/i.test(givenColor) ? givenColor : '#888888';
  const swatch = dashed
    ? `<span class="swatch dashed" style="border-color: ${color}"></span>`
    : `<span class="swatch" style="background: ${color}"></span>`;
  return `<li>${swatch}${escapeHtml(label)}</li>`;
}

function pageModel(model: PreviewModel): unknown {
  return {
    widgets: model.widgets.map((widget, index) =>
      widget.kind === 'text' ? { index, kind: 'text' } : { index, kind: 'metric', ...widget.chart },
    ),
  };
}

/** JSON safe inside a `<script>` element: no `</script>`, no `<!--`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function describeRange(model: PreviewModel): string {
  const format = (timestamp: number): string =>
    new Date(timestamp).toISOString().slice(0, 16).replace('T', ' ');
  return `${format(model.firstTimestamp)} to ${format(model.lastTimestamp)}`;
}
