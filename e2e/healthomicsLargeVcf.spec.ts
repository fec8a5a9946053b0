/// <reference lib="dom" />
/**
 * A workflow run's VCF in S3 that holds more records than the table keeps, with its tabix index,
 * through the HTTP host in Chromium: the table shows its first variants and the count from the
 * index; when the genome view moves past them, the table shows that region's records, read
 * through the index over S3 ranges.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bgzfCompress } from '../electron/services/variants/bgzf.js';
import { MAX_VARIANTS } from '../electron/services/variants/limits.js';
import { tabixIndexVcf, type IndexedLine } from '../electron/services/variants/tabixIndex.js';
import { omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD, type OmicsWorld } from '../tests/support/aws/omicsWorld.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

const skipReason = omicsFixturesUnavailable();
/** chr1 fills the table's cap; chr2's 600 records lie past it, every 1,000 bp from 1,000,000. */
const CHR2_RECORDS = 600;
const KEY = `${WORLD.outputPrefix}out/germline.vcf.gz`;

function largeVcf(): { vcf: Buffer; tbi: Buffer } {
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
  return { vcf: compressed.bytes, tbi: tabixIndexVcf(indexed, compressed) };
}

const count = async (page: Page) => (await page.getByTestId('variant-count').textContent())?.replace(/\s+/g, ' ').trim();

test.describe('a large HealthOmics run VCF in the variants pane', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost;
  let dir: string;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    dir = mkdtempSync(join(E2E_CACHE, 'healthomics-large-vcf-'));
    world = await startOmicsWorld(join(dir, 'world'), { extraReadSets: 0 });
    const { vcf, tbi } = largeVcf();
    world.s3.put(WORLD.bucket, KEY, vcf);
    world.s3.put(WORLD.bucket, `${KEY}.tbi`, tbi);
  });
  test.afterEach(async () => host?.stop());
  test.afterAll(async () => world?.server.close());

  test('past the cap, the table shows the region the genome view moved to', async ({ page }) => {
    test.setTimeout(180_000);
    const casePath = mkdtempSync(join(dir, 'case-'));
    writeFileSync(
      join(casePath, 'case.json'),
      JSON.stringify({ title: 'PAT-0042 (germline)', healthOmics: { runOutputs: [{ url: `s3://${WORLD.bucket}/${KEY}` }] } }),
    );
    host = await startHost({ casePath, env: world.server.env() });
    await page.goto(host.url);
    const pane = page.getByTestId('pane-variants');
    await expect(pane).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await expect(page.getByTestId('genome-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const bar = page.getByTestId('region-bar');
    await expect(bar).toHaveAttribute('data-state', 'capped');
    // The count comes from the index: the table stopped reading at its cap.
    await expect(bar).toContainText('The file holds 200,600 records; the table keeps the first 200,000 variants.');
    expect(await count(page)).toBe('200,000 of 200,000');

    // The genome view moves to chr2, past the table's rows: its region is read through the index.
    const search = page.locator('[data-testid=genome-view] .igv-search-input');
    await search.fill('chr2:1,100,000-1,120,000');
    await search.press('Enter');
    await expect(page.getByTestId('genome-locus')).toHaveText('chr2:1100000-1120000', { timeout: 20_000 });
    const before = world.server.requests.length;
    await page.getByTestId('region-read-locus').click();
    await expect(bar).toHaveAttribute('data-state', 'region');
    await expect(bar).toContainText('Region chr2:1,100,000-1,120,000: 21 records');
    expect(await count(page)).toBe('21 of 21');
    await expect(page.locator('[data-testid=variant-row][data-gene=GENE110]')).toBeVisible();
    // Read over S3 ranges (the 1 MiB blocks not yet in the cache), never the whole object.
    const ranges = world.server.requests.slice(before).filter((r) => r.operation === 'GetObject' && r.path.endsWith(KEY));
    expect(ranges.every((r) => r.status === 206)).toBe(true);
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-large-vcf-region.png') });
  });
});
