/**
 * Covers `npm run dashboard:preview` end to end in a real browser. The command (run in-process
 * here; test/unit/tools/scripts/dashboard-preview/preview-command.test.ts runs it as a process) draws the fixture's 30 minutes of
 * EMF into dashboard.html and dashboard.png. The HTML, opened offline in headless Chromium
 * through playwright-core, draws every widget of the shipped dashboard: a canvas with data for
 * each metric widget, the markdown for the text widget. The PNG is a real full-page image.
 * Then, for the fixture and for a demo run's bursts, at three window widths: every legend line
 * has pixels of its colour on the canvas, no two axis tick labels overlap or leave the canvas,
 * and the text widget ends where its text ends.
 * Skips only when /usr/bin/chromium is absent (CI installs it).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { runPreviewCommand } from '../../../../../tools/scripts/dashboard-preview/command.js';
import { buildPreviewModel } from '../../../../../tools/scripts/dashboard-preview/preview-model.js';
import { readEmf } from '../../../../../tools/scripts/dashboard-preview/read-emf.js';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumInstalled,
  VIEWPORT,
} from '../../../../../tools/scripts/dashboard-preview/screenshot.js';
import {
  buildDemoBurstLog,
  buildPreviewEmfLog,
  PREVIEW_FIXTURE,
  previewEmfLine,
} from '../../../../support/preview-emf-fixture.js';

interface DrawnWidget {
  index: number;
  kind: 'text' | 'metric';
  title: string;
  series: number;
  points: number;
  canvas: boolean;
  textLength: number;
}

const describeWithChromium = chromiumInstalled() ? describe : describe.skip;
// One Chromium for the file (each test opens its own page): a launch takes seconds on a loaded machine.
let browserLaunch: Promise<Browser> | undefined;
const sharedBrowser = (): Promise<Browser> =>
  (browserLaunch ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] }));
afterAll(async () => {
  await browserLaunch?.then(
    (browser) => browser.close(),
    () => undefined,
  );
});
// Rendering a PNG and starting Chromium take seconds, far longer on a loaded 2-core CI machine
// running the suite under another Node version; a hook that timed out left Chromium running.
const SETUP_TIMEOUT_MS = 120_000;
const title = chromiumInstalled()
  ? 'the dashboard preview in headless Chromium'
  : `the dashboard preview in headless Chromium (skipped: ${CHROMIUM_PATH} is absent; apt-get install chromium)`;

describeWithChromium(title, () => {
  const log = buildPreviewEmfLog().join('\n');
  const maxEntries = String(PREVIEW_FIXTURE.maxEntries);
  const command = { status: -1, stdout: '', stderr: '' };
  let directory: string;
  let input: string;
  let browser: Browser;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'preview-browser-'));
    input = join(directory, 'fixture.jsonl');
    writeFileSync(input, log);
    const args = ['--input', input, '--out', directory, '--max-entries', maxEntries, '--png'];
    command.status = await runPreviewCommand(args, {
      stdout: (text) => {
        command.stdout += text;
      },
      stderr: (text) => {
        command.stderr += text;
      },
    });
    browser = await sharedBrowser();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes the HTML and the PNG and exits with status 0', () => {
    // Assess: the one run of the preview, in beforeAll
    expect(command.stderr).toBe('');
    expect(command.status).toBe(0);
    expect(command.stdout).toContain(`Wrote ${join(directory, 'dashboard.png')}`);
  });

  it('draws every widget of the dashboard, each metric widget with the points of its data', async () => {
    // Prepare
    const model = buildPreviewModel(readEmf(log, input), input, {
      maxEntries: PREVIEW_FIXTURE.maxEntries,
    });
    const page = await browser.newPage({ viewport: VIEWPORT });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));

    // Act
    await page.goto(pathToFileURL(join(directory, 'dashboard.html')).href);
    await page.waitForFunction('window.__previewReady === true', undefined, { timeout: 10_000 });
    const drawn = (await page.evaluate('window.__previewWidgets')) as DrawnWidget[];
    const textWidget = await page.locator('#widget-0').textContent();

    // Assess
    expect(drawn.map((widget) => widget.kind)).toEqual(model.widgets.map((widget) => widget.kind));
    model.widgets.forEach((widget, index) => {
      const shown = drawn[index] as DrawnWidget;
      if (widget.kind === 'text') {
        expect(shown.textLength).toBeGreaterThan(200);
        return;
      }
      const points = widget.chart.series.flatMap((line) => line.values.filter((v) => v !== null));
      expect(shown).toMatchObject({
        title: widget.chart.title,
        canvas: true,
        series: widget.chart.series.length,
        points: points.length,
      });
      expect(shown.points).toBeGreaterThan(0);
    });
    expect(textWidget).toContain(`AWS client cache: service ${PREVIEW_FIXTURE.service}`);
    expect(requests.every((url) => url.startsWith('file:'))).toBe(true);
    await page.close();
  });

  it('writes a full-page PNG of the dashboard', () => {
    // Prepare
    const png = readFileSync(join(directory, 'dashboard.png'));

    // Act: the IHDR chunk follows the 8-byte signature and its 8-byte length and type.
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);

    // Assess
    expect(statSync(join(directory, 'dashboard.png')).size).toBeGreaterThan(10 * 1024);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(width).toBe(VIEWPORT.width);
    expect(height).toBeGreaterThanOrEqual(VIEWPORT.height);
    expect(height).toBeLessThan(3000);
  });
});

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

describeWithChromium(`${title}: what a person sees at each width`, () => {
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

describeWithChromium(`${title}: the fleet view`, () => {
  // Three services, one invocation a minute for 30 minutes, each with its own miss rate.
  const services = { 'lease-costs': 0, 'lease-reports': 1, 'lease-alerts': 5 } as const;
  const log = Object.entries(services)
    .flatMap(([service, misses]) =>
      Array.from({ length: 30 }, (_, minute) =>
        previewEmfLine(
          PREVIEW_FIXTURE.start + minute * 60_000,
          {
            ClientCacheHit: 20,
            ClientCacheMiss: misses,
            ClientCacheEvictionMiss: misses,
            RequestsSent: 25,
            ConnectionsOpened: 1,
            CredentialRefreshFailure: 0,
          },
          { service },
        ),
      ),
    )
    .join('\n');
  let directory: string;
  let browser: Browser;
  let status = -1;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'preview-fleet-'));
    const input = join(directory, 'fleet.jsonl');
    writeFileSync(input, log);
    status = await runPreviewCommand(['--fleet', '--input', input, '--out', directory, '--png'], {
      stdout: () => undefined,
      stderr: () => undefined,
    });
    browser = await sharedBrowser();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('draws every fleet widget with a line for each of the three services', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: VIEWPORT });

    // Act
    await page.goto(pathToFileURL(join(directory, 'dashboard.html')).href);
    await page.waitForFunction('window.__previewReady === true', undefined, { timeout: 10_000 });
    const drawn = (await page.evaluate('window.__previewWidgets')) as DrawnWidget[];

    // Assess
    expect(status).toBe(0);
    expect(statSync(join(directory, 'dashboard.png')).size).toBeGreaterThan(0);
    expect(drawn.map((widget) => widget.kind)).toEqual(['text', ...Array(6).fill('metric')]);
    for (const widget of drawn.filter(({ kind }) => kind === 'metric')) {
      expect(widget).toMatchObject({ canvas: true, series: 3, points: 90 });
    }
    await page.close();
  });
});
