/**
 * The browser the editor's tests drive: the system's Chromium through playwright-core (no browser
 * download), headless, with a fresh temporary profile per launch, and where screenshots go. The test
 * command finds (or installs) Chromium and passes its path as CHROMIUM_PATH; Debian's
 * /usr/bin/chromium when run without it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = join(__dirname, '..', 'test-results');

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // Without --disable-background-networking Chromium keeps trying hosts this machine cannot reach.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    headless: true,
  });
}

/** Runs a test body and, when it fails, keeps a screenshot of what the browser showed. */
export async function withFailureShot(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: join(SCREENSHOTS, `failed-${name}.png`) }).catch(() => undefined);
    throw error;
  }
}
