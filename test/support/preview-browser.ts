/**
 * The headless Chromium of the dashboard preview's browser tests (through
 * playwright-core): one browser per test file, skipped where
 * /usr/bin/chromium is absent (CI installs it), and what the preview page
 * reports of each widget it drew.
 */
import { type Browser, chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumInstalled,
} from '../../tools/scripts/dashboard-preview/screenshot.js';

/** What the preview page reports of each widget it drew (`window.__previewWidgets`). */
export interface DrawnWidget {
  index: number;
  kind: 'text' | 'metric';
  title: string;
  series: number;
  points: number;
  canvas: boolean;
  textLength: number;
}

const describeWithChromium = chromiumInstalled() ? describe : describe.skip;

// Rendering a PNG and starting Chromium take seconds, far longer on a loaded 2-core CI machine
// running the suite under another Node version; a hook that timed out left Chromium running.
export const SETUP_TIMEOUT_MS = 120_000;

/** The title of the browser tests' describe blocks, saying why they were skipped if they were. */
const PREVIEW_BROWSER_TITLE = chromiumInstalled()
  ? 'the dashboard preview in headless Chromium'
  : `the dashboard preview in headless Chromium (skipped: ${CHROMIUM_PATH} is absent; apt-get install chromium)`;

/**
 * One Chromium for the file (each test opens its own page): a launch takes
 * seconds on a loaded machine. Launched at the first call, closed after the
 * file's last test.
 */
function useSharedBrowser(): () => Promise<Browser> {
  let browserLaunch: Promise<Browser> | undefined;
  afterAll(async () => {
    await browserLaunch?.then(
      (browser) => browser.close(),
      () => undefined,
    );
  });
  return () =>
    (browserLaunch ??= chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    }));
}

/**
 * A describe block of the browser tests, titled after what it looks at
 * (`titleSuffix`) and skipped without Chromium; `body` gets the file's one
 * browser. Call it at the top of a file.
 */
export function describePreviewInChromium(
  titleSuffix: string,
  body: (sharedBrowser: () => Promise<Browser>) => void,
): void {
  const sharedBrowser = useSharedBrowser();
  describeWithChromium(`${PREVIEW_BROWSER_TITLE}${titleSuffix}`, () => body(sharedBrowser));
}
