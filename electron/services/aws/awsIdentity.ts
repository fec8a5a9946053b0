/** Who the chosen credentials are (STS GetCallerIdentity): shown so the user knows which account they browse. */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsConnection, AwsIdentity } from '../../../shared/model/aws.js';
import { awsClientConfig } from './awsClientConfig.js';
import { awsServiceError } from './awsErrors.js';

export async function awsIdentity(connection: AwsConnection, env: NodeJS.ProcessEnv = process.env): Promise<AwsIdentity> {
  const client = new STSClient(await awsClientConfig(connection, 'STS', env));
  try {
    const answer = await client.send(new GetCallerIdentityCommand({}));
    const arn = answer.Arn ?? '';
    return {
      account: answer.Account ?? '',
      arn,
      ...principalOf(arn),
      profile: connection.profile,
      region: connection.region,
    };
  } catch (error) {
    throw awsServiceError(error, { connection, action: 'sts:GetCallerIdentity' });
  } finally {
    client.destroy();
  }
}

/** arn:aws:iam::1:user/alice, arn:aws:sts::1:assumed-role/Role/session, arn:aws:iam::1:root … */
export function principalOf(arn: string): Pick<AwsIdentity, 'principal' | 'name'> {
  const resource = arn.split(':').slice(5).join(':');
  const [type, ...rest] = resource.split('/');
  if (type === 'user') return { principal: 'user', name: rest.join('/') };
  if (type === 'assumed-role') return { principal: 'assumed-role', name: rest.join('/') };
  if (type === 'federated-user') return { principal: 'federated-user', name: rest.join('/') };
  if (type === 'root') return { principal: 'root', name: 'root' };
  return { principal: 'other', name: resource };
}
