import { expect, test } from '@playwright/test';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_CACHE } from './support/paths.js';
import { startHost, waitForCase } from './support/host.js';

const VCF = [
  '##fileformat=VCFv4.2',
  '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="depths">',
  '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR',
  'chr4\t1801841\t.\tC\tG\t50\tPASS\tGENE=FGFR3\tAD\t20,18',
  '',
].join('\n');

test('a pane whose file went missing says so, and recovers once the file is back', async ({ page }) => {
  const dir = mkdtempSync(join(E2E_CACHE, 'recovery-case-'));
  writeFileSync(join(dir, 'tumor.vcf'), VCF);
  writeFileSync(join(dir, 'results.csv'), 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n');
  const host = await startHost({ casePath: dir });
  try {
    await waitForCase(host);
    // The file disappears after the case was opened (a network share dropping, a user moving it).
    renameSync(join(dir, 'tumor.vcf'), join(dir, 'moved-away'));
    await page.goto(host.url);
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(page.getByTestId('pane-variants-error')).toContainText('tumor.vcf');
    await expect(page.getByTestId('pane-ctdna')).toHaveAttribute('data-state', 'ready');

    renameSync(join(dir, 'moved-away'), join(dir, 'tumor.vcf'));
    await page.getByTestId('pane-variants-retry').click();
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('variant-row')).toHaveCount(1);
  } finally {
    await host.stop();
  }
});
