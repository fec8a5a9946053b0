/**
 * The session restored per case (issue 6): the selected variant, the filters, the igv.js locus and
 * the pane layout come back when the case is opened again — after a reload, and after another case
 * was open in between.
 */
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_VERSION } from '../electron/services/demo/ensureDemoCase.js';
import { E2E_CACHE, SHARED_DATA_DIR } from './support/paths.js';
import { callHost, startHost } from './support/host.js';

async function ready(page: Page): Promise<void> {
  for (const pane of ['slide', 'variants', 'ctdna'])
    await expect(page.getByTestId(`pane-${pane}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('genome-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

test('a case reopens with its selected variant, filters, locus and layout', async ({ page }) => {
  const caseDir = mkdtempSync(join(E2E_CACHE, 'session-case-'));
  cpSync(join(SHARED_DATA_DIR, 'demo-case', `v${DEMO_VERSION}`), caseDir, { recursive: true });
  const other = mkdtempSync(join(E2E_CACHE, 'session-other-'));
  writeFileSync(join(other, 'results.csv'), 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n');
  const host = await startHost({ casePath: caseDir });
  try {
    await page.goto(host.url);
    await ready(page);
    const row = (gene: string) => page.locator(`[data-testid=variant-row][data-gene=${gene}]`).first();
    await page.getByTestId('variant-preset-tumor-board').click();
    const countWithPreset = (await page.getByTestId('variant-count').textContent())!;
    expect(countWithPreset).not.toMatch(/^(\d+) of \1$/); // the preset leaves some out
    await row('FGFR3').click();
    const search = page.locator('[data-testid=genome-view] .igv-search-input');
    await search.fill('chr17:7,668,000-7,688,000');
    await search.press('Enter');
    await expect(page.getByTestId('genome-locus')).toContainText('chr17:7668');
    await page.getByTestId('pane-ctdna-collapse').click();
    await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-collapsed', 'true');
    // The slide: 10× and rotated a quarter turn.
    const magnification = page.getByTestId('slide-magnification');
    const fitted = await magnification.textContent();
    await page.getByTestId('slide-more-tools').click();
    await page.getByTestId('slide-mag-10').click();
    await expect(magnification).toHaveText('10×');
    await page.getByTestId('slide-rotate').click();
    await page.waitForTimeout(800); // the session is saved a moment after the last change

    const check = async () => {
      await ready(page);
      await expect(row('FGFR3')).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('genome-locus')).toContainText('chr17:7668');
      await expect(page.getByTestId('variant-preset-tumor-board')).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('variant-count')).toHaveText(countWithPreset);
      await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-collapsed', 'true');
      await expect(page.getByTestId('slide-viewer')).toHaveAttribute('data-ready', 'true');
      await expect(magnification).toHaveText('10×');
      await expect(magnification).not.toHaveText(fitted!);
      await expect(page.getByTestId('slide-rotate')).toHaveAttribute('data-rotation', '90');
    };
    await page.reload();
    await check();

    // Another case in between, with its own layout: the first comes back as it was left.
    await page.getByTestId('pane-ctdna-restore').first().click();
    await expect(page.getByTestId('pane-ctdna')).not.toHaveAttribute('data-collapsed', 'true');
    await page.getByTestId('pane-ctdna-collapse').click();
    await page.waitForTimeout(800);
    await callHost(host, 'case.open', { path: other });
    await page.reload();
    await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.getByTestId('pane-ctdna-restore').first().click();
    await expect(page.getByTestId('pane-ctdna')).not.toHaveAttribute('data-collapsed', 'true');
    await page.waitForTimeout(800);
    await callHost(host, 'case.open', { path: caseDir });
    await page.reload();
    await check();
  } finally {
    await host.stop();
  }
});
