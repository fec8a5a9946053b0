/// <reference lib="dom" />
/**
 * A HealthOmics reference as the genome, in igv.js through the HTTP host in Chromium: the case
 * names a BAM read set and the same reads as CRAM; both were aligned to a reference in the
 * reference store (their referenceArn). igv.js takes that reference as its genome (an indexed
 * FASTA read by range through GetReference), so the reads at the FGFR3 locus show the somatic
 * change as mismatches against it, and the CRAM is decoded with it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { altBase, omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD, type OmicsWorld } from '../tests/support/aws/omicsWorld.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

const skipReason = omicsFixturesUnavailable();
const url = (id: string) => `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${id}`;
const LOCUS = 1_801_841;

/** Painted pixels of a track's canvases that are coloured (mismatched bases), not grey (matching reads). */
const colouredPixels = (viewport: Locator) =>
  viewport.locator('canvas').evaluateAll((canvases) => {
    let coloured = 0;
    for (const canvas of canvases as HTMLCanvasElement[]) {
      if (!canvas.width || !canvas.height) continue;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] < 200) continue;
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
      }
    }
    return coloured;
  });

test.describe('HealthOmics reference as the genome', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost;
  let caseDir: string;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    const dir = mkdtempSync(join(E2E_CACHE, 'healthomics-reference-'));
    world = await startOmicsWorld(join(dir, 'world'), { genome: true, extraReadSets: 0, latencyMs: 10 });
    caseDir = join(dir, 'case');
    mkdirSync(caseDir);
    // The somatic change the reads carry at the FGFR3 locus, against the reference's base there.
    const ref = world.genome!.bases('chr4', LOCUS, 1);
    writeFileSync(
      join(caseDir, 'somatic.vcf'),
      [
        '##fileformat=VCFv4.2',
        '##contig=<ID=chr4,length=3100000>',
        '##INFO=<ID=GENE,Number=1,Type=String,Description="Gene">',
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
        `chr4\t${LOCUS}\t.\t${ref}\t${altBase(ref)}\t50\tPASS\tGENE=FGFR3`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(caseDir, 'case.json'),
      JSON.stringify({
        title: 'PAT-0042 (HealthOmics reference)',
        patient: { id: WORLD.subjectId },
        healthOmics: {
          readSets: [
            { url: url(WORLD.readSetId), label: 'Tumour BAM' },
            { url: url(WORLD.cramReadSetId), label: 'Tumour CRAM' },
          ],
        },
      }),
    );
  });
  test.afterEach(async () => host?.stop());
  test.afterAll(async () => world?.server.close());

  async function openAtLocus(page: Page) {
    host = await startHost({ casePath: caseDir, env: world.server.env() });
    await page.goto(host.url);
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const view = page.getByTestId('genome-view');
    await expect(view).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(view).toHaveAttribute('data-reference', 'GRCh38-loci');
    await page.locator('[data-testid=variant-row][data-gene=FGFR3]').click();
    await expect(view).toHaveAttribute('data-locus', /^chr4:18017/, { timeout: 20_000 });
    await expect(view).not.toContainText('a track could not be drawn');
  }

  const trackViewport = (page: Page, label: string) =>
    page.locator('.igv-viewport', { has: page.locator('.igv-track-label', { hasText: label }) }).first();

  test('BAM reads show the somatic change as mismatches against the reference sequence', async ({ page }) => {
    await openAtLocus(page);
    const bam = trackViewport(page, 'Tumour BAM');
    await expect(bam).toBeAttached({ timeout: 30_000 });
    // The reads match the reference but at the locus: a coloured column (coverage and bases), not a coloured track.
    await expect.poll(() => colouredPixels(bam), { timeout: 30_000 }).toBeGreaterThan(100);
    const coloured = await colouredPixels(bam);
    const box = (await bam.boundingBox())!;
    expect(coloured).toBeLessThan((box.width * box.height) / 10);
    // igv.js read the sequence by range from the reference store, never the whole FASTA.
    const asked = world.server.requests.filter((r) => r.operation === 'GetReference');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.reduce((sum, r) => sum + r.bytes, 0)).toBeLessThan(world.genome!.fasta.length / 10);
    await bam.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-reference-bam.png') });
  });

  test('a CRAM read set is decoded with the reference: its reads are drawn and can be picked', async ({ page }) => {
    await openAtLocus(page);
    const cram = trackViewport(page, 'Tumour CRAM');
    await expect(cram).toBeAttached({ timeout: 30_000 });
    await expect.poll(() => colouredPixels(cram), { timeout: 30_000 }).toBeGreaterThan(100);
    await cram.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const box = (await cram.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 50 + 12);
    await expect(page.getByTestId('genome-popup')).toContainText(/read\d+/);
    expect(world.server.requests.some((r) => r.operation === 'GetObject' && r.path.includes('tumor-wgs-cram.cram'))).toBe(true);
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-reference-cram.png') });
  });
});
