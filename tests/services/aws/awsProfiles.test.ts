/**
 * Profiles, regions and endpoints as the AWS CLI and SDK read them from the shared files; and the
 * errors a user meets with them (an expired SSO session, no credentials at all), from the real
 * credential providers.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetCredentials } from '../../../electron/services/aws/awsClientConfig.js';
import { awsIdentity } from '../../../electron/services/aws/awsIdentity.js';
import { listAwsProfiles } from '../../../electron/services/aws/awsProfiles.js';
import { configuredEndpoint } from '../../../electron/services/aws/configuredEndpoint.js';
import type { ServiceError } from '../../../electron/services/errors.js';
import { startAwsTestServer, type AwsTestServer } from '../../support/aws/awsTestServer.js';
import { withEnv } from './awsEnv.js';

let home: string;
let server: AwsTestServer;
let files: Record<string, string>;

beforeAll(async () => {
  server = await startAwsTestServer();
  home = mkdtempSync(join(tmpdir(), 'triptych-aws-home-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const config = join(home, '.aws', 'config');
  const credentials = join(home, '.aws', 'credentials');
  writeFileSync(
    config,
    [
      '[default]',
      'region = us-west-2',
      '[profile lab]',
      'region = eu-central-1',
      `endpoint_url = ${server.endpoint}`,
      '[profile hospital-sso]',
      'sso_session = hospital',
      'sso_account_id = 111122223333',
      'sso_role_name = Pathologist',
      'region = eu-west-1',
      '[profile tool]',
      'credential_process = /bin/false',
      '[profile reader]',
      'role_arn = arn:aws:iam::111122223333:role/Reader',
      'source_profile = default',
      '[profile split]',
      'services = split-services',
      '[services split-services]',
      'medical_imaging =',
      '  endpoint_url = http://127.0.0.1:1111',
      '[sso-session hospital]',
      'sso_start_url = https://hospital.awsapps.com/start',
      'sso_region = eu-west-1',
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  writeFileSync(
    credentials,
    [
      '[default]',
      'aws_access_key_id = AKIDDEFAULT',
      'aws_secret_access_key = default-secret',
      '[lab]',
      `aws_access_key_id = ${server.credentials.accessKeyId}`,
      `aws_secret_access_key = ${server.credentials.secretAccessKey}`,
      '',
    ].join('\n'),
  );
  // An SSO token the CLI cached once, expired since (and no refresh token to renew it with).
  const tokenFile = createHash('sha1').update('hospital').digest('hex') + '.json';
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', tokenFile),
    JSON.stringify({
      accessToken: 'old',
      expiresAt: '2020-01-01T00:00:00Z',
      region: 'eu-west-1',
      startUrl: 'https://hospital.awsapps.com/start',
    }),
  );
  files = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
});
afterAll(() => server.close());

describe('AWS profiles', () => {
  it('lists every profile with its kind and region, default first, and no secret', async () => {
    await withEnv(files, async () => {
      const found = await listAwsProfiles();
      expect(found.profiles.map((p) => [p.name, p.kind, p.region ?? null])).toEqual([
        ['default', 'static', 'us-west-2'],
        ['hospital-sso', 'sso', 'eu-west-1'],
        ['lab', 'static', 'eu-central-1'],
        ['reader', 'assume-role', null],
        ['split', 'other', null],
        ['tool', 'process', null],
      ]);
      expect(found.profiles.find((p) => p.name === 'lab')?.customEndpoint).toBe(true);
      expect(found.defaultProfile).toBe('default');
      expect(found.environmentCredentials).toBe(false);
      expect(found.regions).toContain('eu-central-1');
      expect(JSON.stringify(found)).not.toMatch(/secret|AKID/);
    });
  });

  it('AWS_PROFILE and AWS_REGION are what the environment chose', async () => {
    await withEnv({ ...files, AWS_PROFILE: 'lab', AWS_REGION: 'ap-south-1' }, async () => {
      const found = await listAwsProfiles();
      expect(found.defaultProfile).toBe('lab');
      expect(found.environmentRegion).toBe('ap-south-1');
      expect(found.regions).toContain('ap-south-1');
    });
  });
});

describe('configured endpoints', () => {
  it('follow the SDK: service variable, then AWS_ENDPOINT_URL, then the profile', async () => {
    await withEnv(files, async () => {
      expect(await configuredEndpoint('Medical Imaging', 'default')).toBeUndefined();
      expect(await configuredEndpoint('Medical Imaging', 'lab')).toBe(server.endpoint);
      expect(await configuredEndpoint('Medical Imaging', 'split')).toBe('http://127.0.0.1:1111');
      expect(await configuredEndpoint('Omics', 'split')).toBeUndefined();
    });
    await withEnv(
      { ...files, AWS_ENDPOINT_URL: 'http://127.0.0.1:2222', AWS_ENDPOINT_URL_MEDICAL_IMAGING: 'http://127.0.0.1:3333' },
      async () => {
        expect(await configuredEndpoint('Medical Imaging', 'lab')).toBe('http://127.0.0.1:3333');
        expect(await configuredEndpoint('Omics', 'lab')).toBe('http://127.0.0.1:2222');
      },
    );
    await withEnv(
      { ...files, AWS_ENDPOINT_URL_OMICS: 'http://127.0.0.1:4444', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
      async () => {
        expect(await configuredEndpoint('Omics', 'lab')).toBeUndefined();
      },
    );
  });

  it("a chosen profile's endpoint_url and keys reach the server (not only AWS_PROFILE's)", async () => {
    await withEnv(files, async () => {
      forgetCredentials();
      const who = await awsIdentity({ profile: 'lab', region: 'eu-central-1' });
      expect(who.name).toBe('pathologist');
      expect(who.profile).toBe('lab');
    });
  });
});

describe('credential errors a user can act on', () => {
  it('an expired SSO session names the command that renews it', async () => {
    await withEnv({ ...files, AWS_ENDPOINT_URL: server.endpoint }, async () => {
      forgetCredentials();
      const error = (await awsIdentity({ profile: 'hospital-sso', region: 'eu-west-1' }).catch((e) => e)) as ServiceError;
      expect(error.code).toBe('CREDENTIALS_EXPIRED');
      expect(error.message).toContain('aws sso login --profile hospital-sso');
    });
  });

  it('no credentials anywhere says how to set them up', async () => {
    await withEnv(
      {
        HOME: home,
        AWS_CONFIG_FILE: '/nonexistent/c',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/k',
        AWS_ENDPOINT_URL: server.endpoint,
      },
      async () => {
        forgetCredentials();
        const error = (await awsIdentity({ profile: null, region: 'eu-west-1' }).catch((e) => e)) as ServiceError;
        expect(error.code).toBe('NO_CREDENTIALS');
        expect(error.message).toMatch(/aws configure/);
      },
    );
  }, 20_000);
});
