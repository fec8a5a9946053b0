/**
 * The HealthOmics and S3 clients, built with the one AWS client config (credentials, region,
 * endpoint, retries). One client per connection and endpoint: clients hold sockets and credential
 * caches, so they are reused, and a changed endpoint (a test server, a private endpoint) gets its own.
 */
import { OmicsClient } from '@aws-sdk/client-omics';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { awsClientConfig } from '../aws/awsClientConfig.js';

const omicsClients = new Map<string, OmicsClient>();
const s3Clients = new Map<string, S3Client>();

export async function omicsClient(connection: AwsConnection): Promise<OmicsClient> {
  const config = await awsClientConfig(connection, 'Omics');
  const key = `${connection.profile ?? ''}|${connection.region}|${config.endpoint ?? ''}`;
  let client = omicsClients.get(key);
  if (!client) omicsClients.set(key, (client = new OmicsClient(config)));
  return client;
}

export async function s3Client(connection: AwsConnection): Promise<S3Client> {
  const config = await awsClientConfig(connection, 'S3');
  const key = `${connection.profile ?? ''}|${connection.region}|${config.endpoint ?? ''}`;
  let client = s3Clients.get(key);
  if (!client) s3Clients.set(key, (client = new S3Client(config)));
  return client;
}

/** Forget every client (the sockets are shared by all clients and stay open for the next ones). */
export function forgetOmicsClients(): void {
  omicsClients.clear();
  s3Clients.clear();
}
