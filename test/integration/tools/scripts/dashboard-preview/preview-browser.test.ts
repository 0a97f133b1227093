/**
 * Covers `npm run dashboard:preview` end to end in a real browser. The command (run in-process
 * here; test/unit/tools/scripts/dashboard-preview/command.test.ts runs it as a process) draws the fixture's 30 minutes of
 * EMF into dashboard.html and dashboard.png. The HTML, opened offline in headless Chromium
 * through playwright-core, draws every widget of the shipped dashboard: a canvas with data for
 * each metric widget, the markdown for the text widget. The PNG is a real full-page image.
 * (preview-widths.test.ts checks what a person sees at each width, preview-fleet.test.ts the
 * fleet view.) Skips only when /usr/bin/chromium is absent (CI installs it).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { runPreviewCommand } from '../../../../../tools/scripts/dashboard-preview/command.js';
import { buildPreviewModel } from '../../../../../tools/scripts/dashboard-preview/preview-model.js';
import { readEmf } from '../../../../../tools/scripts/dashboard-preview/read-emf.js';
import { VIEWPORT } from '../../../../../tools/scripts/dashboard-preview/screenshot.js';
import {
  type DrawnWidget,
  describePreviewInChromium,
  SETUP_TIMEOUT_MS,
} from '../../../../support/preview-browser.js';
import { buildPreviewEmfLog, PREVIEW_FIXTURE } from '../../../../support/preview-emf-fixture.js';

describePreviewInChromium('', (sharedBrowser) => {
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
