/**
 * The endpoint the AWS SDK will use for a service when the user configured one: the
 * `AWS_ENDPOINT_URL_<SERVICE>` / `AWS_ENDPOINT_URL` variables, or a profile's `endpoint_url` (its
 * own or in its `[services]` section). The SDK applies these itself; we need to know the answer
 * too, because HealthImaging's data-plane calls prefix the host with `runtime-`, which a private
 * endpoint or a local server does not have (see DESIGN.md): such clients get `disableHostPrefix`.
 *
 * Same rules as @smithy/core's endpoint config loader (getEndpointUrlConfig), which it does not
 * export with a profile argument.
 */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

/** The SDK's service ids, as in each client's runtimeConfig (`serviceId`). */
export type AwsServiceId = 'Medical Imaging' | 'Omics' | 'S3' | 'STS';

export async function configuredEndpoint(
  serviceId: AwsServiceId,
  profile: string | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const profileName = profile ?? env.AWS_PROFILE ?? 'default';
  const section = configFile[profileName] ?? {};
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || isTrue(section.ignore_configured_endpoint_urls)) return undefined;

  const envSuffix = serviceId.split(' ').map((w) => w.toUpperCase());
  const fromEnv = env[['AWS_ENDPOINT_URL', ...envSuffix].join('_')] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;

  if (section.services) {
    const services = configFile[`services.${section.services}`] ?? {};
    const key = `${serviceId
      .split(' ')
      .map((w) => w.toLowerCase())
      .join('_')}.endpoint_url`;
    if (services[key]) return services[key];
  }
  return section.endpoint_url || undefined;
}

const isTrue = (value: string | undefined): boolean => value?.trim().toLowerCase() === 'true';
