/**
 * The script the page runs once uPlot has loaded: it draws each metric widget from the JSON model
 * in `#preview-model`, then publishes what it drew for tests and the screenshot to wait on:
 * `window.__previewWidgets` (per widget: kind, title, series and non-empty data points counted
 * from the chart's own data, whether a canvas exists, text length), `window.__previewCharts`
 * (the uPlot instances by widget index, for the browser test) and `window.__previewReady`.
 *
 * Plain ES2020 in a string: it runs in the browser, untranspiled, with no module loader.
 */
export const PAGE_SCRIPT = `(() => {
  'use strict';
  const model = JSON.parse(document.getElementById('preview-model').textContent);
  const utc = (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');
  const minutes = uPlot.fmtDate('{HH}:{mm}');
  const seconds = uPlot.fmtDate('{HH}:{mm}:{ss}');

  // uPlot hides points on a dense line; a value with gaps on both sides would then vanish.
  const isolatedPoints = (chart, seriesIndex, show) => {
    if (show) return null;
    const values = chart.data[seriesIndex];
    const found = [];
    values.forEach((value, at) => {
      if (value != null && values[at - 1] == null && values[at + 1] == null) found.push(at);
    });
    return found.length > 0 ? found : null;
  };

  const yRange = (widget) => (_chart, dataMin, dataMax) => {
    const marks = widget.annotations.map((annotation) => annotation.value);
    const low = Math.min(dataMin ?? 0, ...marks);
    const high = Math.max(dataMax ?? 1, ...marks);
    const [niceLow, niceHigh] = uPlot.rangeNum(low, high === low ? low + 1 : high, 0.15, true);
    const min = widget.yAxis.min ?? niceLow;
    const max = widget.yAxis.max ?? Math.max(niceHigh, min + 1);
    return [min, max];
  };

  const drawAnnotations = (widget) => (chart) => {
    const { ctx, bbox } = chart;
    const ratio = window.devicePixelRatio || 1;
    for (const annotation of widget.annotations) {
      const y = Math.round(chart.valToPos(annotation.value, 'y', true));
      ctx.save();
      ctx.strokeStyle = annotation.color;
      ctx.fillStyle = annotation.color;
      ctx.lineWidth = 1.5 * ratio;
      ctx.setLineDash([6 * ratio, 4 * ratio]);
      ctx.beginPath();
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
      ctx.stroke();
      ctx.font = 11 * ratio + 'px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(annotation.label + ' ' + annotation.value, bbox.left + 6 * ratio, y - 4 * ratio);
      ctx.restore();
    }
  };

  // Tick labels stay apart at any widget width: uPlot spaces ticks by this many pixels.
  const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = AXIS_FONT;
  const tickSpace = (sample) => Math.ceil(measure.measureText(sample).width) + 16;

  const options = (widget, target) => {
    const clock = widget.periodSeconds < 60 ? seconds : minutes;
    const axis = { stroke: '#555', font: AXIS_FONT, grid: { stroke: '#eee' }, ticks: { stroke: '#ddd' } };
    return {
      width: Math.max(target.clientWidth, 200),
      height: Math.max(target.clientHeight, 100),
      tzDate: utc,
      legend: { show: false },
      // Room on the right for the last time label, which uPlot centres on its tick.
      padding: [10, 28, 0, 0],
      scales: { x: { time: true }, y: { range: yRange(widget) } },
      axes: [
        { ...axis, space: tickSpace(widget.periodSeconds < 60 ? '00:00:00' : '00:00'),
          // Ticks on whole periods only, so a minute's label never repeats at its half.
          incrs: [1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440].map((n) => n * widget.periodSeconds),
          values: (_chart, splits) => splits.map((split) => clock(utc(split))) },
        { ...axis, space: 30, label: widget.yAxis.label, size: 48, labelSize: 18 },
      ],
      series: [
        {},
        ...widget.series.map((line, position) => ({
          label: line.label,
          stroke: line.color,
          // Earlier lines are wider, so a line that another one covers still shows at its edges.
          width: 2 + 2 * (widget.series.length - 1 - position),
          spanGaps: line.joined,
          points: {
            size: 6 + 3 * (widget.series.length - 1 - position),
            fill: line.color,
            ...(line.joined ? { show: true } : { filter: isolatedPoints }),
          },
        })),
      ],
      hooks: { draw: [drawAnnotations(widget)] },
    };
  };

  const report = [];
  const charts = {};
  for (const widget of model.widgets) {
    const element = document.getElementById('widget-' + widget.index);
    if (widget.kind === 'text') {
      const text = element.innerText.trim();
      report.push({ index: widget.index, kind: 'text', title: '', series: 0, points: 0, canvas: false, textLength: text.length });
      continue;
    }
    const target = element.querySelector('.chart');
    const data = [widget.xs, ...widget.series.map((line) => line.values)];
    const chart = new uPlot(options(widget, target), data, target);
    charts[widget.index] = chart;
    const points = chart.data.slice(1).reduce(
      (count, values) => count + values.filter((value) => value !== null && value !== undefined).length,
      0,
    );
    report.push({
      index: widget.index,
      kind: 'metric',
      title: widget.title,
      series: chart.series.length - 1,
      points,
      canvas: target.querySelector('canvas') !== null,
      textLength: 0,
    });
  }
  window.__previewWidgets = report;
  window.__previewCharts = charts;
  window.__previewReady = true;
})();
`;
