/// <reference lib="dom" />
/**
 * A case whose case.json names HealthOmics read sets and no variant file, through the HTTP host in
 * Chromium: the variants pane shows the genome view with the read set's alignments on the reference
 * it names, and a note that there is no variant file; a read set that cannot be opened (not found),
 * or a run output that is denied beside a read set, is reported in the pane.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD, type OmicsWorld } from '../tests/support/aws/omicsWorld.js';
import { paintedPixels, trackViewport } from './support/igvTracks.js';
import { omicsCase } from './support/omicsCase.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

const skipReason = omicsFixturesUnavailable();
const readSetUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`;
const missingReadSetUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/1212121212`;

test.describe('HealthOmics read sets without a variant file', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost;
  let dir: string;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    dir = mkdtempSync(join(E2E_CACHE, 'healthomics-reads-only-'));
    // The read sets aligned to a generated reference (their referenceArn): the genome view's sequence.
    world = await startOmicsWorld(join(dir, 'world'), { extraReadSets: 0, genome: true });
  });
  test.afterEach(async () => host?.stop());
  test.afterAll(async () => world?.server.close());

  const caseWith = (readSets: Array<{ url: string; label?: string }>) => omicsCase(dir, 'PAT-0042 (reads only)', { readSets });

  test('the genome view shows the read set’s alignments, with a note that there is no variant file', async ({ page }) => {
    host = await startHost({
      casePath: caseWith([{ url: readSetUrl, label: 'Tumour WGS (HealthOmics)' }]),
      env: world.server.env(),
    });
    await page.goto(host.url);
    const pane = page.getByTestId('pane-variants');
    await expect(pane).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(pane.getByTestId('variants-no-file-note')).toContainText(
      'No variant file in this case: the genome view shows its 1 alignment track',
    );
    await expect(pane.getByTestId('genome-remote-problems')).toHaveCount(0);
    const view = pane.getByTestId('genome-view');
    await expect(view).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(view).toHaveAttribute('data-reference', 'GRCh38-loci');

    // It starts where the read set's first reads lie (from its index), not at the whole genome.
    await expect(view).toHaveAttribute('data-locus', /^chr4:\d+-\d+$/);
    await expect(pane.getByTestId('variants-no-file-note')).toContainText('The view starts at the first reads');
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-reads-only-start.png') });
    // To a locus of the read set: its reads are drawn.
    const search = view.locator('.igv-search-input');
    await search.fill('chr4:1801791-1801891');
    await search.press('Enter');
    await expect(page.getByTestId('genome-locus')).toHaveText(/^chr4:18017/, { timeout: 20_000 });
    const viewport = trackViewport(page, 'Tumour WGS');
    await expect(viewport).toBeAttached({ timeout: 30_000 });
    await expect.poll(() => paintedPixels(viewport), { timeout: 30_000 }).toBeGreaterThan(500);
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-reads-only.png') });
  });

  test('a read set that is not found is reported in the variants pane', async ({ page }) => {
    host = await startHost({ casePath: caseWith([{ url: missingReadSetUrl }]), env: world.server.env() });
    await page.goto(host.url);
    const pane = page.getByTestId('pane-variants');
    await expect(pane).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(pane.getByTestId('variants-no-file-note')).toContainText('No variant file in this case');
    const problem = pane.getByTestId('genome-remote-problem');
    await expect(problem).toContainText(missingReadSetUrl);
    await expect(problem).toContainText(/not found/i);
    await expect(pane.getByTestId('genome-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-reads-only-not-found.png') });
  });

  test('a run output that is denied beside a read set is reported in the pane, the alignments still drawn', async ({ page }) => {
    const vcfUrl = `s3://${WORLD.bucket}/${WORLD.outputPrefix}out/tumor_vs_normal.somatic.vcf.gz`;
    const casePath = mkdtempSync(join(dir, 'case-'));
    writeFileSync(
      join(casePath, 'case.json'),
      JSON.stringify({ title: 'PAT-0042', healthOmics: { readSets: [{ url: readSetUrl }], runOutputs: [{ url: vcfUrl }] } }),
    );
    world.server.faults.push({ operation: 'HeadObject', kind: 'access-denied', times: Infinity });
    try {
      host = await startHost({ casePath, env: world.server.env() });
      await page.goto(host.url);
      const pane = page.getByTestId('pane-variants');
      await expect(pane).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      await expect(pane.getByTestId('variants-no-file-note')).toContainText(
        'No variant table: the case’s 1 variant file could not be read (below); the genome view shows its 1 alignment track',
      );
      const problem = pane.getByTestId('genome-remote-problem').filter({ hasText: vcfUrl });
      await expect(problem).toContainText(`Access denied: s3:GetObject on ${vcfUrl}`);
      await expect(pane.getByTestId('genome-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      await page.screenshot({ path: join(E2E_CACHE, 'healthomics-reads-only-denied-output.png') });
    } finally {
      world.server.faults.length = 0;
    }
  });
});
