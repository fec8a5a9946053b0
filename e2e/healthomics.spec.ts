/// <reference lib="dom" />
/**
 * HealthOmics alignments in igv.js, through the HTTP host in Chromium: a case whose case.json names
 * a read set on the loopback HealthOmics stand-in (`triptych serve` reaches it through the SDK's own
 * environment). Picking a variant takes igv.js to its locus, where the read set's reads are drawn —
 * read part by part through the binary handler, never downloaded whole.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoVariants } from '../electron/services/demo/demoVariants.js';
import { omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD, type OmicsWorld } from '../tests/support/aws/omicsWorld.js';
import { paintedPixels, trackViewport } from './support/igvTracks.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

const skipReason = omicsFixturesUnavailable();
const readSetUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`;

test.describe('HealthOmics read sets', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost;
  let caseDir: string;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    const dir = mkdtempSync(join(E2E_CACHE, 'healthomics-'));
    world = await startOmicsWorld(join(dir, 'world'), { partSize: 64 * 1024, latencyMs: 20 });
    caseDir = join(dir, 'case');
    await generateDemoVariants(caseDir);
    writeFileSync(
      join(caseDir, 'case.json'),
      JSON.stringify({
        title: 'PAT-0042 (HealthOmics)',
        patient: { id: WORLD.subjectId },
        healthOmics: { readSets: [{ url: readSetUrl, label: 'Tumour WGS (HealthOmics)' }] },
      }),
    );
  });
  test.afterEach(async () => host?.stop());
  test.afterAll(async () => world?.server.close());

  test('alignments appear in igv.js at a variant locus, read by range through the S3 access point', async ({ page }) => {
    host = await startHost({ casePath: caseDir, env: world.server.env() });
    const binary: Array<{ url: string; status: number; range: string | null }> = [];
    page.on('response', (r) => {
      if (r.url().includes('/binary/files/'))
        binary.push({ url: r.url(), status: r.status(), range: r.request().headers().range ?? null });
    });
    await page.goto(host.url);
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.getByTestId('genome-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });

    await page.locator('[data-testid=variant-row][data-gene=FGFR3]').click();
    await expect(page.getByTestId('genome-view')).toHaveAttribute('data-locus', /^chr4:/, { timeout: 20_000 });
    const viewport = trackViewport(page, 'Tumour WGS');
    await expect(viewport).toBeAttached({ timeout: 30_000 });

    // Reads drawn: the alignment track's canvases (in igv.js's shadow root) have painted pixels.
    await expect.poll(() => paintedPixels(viewport), { timeout: 30_000 }).toBeGreaterThan(500);
    await viewport.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-alignments.png') });

    // igv.js asked by Range; the read set came through its S3 access point by range, not by part.
    expect(binary.some((b) => b.status === 206 && b.range)).toBe(true);
    const ranged = world.server.requests.filter((r) => r.operation === 'GetObject' && r.path.includes(WORLD.accessPointAlias));
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.every((r) => r.status === 206)).toBe(true);
    expect(world.server.requests.filter((r) => r.operation === 'GetReadSet')).toHaveLength(0);
  });

  test("Add from HealthOmics: find the patient's read sets, add one to the case", async ({ page }) => {
    const fresh = join(caseDir, '..', 'fresh-case');
    await generateDemoVariants(fresh);
    writeFileSync(join(fresh, 'case.json'), JSON.stringify({ title: 'PAT-0042', patient: { id: WORLD.subjectId } }));
    host = await startHost({ casePath: fresh, env: world.server.env() });
    await page.goto(host.url);
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.getByTestId('open-healthomics').click();
    const dialog = page.getByTestId('healthomics-dialog');
    await dialog.getByTestId('healthomics-connection-check').click();
    await expect(dialog.getByTestId('ho-store')).toContainText('oncology-reads');
    await expect(dialog.getByTestId('ho-subject')).toHaveValue(WORLD.subjectId);
    await dialog.getByTestId('ho-search').click();
    const rows = dialog.getByTestId('ho-read-set');
    await expect(rows).toHaveCount(3);
    await expect(dialog.locator('[data-status=ARCHIVED]')).toContainText('start-read-set-activation-job');
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-dialog.png') });
    await rows.filter({ hasText: 'tumor-wgs' }).getByRole('checkbox').check();
    await dialog.getByTestId('healthomics-add').click();
    await expect
      .poll(() => JSON.parse(readFileSync(join(fresh, 'case.json'), 'utf8')).healthOmics?.readSets?.[0]?.url ?? null)
      .toBe(readSetUrl);
    await expect(dialog.getByTestId('ho-case-count')).toContainText('names 1 HealthOmics file');
    await dialog.getByTestId('healthomics-offline').click();
    await expect(dialog.getByTestId('task-progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  });
});
