/// <reference lib="dom" />
/**
 * The AWS connection picker of "Add from HealthOmics", through the HTTP host in Chromium, with
 * credentials the way AWS users have them: a shared config and credentials file (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE) holding two profiles with their own keys, regions and accounts on
 * the loopback stand-in. The region follows the profile, the identity shown changes with it, the
 * sequence stores, runs and references are listed with the chosen profile's key, switching profile
 * forgets what the previous account listed (and what was ticked in it), and no secret reaches the page.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCredentials } from '../tests/support/aws/awsTestServer.js';
import { omicsFixturesUnavailable } from '../tests/support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD, type OmicsWorld } from '../tests/support/aws/omicsWorld.js';
import { signedBy as signedByKey, writeAwsProfileFiles } from './support/awsProfileFiles.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

const LAB: TestCredentials = {
  accessKeyId: 'AKIDLABPROFILE',
  secretAccessKey: 'lab-secret-do-not-show',
  account: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/lab-geneticist',
};
const CLINIC: TestCredentials = {
  accessKeyId: 'AKIDCLINICPROFILE',
  secretAccessKey: 'clinic-secret-do-not-show',
  account: '444455556666',
  arn: 'arn:aws:sts::444455556666:assumed-role/Oncologist/alice',
};

const skipReason = omicsFixturesUnavailable();

test.describe('HealthOmics connection picker', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let world: OmicsWorld;
  let host: RunningHost | undefined;
  let env: Record<string, string>;
  let caseDir: string;

  test.beforeAll(async () => {
    mkdirSync(E2E_CACHE, { recursive: true });
    const dir = mkdtempSync(join(E2E_CACHE, 'healthomics-connection-'));
    world = await startOmicsWorld(join(dir, 'world'), { extraReadSets: 0, credentials: [LAB, CLINIC] });
    ({ env } = writeAwsProfileFiles(
      dir,
      [
        { name: 'lab', region: 'eu-central-1', credentials: LAB },
        { name: 'clinic', region: 'us-west-2', credentials: CLINIC },
      ],
      { endpoint: world.server.endpoint },
    ));
    caseDir = join(dir, 'case');
    mkdirSync(caseDir);
    writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title: 'PAT-0042', patient: { id: WORLD.subjectId } }));
  });
  test.afterEach(async () => host?.stop());
  test.afterAll(async () => world?.server.close());

  const signedBy = (operation: string, from: number) => signedByKey(world.server, operation, from);

  test('switching profile changes the identity, forgets the old listings, lists with the new key', async ({ page }) => {
    host = await startHost({ casePath: caseDir, env });
    await page.goto(host.url);
    await expect(page.getByTestId('open-healthomics')).toBeEnabled({ timeout: 60_000 });
    await page.getByTestId('open-healthomics').click();
    const dialog = page.getByTestId('healthomics-dialog');
    const profile = dialog.getByTestId('healthomics-connection-profile');
    const region = dialog.getByTestId('healthomics-connection-region');
    const identity = dialog.getByTestId('healthomics-connection-identity');
    const stores = dialog.getByTestId('ho-store');
    await expect(profile).toBeVisible({ timeout: 30_000 });

    await profile.selectOption('lab');
    await expect(region).toHaveValue('eu-central-1');
    let from = world.server.requests.length;
    await dialog.getByTestId('healthomics-connection-check').click();
    await expect(identity).toContainText('lab-geneticist');
    await expect(identity).toContainText('111122223333');
    await expect(stores).toContainText('oncology-reads');
    expect(signedBy('GetCallerIdentity', from)).toEqual(new Set([LAB.accessKeyId]));
    expect(signedBy('ListSequenceStores', from)).toEqual(new Set([LAB.accessKeyId]));
    await dialog.getByTestId('ho-search').click();
    const readSets = dialog.getByTestId('ho-read-set');
    await expect(readSets).toHaveCount(3);
    await readSets.filter({ hasText: 'tumor-wgs' }).first().getByRole('checkbox').check();
    await expect(dialog.getByTestId('healthomics-add')).toBeEnabled();

    // Another profile: nothing the lab account listed or ticked stays, in any tab.
    await profile.selectOption('clinic');
    await expect(region).toHaveValue('us-west-2');
    await expect(identity).toHaveCount(0);
    await expect(stores.locator('option')).toHaveCount(0);
    await expect(readSets).toHaveCount(0);
    await expect(dialog.getByTestId('healthomics-add')).toBeDisabled();
    await expect(dialog.getByTestId('ho-search')).toBeDisabled();

    from = world.server.requests.length;
    await dialog.getByTestId('healthomics-connection-check').click();
    await expect(identity).toContainText('Oncologist/alice');
    await expect(identity).toContainText('444455556666');
    await expect(identity).not.toContainText('111122223333');
    await expect(stores).toContainText('oncology-reads');
    expect(signedBy('GetCallerIdentity', from)).toEqual(new Set([CLINIC.accessKeyId]));
    expect(signedBy('ListSequenceStores', from)).toEqual(new Set([CLINIC.accessKeyId]));
    await dialog.getByTestId('ho-search').click();
    await expect(readSets).toHaveCount(3);
    expect(signedBy('ListReadSets', from)).toEqual(new Set([CLINIC.accessKeyId]));

    // Runs and references tabs: listed with the clinic key, forgotten when the profile changes again.
    await dialog.getByTestId('ho-tab-runs').click();
    await dialog.getByTestId('ho-run-search').click();
    await expect(dialog.getByTestId('ho-run')).not.toHaveCount(0);
    expect(signedBy('ListRuns', from)).toEqual(new Set([CLINIC.accessKeyId]));
    await profile.selectOption('lab');
    await expect(dialog.getByTestId('ho-run')).toHaveCount(0);
    await expect(dialog.getByTestId('ho-run-search')).toBeDisabled();

    await dialog.getByTestId('ho-tab-references').click();
    await expect(dialog.getByTestId('ho-reference-store').locator('option')).toHaveCount(0);
    from = world.server.requests.length;
    await dialog.getByTestId('healthomics-connection-check').click();
    await expect(dialog.getByTestId('ho-reference')).not.toHaveCount(0);
    expect(signedBy('ListReferenceStores', from)).toEqual(new Set([LAB.accessKeyId]));
    await profile.selectOption('clinic');
    await expect(dialog.getByTestId('ho-reference')).toHaveCount(0);
    await expect(dialog.getByTestId('ho-reference-store').locator('option')).toHaveCount(0);
    await page.screenshot({ path: join(E2E_CACHE, 'healthomics-connection.png') });

    const html = await page.content();
    for (const secret of [LAB.secretAccessKey, CLINIC.secretAccessKey]) expect(html).not.toContain(secret);
  });
});
