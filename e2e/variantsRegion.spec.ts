/// <reference lib="dom" />
/**
 * An indexed VCF holding more variants than the table keeps: the pane says so and reads a region
 * through the index (typed, or the genome view's locus), then goes back to the file's first variants.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pastTheCapVcf, variantCount } from './support/pastTheCapVcf.js';
import { startHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

function largeCase(): string {
  const dir = mkdtempSync(join(E2E_CACHE, 'large-case-'));
  mkdirSync(join(dir, 'variants'));
  const { vcf, tbi } = pastTheCapVcf();
  writeFileSync(join(dir, 'variants', 'large.vcf.gz'), vcf);
  writeFileSync(join(dir, 'variants', 'large.vcf.gz.tbi'), tbi);
  return dir;
}

const count = variantCount;

test('past the cap, an indexed file is read by region: typed, or the genome view’s', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await startHost({ casePath: largeCase() });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await expect(page.getByTestId('genome-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const bar = page.getByTestId('region-bar');
    await expect(bar).toHaveAttribute('data-state', 'capped');
    await expect(bar).toContainText('The file holds 200,600 records; the table keeps the first 200,000 variants.');
    expect(await count(page)).toBe('200,000 of 200,000');

    // A typo is said, not sent.
    await page.getByTestId('region-input').fill('chr2 from 1 Mb');
    await page.getByTestId('region-read').click();
    await expect(page.getByTestId('region-error')).toContainText('chromosome:start-end');

    // chr2 lies past the cap: read through the index.
    await page.getByTestId('region-input').fill('chr2:1,000,000-1,099,999');
    await page.getByTestId('region-input').press('Enter');
    await expect(bar).toHaveAttribute('data-state', 'region');
    await expect(bar).toContainText('Region chr2:1,000,000-1,099,999: 100 records');
    expect(await count(page)).toBe('100 of 100');
    await expect(page.locator('[data-testid=variant-row][data-gene=GENE5]')).toBeVisible();

    // A row of the region takes igv.js there; the genome view's region is then read.
    await page.locator('[data-testid=variant-row][data-gene=GENE5]').click();
    await expect(page.getByTestId('genome-locus')).toContainText('chr2:', { timeout: 20_000 });
    await expect(page.getByTestId('variant-detail')).toContainText('p.R6Q');
    await page.getByTestId('region-back').click();
    expect(await count(page)).toBe('200,000 of 200,000');
    await page.getByTestId('region-read-locus').click();
    await expect(bar).toHaveAttribute('data-state', 'region');
    // ±50 bp around chr2:1,005,000: that one record.
    await expect(bar).toContainText(/Region chr2:1,004,9\d\d-1,005,0\d\d: 1 record,/);
    expect(await count(page)).toBe('1 of 1');
    await page.screenshot({ path: join(E2E_CACHE, 'variants-region.png') });
  } finally {
    await host.stop();
  }
});
