import { z } from 'zod';

/**
 * AWS as the user already has it set up: profiles from the shared config and credentials files
 * (names and kinds only — no secret ever reaches the page), the region, and who they are.
 */
export const AwsProfileKind = z.enum(['static', 'sso', 'process', 'assume-role', 'web-identity', 'other']);
export type AwsProfileKind = z.infer<typeof AwsProfileKind>;

export const AwsProfile = z.object({
  name: z.string(),
  kind: AwsProfileKind,
  /** The profile's own region, when its config says. */
  region: z.string().optional(),
  /** The profile sets an `endpoint_url` (a private endpoint or a local test server). */
  customEndpoint: z.boolean().optional(),
});
export type AwsProfile = z.infer<typeof AwsProfile>;

export const AwsProfiles = z.object({
  profiles: z.array(AwsProfile),
  /** AWS_PROFILE, else "default" when it exists, else null. */
  defaultProfile: z.string().nullable(),
  /** Credentials in the environment (AWS_ACCESS_KEY_ID …): usable without a profile. */
  environmentCredentials: z.boolean(),
  /** AWS_REGION / AWS_DEFAULT_REGION, when set. */
  environmentRegion: z.string().nullable(),
  /** Regions offered in the picker (those HealthImaging and HealthOmics run in, plus any a profile names). */
  regions: z.array(z.string()),
});
export type AwsProfiles = z.infer<typeof AwsProfiles>;

/** Which credentials and region to use: a profile name (null = the SDK's default chain) and a region. */
export const AwsConnection = z.object({
  profile: z.string().min(1).max(200).nullable(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'not an AWS region name')
    .max(40),
});
export type AwsConnection = z.infer<typeof AwsConnection>;

export const AwsIdentity = z.object({
  account: z.string(),
  arn: z.string(),
  /** What the ARN names: an IAM user, an assumed role (SSO roles are), the account root, or other. */
  principal: z.enum(['user', 'assumed-role', 'root', 'federated-user', 'other']),
  /** User name, or role name and session name ("role/session"). */
  name: z.string(),
  profile: z.string().nullable(),
  region: z.string(),
});
export type AwsIdentity = z.infer<typeof AwsIdentity>;

/** Regions where HealthImaging or HealthOmics are offered (the picker's list; a profile may add others). */
export const AWS_HEALTH_REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-2',
  'il-central-1',
] as const;
