import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless run on a machine with no GPU, no sandbox and no network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** The browser window: wide enough for CloudWatch's 24-column grid to read as it does there. */
export const VIEWPORT = { width: 1400, height: 900 } as const;

/** How long the page may take to draw its charts, in milliseconds. */
const READY_TIMEOUT_MS = 15_000;

/** Whether the Chromium the preview drives is installed. */
export function chromiumInstalled(executablePath: string = CHROMIUM_PATH): boolean {
  return existsSync(executablePath);
}

/**
 * Opens the page in headless Chromium, waits until it has drawn every widget
 * (`window.__previewReady`) and writes a full-page PNG.
 *
 * @example
 * await takeScreenshot('out/dashboard-preview/dashboard.html', 'out/dashboard-preview/dashboard.png');
 */
export async function takeScreenshot(
  htmlPath: string,
  pngPath: string,
  executablePath: string = CHROMIUM_PATH,
): Promise<void> {
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    // A script error means the page never gets ready: report it now, not after the timeout.
    const failed = new Promise<never>((_resolve, reject) => {
      page.on('pageerror', (error) => reject(new Error(`The page failed: ${error.message}`)));
    });
    // Handled here too, so an error after the race is settled is not an unhandled rejection.
    failed.catch(() => undefined);
    await page.goto(pathToFileURL(htmlPath).href);
    await Promise.race([
      page.waitForFunction('window.__previewReady === true', undefined, {
        timeout: READY_TIMEOUT_MS,
      }),
      failed,
    ]);
    await page.screenshot({ path: pngPath, fullPage: true });
  } finally {
    await browser.close();
  }
}
