/**
 * Covers `npm run dashboard:preview --fleet` end to end in headless Chromium: three services'
 * EMF drawn as the fleet dashboard, every metric widget with a line per service, and a PNG
 * written. Skips only when /usr/bin/chromium is absent (CI installs it).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { runPreviewCommand } from '../../../../../tools/scripts/dashboard-preview/command.js';
import { VIEWPORT } from '../../../../../tools/scripts/dashboard-preview/screenshot.js';
import {
  type DrawnWidget,
  describePreviewInChromium,
  SETUP_TIMEOUT_MS,
} from '../../../../support/preview-browser.js';
import { PREVIEW_FIXTURE, previewEmfLine } from '../../../../support/preview-emf-fixture.js';

describePreviewInChromium(': the fleet view', (sharedBrowser) => {
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
