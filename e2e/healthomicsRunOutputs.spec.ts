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
import { omicsCase } from './support/omicsCase.js';
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

  const caseWith = (runOutputs: Array<{ url: string; label?: string }>) =>
    omicsCase(dir, 'PAT-0042 (run outputs)', { runOutputs });

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

test.describe('Add from HealthOmics: runs and references', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    world = await startOmicsWorld(join(mkdtempSync(join(E2E_CACHE, 'healthomics-tabs-')), 'world'), { extraReadSets: 0 });
  });
  test.afterEach(async () => host?.stop());
  test.afterAll(async () => world?.server.close());

  test('a run (name, status, run group, tags), its VCF output and a reference are added to case.json', async ({ page }) => {
    const casePath = mkdtempSync(join(E2E_CACHE, 'healthomics-tabs-case-'));
    writeFileSync(join(casePath, 'case.json'), JSON.stringify({ title: 'PAT-0042', patient: { id: WORLD.subjectId } }));
    host = await startHost({ casePath, env: world.server.env() });
    await page.goto(host.url);
    await page.getByTestId('open-healthomics').click();
    const dialog = page.getByTestId('healthomics-dialog');
    await dialog.getByTestId('healthomics-connection-check').click();
    await expect(dialog.getByTestId('ho-store')).toContainText('oncology-reads');

    await dialog.getByTestId('ho-tab-runs').click();
    await dialog.getByTestId('ho-run-search').click();
    const runs = dialog.getByTestId('ho-run');
    // The patient's run only (tagged subjectId=PAT-0042), with its run group and tags from GetRun.
    await expect(runs).toHaveCount(1);
    await expect(runs.first()).toContainText('somatic-calling PAT-0042');
    await expect(runs.first()).toContainText('COMPLETED');
    await expect(runs.first()).toContainText('rg-clinical');
    await expect(runs.first()).toContainText(`subjectId=${WORLD.subjectId}`);
    await dialog.getByTestId('ho-run-patient').uncheck();
    await expect(runs).toHaveCount(2);
    await dialog.getByTestId('ho-run-patient').check();
    await runs.first().getByRole('checkbox').check();
    await runs.first().getByTestId('ho-run-outputs').click();
    const outputs = dialog.getByTestId('ho-run-output');
    await expect(outputs).toHaveCount(3);
    await expect(outputs.filter({ hasText: '.vcf.gz.tbi' }).getByRole('checkbox')).toBeDisabled();
    await dialog.locator('[data-testid=ho-run-output][data-role=variants]').getByRole('checkbox').check();
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-dialog-runs.png') });

    await dialog.getByTestId('ho-tab-references').click();
    const references = dialog.getByTestId('ho-reference');
    await expect(references).toHaveCount(1);
    await references.first().getByRole('checkbox').check();
    await expect(dialog.getByTestId('healthomics-add')).toContainText('Add 3 to case');
    await dialog.getByTestId('healthomics-add').click();

    const written = () => JSON.parse(readFileSync(join(casePath, 'case.json'), 'utf8')).healthOmics ?? null;
    await expect.poll(written).toEqual({
      runs: [{ url: `omics-run://${WORLD.region}/${WORLD.runId}`, label: 'somatic-calling PAT-0042' }],
      runOutputs: [{ url: s3Url('out/tumor_vs_normal.somatic.vcf.gz') }],
      references: [
        {
          url: `omics-reference://${WORLD.region}/${WORLD.referenceStoreId}/${WORLD.referenceId}`,
          label: 'small-reference',
        },
      ],
    });
    await expect(dialog.getByTestId('ho-case-count')).toContainText('names 3 HealthOmics files');
    // The case reopened: the run's VCF is the variants pane's table.
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(page.getByTestId('pane-variants')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.locator('[data-testid=variant-row][data-gene=FGFR3]').first()).toBeVisible();
  });
});

test.describe('HealthOmics errors in the pane that tried', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    world = await startOmicsWorld(join(mkdtempSync(join(E2E_CACHE, 'healthomics-errors-')), 'world'), { extraReadSets: 0 });
  });
  test.afterEach(async () => host?.stop());
  test.afterAll(async () => world?.server.close());

  test('an expired token on a read set is shown above the genome view with the command that renews it', async ({ page }) => {
    const casePath = mkdtempSync(join(E2E_CACHE, 'healthomics-errors-case-'));
    const readSetUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`;
    writeFileSync(
      join(casePath, 'case.json'),
      JSON.stringify({
        title: 'PAT-0042',
        healthOmics: { readSets: [{ url: readSetUrl }], runOutputs: [{ url: s3Url('out/tumor_vs_normal.somatic.vcf.gz') }] },
      }),
    );
    world.server.faults.push({ operation: 'GetReadSetMetadata', kind: 'expired-token', times: Infinity });
    try {
      host = await startHost({ casePath, env: world.server.env() });
      await page.goto(host.url);
      const pane = page.getByTestId('pane-variants');
      await expect(pane).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      const problem = pane.getByTestId('genome-remote-problem');
      await expect(problem).toContainText(readSetUrl);
      await expect(problem).toContainText(/have expired: renew them \(`aws sso login`/);
      // The other panes and the run's table keep working.
      await expect(pane.locator('[data-testid=variant-row][data-gene=FGFR3]').first()).toBeVisible();
      await page.screenshot({ path: join(E2E_CACHE, 'healthomics-expired.png') });
    } finally {
      world.server.faults.length = 0;
    }
  });
});
