/// <reference lib="dom" />
/**
 * An indexed VCF holding more variants than the table keeps: the pane says so and reads a region
 * through the index (typed, or the genome view's locus), then goes back to the file's first variants.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bgzfCompress } from '../electron/services/variants/bgzf.js';
import { MAX_VARIANTS } from '../electron/services/variants/limits.js';
import { tabixIndexVcf, type IndexedLine } from '../electron/services/variants/tabixIndex.js';
import { startHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

/** chr1 fills the table's cap; chr2's 600 records lie past it, every 1,000 bp from 1,000,000. */
const CHR2_RECORDS = 600;

function largeCase(): string {
  const dir = mkdtempSync(join(E2E_CACHE, 'large-case-'));
  mkdirSync(join(dir, 'variants'));
  const header = [
    '##fileformat=VCFv4.2',
    '##reference=GRCh38',
    '##contig=<ID=chr1,length=248956422>',
    '##contig=<ID=chr2,length=242193529>',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
    '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL|HGVSp">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
  ].join('\n');
  const lines: string[] = [];
  const indexed: IndexedLine[] = [];
  let offset = Buffer.byteLength(`${header}\n`);
  const add = (chrom: string, pos: number, info: string) => {
    const line = `${chrom}\t${pos}\t.\tC\tT\t.\tPASS\t${info}`;
    lines.push(line);
    const length = line.length + 1;
    indexed.push({ chrom, begin: pos - 1, end: pos, textStart: offset, textEnd: offset + length });
    offset += length;
  };
  for (let i = 0; i < MAX_VARIANTS; i++) add('chr1', 10_000 + i * 10, `DP=${30 + (i % 100)}`);
  for (let i = 0; i < CHR2_RECORDS; i++)
    add('chr2', 1_000_000 + i * 1000, `DP=80;CSQ=T|missense_variant|GENE${i}|p.Arg${i + 1}Gln`);
  const compressed = bgzfCompress(Buffer.from(`${header}\n${lines.join('\n')}\n`));
  writeFileSync(join(dir, 'variants', 'large.vcf.gz'), compressed.bytes);
  writeFileSync(join(dir, 'variants', 'large.vcf.gz.tbi'), tabixIndexVcf(indexed, compressed));
  return dir;
}

const count = async (page: Page) => (await page.getByTestId('variant-count').textContent())?.replace(/\s+/g, ' ').trim();

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
