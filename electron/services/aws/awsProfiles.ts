/**
 * The AWS profiles this machine has, read from the shared config and credentials files the way the
 * AWS CLI and SDK read them (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured). Only names,
 * kinds and regions leave this module: never a key.
 */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { AWS_HEALTH_REGIONS, type AwsProfile, type AwsProfileKind, type AwsProfiles } from '../../../shared/model/aws.js';

type Section = Record<string, string | undefined>;

/** Sections of the config file that are not profiles: `[sso-session x]` and `[services x]`. */
const NOT_A_PROFILE = /^(sso-session|services)\./;

export async function listAwsProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfiles> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set<string>();
  for (const name of Object.keys(configFile)) if (!NOT_A_PROFILE.test(name)) names.add(name);
  for (const name of Object.keys(credentialsFile)) names.add(name);

  const profiles: AwsProfile[] = [...names].sort(byDefaultFirst).map((name) => {
    const config: Section = configFile[name] ?? {};
    const credentials: Section = credentialsFile[name] ?? {};
    return {
      name,
      kind: profileKind({ ...credentials, ...config }),
      ...(config.region ? { region: config.region } : {}),
      ...(config.endpoint_url || config.services ? { customEndpoint: true } : {}),
    };
  });

  const envProfile = env.AWS_PROFILE?.trim();
  const defaultProfile = envProfile ? envProfile : names.has('default') ? 'default' : null;
  const environmentRegion = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || null;
  const regions = new Set<string>(AWS_HEALTH_REGIONS);
  for (const p of profiles) if (p.region) regions.add(p.region);
  if (environmentRegion) regions.add(environmentRegion);

  return {
    profiles,
    defaultProfile,
    environmentCredentials: !!(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY),
    environmentRegion,
    regions: [...regions].sort(),
  };
}

/** What kind of credentials a profile gives, by the keys it sets (the SDK's own order of precedence). */
export function profileKind(section: Section): AwsProfileKind {
  if (section.role_arn && section.web_identity_token_file) return 'web-identity';
  if (section.role_arn) return 'assume-role';
  if (section.sso_session || section.sso_start_url) return 'sso';
  if (section.credential_process) return 'process';
  if (section.aws_access_key_id) return 'static';
  return 'other';
}

function byDefaultFirst(a: string, b: string): number {
  if (a === 'default') return -1;
  if (b === 'default') return 1;
  return a.localeCompare(b);
}
