/// <reference lib="dom" />
/**
 * CRAM drawn with the case's reference: a generated reference FASTA (+ .fai), reads written as CRAM
 * against it by samtools (+ .crai). igv.js takes the FASTA as its genome and decodes the reads with
 * it; without the FASTA the pane says why the CRAM is not drawn.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

const hasSamtools = spawnSync('samtools', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasSamtools) console.log('[skipped] samtools is not installed: no CRAM can be generated for the CRAM e2e');

const LENGTH = 20_000;
const READ_LENGTH = 60;

function samtools(dir: string, ...args: string[]): void {
  const run = spawnSync('samtools', args, { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`samtools ${args.join(' ')}: ${run.stderr}`);
}

/** A case: reference chr1 (20 kb, deterministic), 40 reads around 1,000–1,100, one variant there. */
function cramCase(withReference: boolean): string {
  const dir = mkdtempSync(join(E2E_CACHE, 'cram-case-'));
  let seed = 7;
  const bases = Array.from({ length: LENGTH }, () => 'ACGT'[(seed = (seed * 1103515245 + 12345) >>> 0) % 4]).join('');
  const fasta = `>chr1\n${bases.match(/.{1,60}/g)!.join('\n')}\n`;
  writeFileSync(join(dir, 'reference.fa'), fasta);
  samtools(dir, 'faidx', 'reference.fa');
  const reads = Array.from({ length: 40 }, (_, i) => {
    const start = 1000 + i * 2; // 1-based
    let seq = bases.slice(start - 1, start - 1 + READ_LENGTH);
    if (start <= 1050 && 1050 < start + READ_LENGTH) {
      const at = 1050 - start; // the variant: a G where the reference has something else
      seq = seq.slice(0, at) + (seq[at] === 'G' ? 'T' : 'G') + seq.slice(at + 1);
    }
    return `read${i + 1}\t0\tchr1\t${start}\t60\t${READ_LENGTH}M\t*\t0\t0\t${seq}\t${'I'.repeat(READ_LENGTH)}`;
  });
  writeFileSync(
    join(dir, 'reads.sam'),
    `@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr1\tLN:${LENGTH}\n@RG\tID:t\tSM:TUMOR\n${reads.join('\n')}\n`,
  );
  samtools(dir, 'view', '-C', '-T', 'reference.fa', '-o', 'tumor.cram', 'reads.sam');
  samtools(dir, 'index', 'tumor.cram');
  rmSync(join(dir, 'reads.sam'));
  const ref = bases[1049]!;
  writeFileSync(
    join(dir, 'somatic.vcf'),
    [
      '##fileformat=VCFv4.2',
      `##contig=<ID=chr1,length=${LENGTH}>`,
      '##INFO=<ID=GENE,Number=1,Type=String,Description="Gene">',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
      `chr1\t1050\t.\t${ref}\t${ref === 'G' ? 'T' : 'G'}\t50\tPASS\tGENE=TESTGENE`,
      '',
    ].join('\n'),
  );
  if (!withReference) {
    rmSync(join(dir, 'reference.fa'));
    rmSync(join(dir, 'reference.fa.fai'));
  }
  return dir;
}

async function openAtVariant(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('genome-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await page.locator('[data-testid=variant-row][data-gene=TESTGENE]').click();
  await expect(page.getByTestId('genome-locus')).toContainText('chr1:1000-1100', { timeout: 20_000 });
}

test.describe('CRAM', () => {
  test.skip(!hasSamtools, 'samtools is not installed');

  test('is drawn with the case’s reference FASTA: its reads can be picked', async ({ page }) => {
    const host = await startHost({ casePath: cramCase(true) });
    try {
      await openAtVariant(page, host.url);
      const track = page.locator('.igv-viewport', { has: page.locator('.igv-track-label', { hasText: 'tumor.cram' }) }).first();
      await expect(track).toBeVisible();
      await expect(page.getByTestId('genome-view')).not.toContainText('a track could not be drawn');
      await page.waitForTimeout(1000); // igv.js decodes the slice, then draws
      await track.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      const box = (await track.boundingBox())!;
      // Below the coverage row (50 px): the first rows of reads, all across the centre.
      await page.mouse.click(box.x + box.width / 2, box.y + 50 + 12);
      const popup = page.getByTestId('genome-popup');
      await expect(popup).toContainText(/read\d+/);
      await page.screenshot({ path: join(E2E_CACHE, 'variants-cram.png') });
    } finally {
      await host.stop();
    }
  });

  test('without a reference, the pane says why the CRAM is not drawn', async ({ page }) => {
    const host = await startHost({ casePath: cramCase(false) });
    try {
      await openAtVariant(page, host.url);
      const warning = page.getByTestId('genome-view').locator('.gv-warning');
      await expect(warning).toContainText('a track could not be drawn');
      await expect(warning).toHaveAttribute('title', /tumor\.cram: a CRAM file needs the case's reference sequence/);
      expect(await page.locator('.igv-track-label', { hasText: 'tumor.cram' }).count()).toBe(0);
    } finally {
      await host.stop();
    }
  });
});
