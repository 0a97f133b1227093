/**
 * Covers what a person sees of `npm run dashboard:preview`'s HTML in headless Chromium, for the
 * fixture and for a demo run's bursts, at three window widths: every legend line has pixels of
 * its colour on the canvas, no two axis tick labels overlap or leave the canvas, and the text
 * widget ends where its text ends. Skips only when /usr/bin/chromium is absent (CI installs it).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { runPreviewCommand } from '../../../../../tools/scripts/dashboard-preview/command.js';
import { buildPreviewModel } from '../../../../../tools/scripts/dashboard-preview/preview-model.js';
import { readEmf } from '../../../../../tools/scripts/dashboard-preview/read-emf.js';
import {
  describePreviewInChromium,
  SETUP_TIMEOUT_MS,
} from '../../../../support/preview-browser.js';
import { buildDemoBurstLog, buildPreviewEmfLog } from '../../../../support/preview-emf-fixture.js';

interface ChartFacts {
  index: number;
  /** Per legend line: canvas pixels within a small distance of its colour. */
  pixels: number[];
  /** Per axis: the tick labels' extents along the axis, in canvas pixels, in order. */
  ticks: { extent: number; labels: { text: string; from: number; to: number }[] }[];
}

/** Measures, on each chart's own canvas, what a person would see: colours and tick labels. */
async function chartFacts(page: Page, colors: Record<number, string[]>): Promise<ChartFacts[]> {
  return page.evaluate((wanted) => {
    const charts = (globalThis as unknown as { __previewCharts: Record<number, UPlotLike> })
      .__previewCharts;
    return Object.entries(wanted).map(([index, hexes]) => {
      const chart = charts[Number(index)] as UPlotLike;
      const { ctx } = chart;
      const { width, height } = ctx.canvas;
      const image = ctx.getImageData(0, 0, width, height).data;
      const pixels = hexes.map((hex) => {
        const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
        let count = 0;
        for (let at = 0; at < image.length; at += 4) {
          const distance =
            Math.abs((image[at] as number) - (r as number)) +
            Math.abs((image[at + 1] as number) - (g as number)) +
            Math.abs((image[at + 2] as number) - (b as number));
          if (distance < 40) count++;
        }
        return count;
      });
      const ticks = chart.axes.map((axis, axisIndex) => {
        const horizontal = axisIndex === 0;
        const [font, size] = axis.font;
        ctx.save();
        ctx.font = font;
        const labels = (axis._splits ?? []).map((split, at) => {
          const text = String(axis._values?.[at] ?? '');
          const centre = chart.valToPos(split, horizontal ? 'x' : 'y', true);
          const half = (horizontal ? ctx.measureText(text).width : size) / 2;
          return { text, from: centre - half, to: centre + half };
        });
        ctx.restore();
        return { extent: horizontal ? width : height, labels };
      });
      return { index: Number(index), pixels, ticks };
    });
  }, colors);
}

/** The parts of uPlot and its canvas the test reads; the test's tsconfig has no DOM types. */
interface UPlotLike {
  ctx: {
    canvas: { width: number; height: number };
    font: string;
    getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
    measureText(text: string): { width: number };
    save(): void;
    restore(): void;
  };
  axes: { font: [string, number]; _splits?: number[]; _values?: unknown[] }[];
  valToPos(value: number, scale: string, canvasPixels: boolean): number;
}

describePreviewInChromium(': what a person sees at each width', (sharedBrowser) => {
  let directory: string;
  let browser: Browser;
  const inputs = {
    fixture: { log: buildPreviewEmfLog().join('\n'), args: ['--max-entries', '8'] },
    'demo bursts': { log: buildDemoBurstLog().join('\n'), args: [] as string[] },
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'preview-widths-'));
    for (const [name, { log, args }] of Object.entries(inputs)) {
      const input = join(directory, `${name}.jsonl`);
      writeFileSync(input, log);
      const out = join(directory, name);
      const quiet = { stdout: () => undefined, stderr: () => undefined };
      await runPreviewCommand(['--input', input, '--out', out, ...args], quiet);
    }
    browser = await sharedBrowser();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
  });

  const cases = Object.keys(inputs).flatMap((name) =>
    [1024, 1400, 1920].map((width) => [name, width] as const),
  );

  it.each(cases)(
    '%s at %i px: draws every legend line, with tick labels apart and inside',
    async (name, width) => {
      // Prepare
      const { log, args } = inputs[name as keyof typeof inputs];
      const maxEntries = args.length > 0 ? Number(args[1]) : undefined;
      const model = buildPreviewModel(readEmf(log, name), name, { maxEntries });
      const colors: Record<number, string[]> = {};
      model.widgets.forEach((widget, index) => {
        if (widget.kind === 'metric') colors[index] = widget.chart.series.map((line) => line.color);
      });
      const page = await browser.newPage({ viewport: { width, height: 900 } });

      // Act
      await page.goto(pathToFileURL(join(directory, name, 'dashboard.html')).href);
      await page.waitForFunction('window.__previewReady === true', undefined, { timeout: 10_000 });
      const facts = await chartFacts(page, colors);
      // A string: the test's tsconfig has no DOM types.
      const textGap = (await page.evaluate(`(() => {
        const widget = document.querySelector('#widget-0');
        return widget.getBoundingClientRect().bottom -
          widget.lastElementChild.getBoundingClientRect().bottom;
      })()`)) as number;
      await page.close();

      // Assess
      expect(facts).toHaveLength(Object.keys(colors).length);
      for (const chart of facts) {
        const titleOf = (model.widgets[chart.index] as { chart: { title: string } }).chart.title;
        chart.pixels.forEach((count, line) => {
          expect({ titleOf, line, drawn: count > 0 }).toEqual({ titleOf, line, drawn: true });
        });
        for (const axis of chart.ticks) {
          expect(axis.labels.length).toBeGreaterThanOrEqual(2);
          axis.labels.forEach((label, at) => {
            const next = axis.labels[at + 1];
            // Along the y axis values grow upwards, so the extents come in either order.
            const apart =
              next === undefined || Math.max(label.from, next.from) >= Math.min(label.to, next.to);
            const inside = label.from >= 0 && label.to <= axis.extent;
            expect({ titleOf, label: label.text, apart, inside }).toEqual({
              titleOf,
              label: label.text,
              apart: true,
              inside: true,
            });
          });
        }
      }
      // The widget's padding and the paragraph's margin, no more.
      expect(textGap).toBeLessThan(24);
    },
  );
});
