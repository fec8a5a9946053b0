/**
 * AWS credentials the way users have them, for the connection-picker specs: a shared config and a
 * credentials file with named profiles (keys only in the files, none in the environment), and the
 * host's environment pointing the SDK at them and at the loopback stand-in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsTestServer, TestCredentials } from '../../tests/support/aws/awsTestServer.js';

export type ProfileFile = {
  name: string;
  region: string;
  /** Keys in the credentials file; none for a profile whose credentials come from elsewhere (SSO). */
  credentials?: TestCredentials;
  /** More lines of the profile's config section (sso_session, …). */
  config?: string[];
};

/** Writes `aws-config`, `aws-credentials` and a home folder under `dir`; the host's environment for them. */
export function writeAwsProfileFiles(
  dir: string,
  profiles: ProfileFile[],
  options: { endpoint: string; extraConfig?: string[] },
): { env: Record<string, string>; home: string } {
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const config = join(dir, 'aws-config');
  const credentials = join(dir, 'aws-credentials');
  writeFileSync(
    config,
    [
      ...profiles.flatMap((p) => [`[profile ${p.name}]`, `region = ${p.region}`, ...(p.config ?? [])]),
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  writeFileSync(
    credentials,
    [
      ...profiles.flatMap(({ name, credentials: c }) =>
        c
          ? [
              `[${name}]`,
              `aws_access_key_id = ${c.accessKeyId}`,
              `aws_secret_access_key = ${c.secretAccessKey}`,
              ...(c.sessionToken ? [`aws_session_token = ${c.sessionToken}`] : []),
            ]
          : [],
      ),
      '',
    ].join('\n'),
  );
  return {
    home,
    // No keys or region in the environment: only the files, and the stand-in as the endpoint.
    env: {
      HOME: home,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_ENDPOINT_URL: options.endpoint,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  };
}

/** The access keys that signed the stand-in's requests of one operation since request number `from`. */
export const signedBy = (server: AwsTestServer, operation: string, from: number): Set<string | undefined> =>
  new Set(
    server.requests
      .slice(from)
      .filter((r) => r.operation === operation)
      .map((r) => r.accessKeyId),
  );
