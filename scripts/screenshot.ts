/**
 * `npm run screenshot`: the README's picture, taken as a user sees the viewer — the demo case
 * through the HTTP host in Debian's Chromium.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import globalSetup from '../e2e/support/globalSetup.js';
import { startHost } from '../e2e/support/host.js';
import { REPO_ROOT } from '../e2e/support/paths.js';

const output = process.argv[2] ?? join(REPO_ROOT, 'docs', 'screenshot.png');

globalSetup();
const host = await startHost();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(host.url);
  for (const pane of ['slide', 'variants', 'ctdna']) {
    await page.getByTestId(`pane-${pane}`).and(page.locator('[data-state=ready]')).waitFor({ timeout: 60_000 });
  }
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500); // let the last tiles fade in
  mkdirSync(join(output, '..'), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`screenshot written to ${output}`);
} finally {
  await browser.close();
  await host.stop();
}
