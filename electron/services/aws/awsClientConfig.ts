/**
 * One way to build every AWS client Triptych uses (HealthImaging, HealthOmics, S3, STS): the
 * SDK's own default credential chain (environment, shared files, named profiles, IAM Identity
 * Center / SSO, credential_process, web identity, container / instance roles), the region the
 * user chose, the endpoint the user configured, bounded timeouts, and the SDK's standard retry
 * (backoff with jitter on throttling and 5xx).
 */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { configuredEndpoint, type AwsServiceId } from './configuredEndpoint.js';

type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

/** Attempts per call, first included: the SDK retries throttling, 5xx and connection errors. */
export const AWS_MAX_ATTEMPTS = 4;

const providers = new Map<string, CredentialProvider>();

/** The credential chain for a profile (null: the SDK's default), memoized so tokens are reused. */
export function credentialsFor(profile: string | null): CredentialProvider {
  const key = profile ?? '';
  let provider = providers.get(key);
  if (!provider) {
    // The instance-metadata step answers at once on EC2 and waits a timeout elsewhere: keep it short.
    provider = fromNodeProviderChain({ ...(profile ? { profile } : {}), timeout: 1000, maxRetries: 0 });
    providers.set(key, provider);
  }
  return provider;
}

/** Forget memoized credentials (after the user renewed an SSO session, say). */
export function forgetCredentials(): void {
  providers.clear();
}

let agents: { http: HttpAgent; https: HttpsAgent } | undefined;
/** Keep-alive sockets shared by all clients: tiles and parts come many at a time. */
function sharedAgents(): { http: HttpAgent; https: HttpsAgent } {
  agents ??= {
    http: new HttpAgent({ keepAlive: true, maxSockets: 32 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 32 }),
  };
  return agents;
}

export type AwsClientConfig = {
  region: string;
  profile?: string;
  credentials: CredentialProvider;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard';
  requestHandler: NodeHttpHandler;
  disableHostPrefix?: boolean;
  forcePathStyle?: boolean;
};

/**
 * The configuration of one client. The SDK would find the env endpoint itself, but not a chosen
 * profile's `endpoint_url` (it reads AWS_PROFILE's), so the endpoint is resolved here and passed.
 */
export async function awsClientConfig(
  connection: AwsConnection,
  serviceId: AwsServiceId,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AwsClientConfig> {
  const endpoint = await configuredEndpoint(serviceId, connection.profile, env);
  const { http, https } = sharedAgents();
  return {
    region: connection.region,
    ...(connection.profile ? { profile: connection.profile } : {}),
    credentials: credentialsFor(connection.profile),
    maxAttempts: AWS_MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 5_000,
      requestTimeout: 60_000,
      httpAgent: http,
      httpsAgent: https,
    }),
    ...(endpoint
      ? {
          endpoint,
          // HealthImaging's `runtime-` host prefix would break a private or local endpoint.
          disableHostPrefix: true,
          // A private or local S3 endpoint has no per-bucket host names.
          ...(serviceId === 'S3' ? { forcePathStyle: true } : {}),
        }
      : {}),
  };
}
