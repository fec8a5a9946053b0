/// <reference lib="dom" />
/**
 * A workflow run's VCF in S3 that holds more records than the table keeps, with its tabix index,
 * through the HTTP host in Chromium: the table shows its first variants and the count from the
 * index; when the genome view moves past them, the table shows that region's records, read
 * through the index over S3 ranges.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD, type OmicsWorld } from '../tests/support/aws/omicsWorld.js';
import { pastTheCapVcf, variantCount } from './support/pastTheCapVcf.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

const skipReason = omicsFixturesUnavailable();
const KEY = `${WORLD.outputPrefix}out/germline.vcf.gz`;

const count = variantCount;

test.describe('a large HealthOmics run VCF in the variants pane', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost;
  let dir: string;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    dir = mkdtempSync(join(E2E_CACHE, 'healthomics-large-vcf-'));
    world = await startOmicsWorld(join(dir, 'world'), { extraReadSets: 0 });
    const { vcf, tbi } = pastTheCapVcf();
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
