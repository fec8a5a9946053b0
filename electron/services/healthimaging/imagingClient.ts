/**
 * The HealthImaging client, built with the one AWS client config (credentials, region, endpoint,
 * retries; `disableHostPrefix` on a custom endpoint, since the data-plane calls would otherwise go
 * to `runtime-HOST`). One client per connection and endpoint, reused: it holds sockets and tokens.
 */
import { MedicalImagingClient } from '@aws-sdk/client-medical-imaging';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { awsClientConfig } from '../aws/awsClientConfig.js';

const clients = new Map<string, MedicalImagingClient>();

export async function imagingClient(connection: AwsConnection): Promise<MedicalImagingClient> {
  const config = await awsClientConfig(connection, 'Medical Imaging');
  const key = `${connection.profile ?? ''}|${connection.region}|${config.endpoint ?? ''}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new MedicalImagingClient(config)));
  return client;
}

export function forgetImagingClients(): void {
  clients.clear();
}
