/// <reference lib="dom" />
/**
 * The AWS connection picker of "Add from HealthImaging", through the HTTP host in Chromium, with
 * credentials the way AWS users have them: a shared config and credentials file (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE) holding two profiles with their own keys, regions and identities on
 * the loopback stand-in, a profile whose session token has expired and an SSO profile whose
 * cached session has expired. Both profiles are offered, the region follows the profile, the
 * identity shown changes with the profile, the data stores are listed with the chosen profile's
 * key, expired credentials name the command that renews them, and no secret reaches the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCredentials } from '../tests/support/aws/awsTestServer.js';
import { IMAGING, startImagingWorld, type ImagingWorld } from '../tests/support/aws/imagingWorld.js';
import { signedBy as signedByKey, writeAwsProfileFiles } from './support/awsProfileFiles.js';
import { startHost, type RunningHost } from './support/host.js';
import { E2E_CACHE } from './support/paths.js';

const LAB: TestCredentials = {
  accessKeyId: 'AKIDLABPROFILE',
  secretAccessKey: 'lab-secret-do-not-show',
  account: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/lab-pathologist',
};
const CLINIC: TestCredentials = {
  accessKeyId: 'AKIDCLINICPROFILE',
  secretAccessKey: 'clinic-secret-do-not-show',
  account: '444455556666',
  arn: 'arn:aws:sts::444455556666:assumed-role/Pathologist/alice',
};
const STALE: TestCredentials = {
  accessKeyId: 'AKIDSTALEPROFILE',
  secretAccessKey: 'stale-secret-do-not-show',
  sessionToken: 'stale-session-token',
  expired: true,
};
const SECRETS = [LAB, CLINIC, STALE].flatMap((c) => [c.secretAccessKey, c.sessionToken ?? c.secretAccessKey]);

test.describe.configure({ mode: 'serial' });

let world: ImagingWorld;
let host: RunningHost | undefined;
let env: Record<string, string>;
let caseDir: string;

test.beforeAll(async () => {
  mkdirSync(E2E_CACHE, { recursive: true });
  const dir = mkdtempSync(join(E2E_CACHE, 'healthimaging-connection-'));
  world = await startImagingWorld(join(dir, 'world'), { otherImageSets: 0, credentials: [LAB, CLINIC, STALE] });
  let home: string;
  ({ env, home } = writeAwsProfileFiles(
    dir,
    [
      { name: 'lab', region: 'eu-central-1', credentials: LAB },
      { name: 'clinic', region: 'us-west-2', credentials: CLINIC },
      { name: 'stale', region: 'eu-west-1', credentials: STALE },
      {
        name: 'hospital-sso',
        region: 'eu-west-2',
        config: ['sso_session = hospital', 'sso_account_id = 111122223333', 'sso_role_name = Pathologist'],
      },
    ],
    {
      endpoint: world.server.endpoint,
      extraConfig: [
        '[sso-session hospital]',
        'sso_start_url = https://hospital.awsapps.com/start',
        'sso_region = eu-west-2',
        'sso_registration_scopes = sso:account:access',
      ],
    },
  ));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  // An SSO session the CLI cached once, expired since (no refresh token to renew it with).
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', createHash('sha1').update('hospital').digest('hex') + '.json'),
    JSON.stringify({
      accessToken: 'old',
      expiresAt: '2020-01-01T00:00:00Z',
      region: 'eu-west-2',
      startUrl: 'https://hospital.awsapps.com/start',
    }),
  );
  caseDir = join(dir, 'case');
  mkdirSync(caseDir);
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title: 'PAT-0042', patient: { id: IMAGING.patientId } }));
});
test.afterEach(async () => host?.stop());
test.afterAll(async () => world?.server.close());

async function openDialog(page: Page): Promise<void> {
  host = await startHost({ casePath: caseDir, env });
  await page.goto(host.url);
  await expect(page.getByTestId('open-healthimaging')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('open-healthimaging').click();
}

async function expectNoSecret(page: Page): Promise<void> {
  const html = await page.content();
  for (const secret of SECRETS) expect(html).not.toContain(secret);
}

const signedBy = (operation: string, from: number) => signedByKey(world.server, operation, from);

test('two profiles: region follows the profile, identity and data stores come from its credentials', async ({ page }) => {
  await openDialog(page);
  const dialog = page.getByTestId('healthimaging-dialog');
  const profile = dialog.getByTestId('healthimaging-connection-profile');
  const region = dialog.getByTestId('healthimaging-connection-region');
  const identity = dialog.getByTestId('healthimaging-connection-identity');
  await expect(profile).toBeVisible({ timeout: 30_000 });
  const offered = await profile.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(expect.arrayContaining(['lab', 'clinic', 'stale', 'hospital-sso']));

  await profile.selectOption('lab');
  await expect(region).toHaveValue('eu-central-1');
  let from = world.server.requests.length;
  await dialog.getByTestId('healthimaging-connection-check').click();
  await expect(identity).toContainText('lab-pathologist');
  await expect(identity).toHaveAttribute('data-arn', LAB.arn!);
  await expect(identity).toContainText('IAM user');
  await expect(identity).toContainText('111122223333');
  await expect(identity).toContainText('eu-central-1');
  await expect(dialog.getByTestId('hi-store')).toContainText('pathology');
  expect(signedBy('GetCallerIdentity', from)).toEqual(new Set([LAB.accessKeyId]));
  expect(signedBy('ListDatastores', from)).toEqual(new Set([LAB.accessKeyId]));
  await dialog.getByTestId('hi-search').click();
  await expect(dialog.getByTestId('hi-image-set')).not.toHaveCount(0);

  // Another profile: nothing the lab account listed stays to be browsed with the new choice.
  await profile.selectOption('clinic');
  await expect(region).toHaveValue('us-west-2');
  await expect(identity).toHaveCount(0);
  await expect(dialog.getByTestId('hi-store').locator('option')).toHaveCount(0);
  await expect(dialog.getByTestId('hi-image-set')).toHaveCount(0);
  from = world.server.requests.length;
  await dialog.getByTestId('healthimaging-connection-check').click();
  await expect(identity).toContainText('Pathologist/alice');
  await expect(identity).toHaveAttribute('data-arn', CLINIC.arn!);
  await expect(identity).toContainText('role');
  await expect(identity).toContainText('444455556666');
  await expect(identity).not.toContainText('111122223333');
  await expect(dialog.getByTestId('hi-store')).toContainText('pathology');
  expect(signedBy('GetCallerIdentity', from)).toEqual(new Set([CLINIC.accessKeyId]));
  expect(signedBy('ListDatastores', from)).toEqual(new Set([CLINIC.accessKeyId]));
  await dialog.getByTestId('hi-search').click();
  await expect(dialog.getByTestId('hi-image-set')).not.toHaveCount(0);
  expect(signedBy('SearchImageSets', from)).toEqual(new Set([CLINIC.accessKeyId]));
  await page.screenshot({ path: join(E2E_CACHE, 'healthimaging-connection.png') });
  await expectNoSecret(page);
});

test('expired credentials and an expired SSO session name the command that renews them', async ({ page }) => {
  await openDialog(page);
  const dialog = page.getByTestId('healthimaging-dialog');
  const profile = dialog.getByTestId('healthimaging-connection-profile');
  const error = dialog.getByTestId('healthimaging-connection-check-error');
  await expect(profile).toBeVisible({ timeout: 30_000 });

  await profile.selectOption('stale');
  await dialog.getByTestId('healthimaging-connection-check').click();
  await expect(error).toHaveAttribute('data-code', 'CREDENTIALS_EXPIRED');
  await expect(error).toContainText('profile "stale" have expired');
  await expect(error).toContainText('aws sso login --profile stale');
  await expect(dialog.getByTestId('healthimaging-connection-identity')).toHaveCount(0);

  await profile.selectOption('hospital-sso');
  await expect(error).toHaveCount(0);
  await dialog.getByTestId('healthimaging-connection-check').click();
  await expect(error).toHaveAttribute('data-code', 'CREDENTIALS_EXPIRED');
  await expect(error).toContainText('SSO session of profile "hospital-sso" has expired');
  await expect(error).toContainText('aws sso login --profile hospital-sso');
  await page.screenshot({ path: join(E2E_CACHE, 'healthimaging-connection-expired.png') });
  await expectNoSecret(page);
});
