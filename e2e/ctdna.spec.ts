/// <reference lib="dom" />
/** The ctDNA pane on the demo case, in Chromium through the HTTP host. */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startHost, type RunningHost } from './support/host.js';

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function openCtdna(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('ctdna-plot')).toBeAttached();
}

/** The centre of the last detected point of the chart (the most recent draw of the demo). */
async function lastDetectedPoint(page: Page): Promise<{ x: number; y: number }> {
  const dot = page.locator('[data-testid="ctdna-plot"] g[fill="var(--c-detected)"] circle').last();
  const box = (await dot.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('draws the LOD and the molecular lead time on the demo case', async ({ page }) => {
  await openCtdna(page);
  await expect(page.getByTestId('ctdna-lod')).toHaveText('LOD 0.01');
  await expect(page.getByTestId('ctdna-lead-time')).toHaveText('Molecular lead time 119 days');
  await expect(page.getByTestId('ctdna-lead-note')).toContainText('119 days');
  await expect(page.getByTestId('ctdna-lead-note')).toContainText('progression');
  // Not detected draws are labelled, per-variant tracks and the tissue specimens are drawn.
  await expect(page.locator('[data-testid="ctdna-plot"] text', { hasText: '<LOD' }).first()).toBeAttached();
  await expect(page.getByTestId('ctdna-variants')).toBeAttached();
  await expect(page.getByTestId('ctdna-lanes')).toContainText('Specimens');
});

test('hovering a point shows its tooltip; clicking selects it', async ({ page }) => {
  await openCtdna(page);
  const point = await lastDetectedPoint(page);
  await page.mouse.move(point.x, point.y);
  const tooltip = page.getByTestId('ctdna-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('24 Feb 2026');
  await expect(tooltip).toContainText('17.9');
  await expect(tooltip).toContainText('Variants detected 12 of 16 tracked');
  await expect(tooltip).toContainText('↑ 2.8× from 6.4');
  await expect(tooltip).toContainText('days after');

  await expect(page.getByTestId('ctdna-selected')).toHaveCount(0);
  await page.mouse.click(point.x, point.y);
  await expect(page.getByTestId('ctdna-selected')).toContainText('24 Feb 2026');
  await expect(page.getByTestId('ctdna-selected')).toContainText('PL-13');
  // The keyboard steps to the previous draw.
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('ctdna-selected')).toContainText('20 Jan 2026');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ctdna-selected')).toHaveCount(0);

  // The tissue the cystectomy yielded (case.json) is a specimen marker the other panes can follow.
  const specimen = (await page.locator('[data-testid="ctdna-lanes"] text', { hasText: /^TS-25-0506/ }).boundingBox())!;
  await page.mouse.click(specimen.x + 4, specimen.y + specimen.height / 2);
  await expect(page.getByTestId('ctdna-selected')).toContainText('Specimen TS-25-0506-B3');
});

test('the same data as a table, on days from diagnosis', async ({ page }) => {
  await openCtdna(page);
  await page.getByTestId('ctdna-time').selectOption('diagnosis');
  await page.getByTestId('ctdna-view-table').click();
  const table = page.getByRole('table', { name: /ctDNA results: 13 draws/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(14);
  await expect(table.getByRole('rowheader').first()).toHaveText('21 Jan 2025 · day +13');
  await table.getByRole('row', { name: /4 Nov 2025/ }).click();
  await expect(page.getByTestId('ctdna-selected')).toContainText('4 Nov 2025');
});

test('exports the chart as SVG and PNG', async ({ page }) => {
  await openCtdna(page);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ctdna-export-svg').click()]);
  expect(svg.suggestedFilename()).toMatch(/^ctdna-.*\.svg$/);
  const text = readFileSync((await svg.path())!, 'utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('LOD 0.01');
  expect(text).not.toContain('var(--');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ctdna-export-png').click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(10_000);
});
