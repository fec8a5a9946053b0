/// <reference lib="dom" />
/**
 * A workflow run's outputs in S3 in the variants pane, through the HTTP host in Chromium: a case
 * with no local variant file whose case.json names the run's VCF and a MAF; both are read from
 * the S3 stand-in and offered in the pane's file picker like local files; picking the MAF shows
 * its rows. A denied object is reported in the variants pane, naming the action and the object.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD, type OmicsWorld } from '../tests/support/aws/omicsWorld.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE, REPO_ROOT } from './support/paths.js';

const skipReason = omicsFixturesUnavailable();
const MAF = join(REPO_ROOT, '../shared/testdata/variants/callers/test_b38_output.maf');
const s3Url = (key: string) => `s3://${WORLD.bucket}/${WORLD.outputPrefix}${key}`;

test.describe('HealthOmics run outputs in the variants pane', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost;
  let dir: string;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    dir = mkdtempSync(join(E2E_CACHE, 'healthomics-run-outputs-'));
    world = await startOmicsWorld(join(dir, 'world'), { extraReadSets: 0 });
    world.s3.put(WORLD.bucket, `${WORLD.outputPrefix}out/tumor.maf`, readFileSync(MAF));
  });
  test.afterEach(async () => host?.stop());
  test.afterAll(async () => world?.server.close());

  function caseWith(runOutputs: Array<{ url: string; label?: string }>): string {
    const caseDir = mkdtempSync(join(dir, 'case-'));
    writeFileSync(
      join(caseDir, 'case.json'),
      JSON.stringify({ title: 'PAT-0042 (run outputs)', patient: { id: WORLD.subjectId }, healthOmics: { runOutputs } }),
    );
    return caseDir;
  }

  test('the run’s VCF and MAF are listed in the file picker and open as tables', async ({ page }) => {
    const casePath = caseWith([{ url: s3Url('out/tumor_vs_normal.somatic.vcf.gz') }, { url: s3Url('out/tumor.maf') }]);
    host = await startHost({ casePath, env: world.server.env() });
    await page.goto(host.url);
    const pane = page.getByTestId('pane-variants');
    await expect(pane).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const picker = pane.getByTestId('variant-file-picker');
    await expect(picker.locator('option')).toHaveText(['All 2 files', 'tumor_vs_normal.somatic.vcf.gz', 'tumor.maf']);
    await picker.selectOption({ label: 'tumor.maf' });
    await expect(pane.locator('[data-testid=variant-row][data-gene=RUNX1]').first()).toBeVisible();
    await picker.selectOption({ label: 'tumor_vs_normal.somatic.vcf.gz' });
    await expect(pane.locator('[data-testid=variant-row][data-gene=FGFR3]').first()).toBeVisible();
    expect(world.server.requests.some((r) => r.operation === 'GetObject' && r.path.endsWith('/out/tumor.maf'))).toBe(true);
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-run-outputs.png') });
  });

  test('denied run outputs are reported in the variants pane, naming the action and the object', async ({ page }) => {
    const casePath = caseWith([{ url: s3Url('out/tumor_vs_normal.somatic.vcf.gz') }, { url: s3Url('out/tumor.maf') }]);
    world.server.faults.push({ operation: 'HeadObject', kind: 'access-denied', times: Infinity });
    try {
      host = await startHost({ casePath, env: world.server.env() });
      await page.goto(host.url);
      const pane = page.getByTestId('pane-variants');
      await expect(pane).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
      await expect(pane).toContainText(/Access denied: s3:GetObject on s3:\/\/omics-outputs\/runs\/7777777\/out\/tumor/);
      await page.screenshot({ path: join(E2E_CACHE, 'healthomics-run-outputs-denied.png') });
    } finally {
      world.server.faults.length = 0;
    }
  });
});
