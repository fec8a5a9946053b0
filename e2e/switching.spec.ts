/**
 * A case with two slides and two variant files (the demo has one of each): picking a slide tells the
 * other panes whose it is, and the variant-file picker switches tables — in Chromium through the host.
 */
import { expect, test } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_VERSION } from '../electron/services/demo/ensureDemoCase.js';
import { seriesUID, writeInstance } from '../tests/services/slides/fixtures/slideFixtures.js';
import { E2E_CACHE, SHARED_DATA_DIR } from './support/paths.js';
import { startHost } from './support/host.js';

const RESIDUAL_VCF = [
  '##fileformat=VCFv4.2',
  '##reference=GRCh38',
  '##INFO=<ID=GENE,Number=1,Type=String,Description="Gene">',
  '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
  '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">',
  '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
  '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tRESIDUAL',
  'chr17\t7674220\t.\tC\tT\t.\tPASS\tGENE=TP53\tGT:AF:DP\t0/1:0.31:140',
  'chr4\t1801841\t.\tC\tG\t.\tPASS\tGENE=FGFR3\tGT:AF:DP\t0/1:0.22:160',
  '',
].join('\n');

test('picking a slide selects its specimen in the other panes; the variant-file picker switches tables', async ({ page }) => {
  const caseDir = mkdtempSync(join(E2E_CACHE, 'switching-case-'));
  cpSync(join(SHARED_DATA_DIR, 'demo-case', `v${DEMO_VERSION}`), caseDir, { recursive: true });
  mkdirSync(join(caseDir, 'cystectomy'));
  await writeInstance(join(caseDir, 'cystectomy'), seriesUID('switching-cystectomy'), {
    fileName: 'level-0.dcm',
    width: 512,
    height: 384,
    tileWidth: 256,
    tileHeight: 256,
    seriesDescription: 'Cystectomy, residual tumor, H&E',
    extra: { PatientID: 'TRIPTYCH-DEMO-0001' },
  });
  writeFileSync(join(caseDir, 'variants', 'residual.vcf'), RESIDUAL_VCF);
  const caseJson = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8'));
  const residual = caseJson.specimens.find((s: { id: string }) => s.id === 'TS-25-0506-B3');
  Object.assign(residual, { slides: ['cystectomy'], variantFiles: ['variants/residual.vcf'], sampleId: 'RESIDUAL' });
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify(caseJson, null, 2));

  const host = await startHost({ casePath: caseDir });
  try {
    await page.goto(host.url);
    for (const pane of ['slide', 'variants', 'ctdna'])
      await expect(page.getByTestId(`pane-${pane}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const cards = page.getByTestId('slide-card');
    await expect(cards).toHaveCount(2);
    const picker = page.getByTestId('variant-file-picker');
    const chip = page.getByTestId('variant-specimen-filter');
    const genes = () => page.getByTestId('variant-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-gene')));

    // The cystectomy slide: its specimen is chosen in the ctDNA chart, its VCF in the variants pane.
    await cards.filter({ hasText: 'Cystectomy' }).click();
    await expect(cards.filter({ hasText: 'Cystectomy' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('pane-slide')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('ctdna-selected')).toContainText('TS-25-0506-B3');
    await expect(chip).toContainText('TS-25-0506-B3');
    await expect(picker.locator('option:checked')).toHaveText(/residual\.vcf/);
    expect((await genes()).sort()).toEqual(['FGFR3', 'TP53']);

    // Back to the TURBT slide: its specimen and the somatic VCF.
    await cards.filter({ hasNotText: 'Cystectomy' }).click();
    await expect(page.getByTestId('ctdna-selected')).toContainText('TS-25-0108-A1');
    await expect(chip).toContainText('TS-25-0108-A1');
    await expect(picker.locator('option:checked')).toHaveText(/tumor_vs_normal/);
    expect((await genes()).length).toBeGreaterThan(2);

    // The picker on its own: the other file's rows (the specimen chip removed first).
    await chip.getByRole('button').click();
    await picker.selectOption({ label: (await picker.locator('option', { hasText: 'residual.vcf' }).textContent())! });
    await expect.poll(async () => (await genes()).sort()).toEqual(['FGFR3', 'TP53']);
    if (process.env.TRIPTYCH_SHOT) await page.screenshot({ path: process.env.TRIPTYCH_SHOT });
  } finally {
    await host.stop();
  }
});
