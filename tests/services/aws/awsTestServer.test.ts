/**
 * The local AWS stand-in checks SigV4 as AWS does, and our client configuration survives the
 * faults AWS throws: the real SDK clients against it.
 */
import { ListDatastoresCommand, MedicalImagingClient } from '@aws-sdk/client-medical-imaging';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, forgetCredentials } from '../../../electron/services/aws/awsClientConfig.js';
import { awsServiceError } from '../../../electron/services/aws/awsErrors.js';
import { awsIdentity } from '../../../electron/services/aws/awsIdentity.js';
import type { ServiceError } from '../../../electron/services/errors.js';
import { startAwsTestServer, type AwsTestServer, type Route } from '../../support/aws/awsTestServer.js';
import { withEnv } from './awsEnv.js';

const connection = { profile: null, region: 'eu-west-1' };

const routes: Route[] = [
  {
    service: 'medical-imaging',
    protocol: 'rest-json',
    operation: 'ListDatastores',
    method: 'GET',
    path: /^\/datastore$/,
    handle: (request) => ({
      body: {
        datastoreSummaries: [{ datastoreId: 'd'.repeat(32), datastoreName: `in ${request.region}`, datastoreStatus: 'ACTIVE' }],
      },
    }),
  },
  {
    service: 's3',
    protocol: 'rest-xml',
    operation: 'GetObject',
    method: 'GET',
    path: /^\/([^/]+)\/(.+)$/,
    handle: (_request, match) => ({ headers: { 'content-type': 'text/plain' }, body: `${match[1]}|${match[2]}` }),
  },
];

let server: AwsTestServer;
beforeAll(async () => {
  server = await startAwsTestServer({
    routes,
    credentials: [
      {
        accessKeyId: 'AKIDGOOD',
        secretAccessKey: 'good-secret',
        arn: 'arn:aws:sts::111122223333:assumed-role/Pathologist/alice',
        account: '111122223333',
      },
      { accessKeyId: 'AKIDTEMP', secretAccessKey: 'temp-secret', sessionToken: 'session-token-1', expired: true },
    ],
  });
});
afterAll(() => server.close());

const env = (accessKeyId: string, secretAccessKey: string, extra: Record<string, string> = {}) => ({
  AWS_ACCESS_KEY_ID: accessKeyId,
  AWS_SECRET_ACCESS_KEY: secretAccessKey,
  AWS_ENDPOINT_URL: server.endpoint,
  AWS_CONFIG_FILE: '/nonexistent/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  ...extra,
});

async function listDatastores() {
  forgetCredentials();
  const client = new MedicalImagingClient(await awsClientConfig(connection, 'Medical Imaging'));
  try {
    return await client.send(new ListDatastoresCommand({}));
  } finally {
    client.destroy();
  }
}

const asServiceError = (error: unknown) => awsServiceError(error, { connection, action: 'medical-imaging:ListDatastores' });

describe('the AWS test server', () => {
  it('accepts what the SDK signed, and answers in the region of the signature', async () => {
    await withEnv(env('AKIDGOOD', 'good-secret'), async () => {
      const answer = await listDatastores();
      expect(answer.datastoreSummaries?.[0].datastoreName).toBe('in eu-west-1');
    });
  });

  it('refuses a request signed with the wrong secret, which we report as credentials not accepted', async () => {
    await withEnv(env('AKIDGOOD', 'not-the-secret'), async () => {
      const error = await listDatastores().catch(asServiceError);
      expect((error as ServiceError).code).toBe('NO_CREDENTIALS');
      expect((error as ServiceError).message).toMatch(/did not accept the credentials .*InvalidSignatureException/);
    });
  });

  it('refuses a request with no signature at all', async () => {
    const response = await fetch(`${server.endpoint}/datastore`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('checks S3 signatures too (path signed as sent, path-style addressing on a custom endpoint)', async () => {
    await withEnv(env('AKIDGOOD', 'good-secret'), async () => {
      forgetCredentials();
      const s3 = new S3Client(await awsClientConfig(connection, 'S3'));
      const object = await s3.send(new GetObjectCommand({ Bucket: 'run-outputs', Key: 'run 1/out/tumor.vcf.gz' }));
      expect(await object.Body!.transformToString()).toBe('run-outputs|run 1/out/tumor.vcf.gz');
      s3.destroy();
    });
  });

  it('an expired session token is reported with the way to renew it', async () => {
    await withEnv(env('AKIDTEMP', 'temp-secret', { AWS_SESSION_TOKEN: 'session-token-1' }), async () => {
      const error = asServiceError(await listDatastores().catch((e) => e));
      expect(error.code).toBe('CREDENTIALS_EXPIRED');
      expect(error.message).toMatch(/expired: renew them/);
    });
  });

  it('throttling and 5xx are retried with backoff; a call fails only after the SDK gave up', async () => {
    await withEnv(env('AKIDGOOD', 'good-secret'), async () => {
      server.requests.length = 0;
      server.faults.push({ operation: 'ListDatastores', kind: 'throttle', times: 2 });
      expect((await listDatastores()).datastoreSummaries).toHaveLength(1);
      expect(server.requests.map((r) => r.status)).toEqual([429, 429, 200]);

      server.requests.length = 0;
      server.faults.push({ operation: 'ListDatastores', kind: 'server-error', times: 1 });
      expect((await listDatastores()).datastoreSummaries).toHaveLength(1);
      expect(server.requests.map((r) => r.status)).toEqual([503, 200]);

      server.requests.length = 0;
      server.faults.push({ operation: 'ListDatastores', kind: 'throttle', times: 10 });
      const error = asServiceError(await listDatastores().catch((e) => e));
      expect(error.code).toBe('THROTTLED');
      expect(error.message).toMatch(/after 4 attempts/);
      expect(server.requests).toHaveLength(4);
      server.faults.length = 0;
    });
  }, 30_000);

  it('a connection reset is retried', async () => {
    await withEnv(env('AKIDGOOD', 'good-secret'), async () => {
      server.requests.length = 0;
      server.faults.push({ operation: 'ListDatastores', kind: 'reset', times: 1 });
      expect((await listDatastores()).datastoreSummaries).toHaveLength(1);
      expect(server.requests.map((r) => r.status)).toEqual([0, 200]);
    });
  }, 30_000);

  it('access denied names the action and the resource', async () => {
    await withEnv(env('AKIDGOOD', 'good-secret'), async () => {
      server.faults.push({ operation: 'ListDatastores', kind: 'access-denied', times: 1 });
      const error = asServiceError(await listDatastores().catch((e) => e));
      expect(error.code).toBe('ACCESS_DENIED');
      expect(error.message).toContain('medical-imaging:ListDatastores');
      expect(error.message).toContain('is not authorized to perform');
    });
  });

  it('STS tells who the credentials are', async () => {
    await withEnv(env('AKIDGOOD', 'good-secret'), async () => {
      forgetCredentials();
      const who = await awsIdentity(connection);
      expect(who).toMatchObject({
        account: '111122223333',
        principal: 'assumed-role',
        name: 'Pathologist/alice',
        region: 'eu-west-1',
      });
    });
  });

  it('an unreachable endpoint is reported as such', async () => {
    await withEnv(env('AKIDGOOD', 'good-secret', { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }), async () => {
      forgetCredentials();
      const error = await awsIdentity(connection).catch((e) => e as ServiceError);
      expect((error as ServiceError).code).toBe('UNREACHABLE');
      expect((error as ServiceError).message).toMatch(/could not be reached .*ECONNREFUSED/);
    });
  }, 30_000);
});
