/**
 * Workflow runs and what they wrote: ListRuns (name, status), GetRun (run group, tags and the
 * `outputUri`), and the run's output folder listed in S3. A run belongs to a patient through its
 * tags (subjectId) or the case file naming it.
 */
import { GetRunCommand, ListRunsCommand } from '@aws-sdk/client-omics';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { omicsUrl, runOutputRole, type RunOutput, type RunSummary } from '../../../shared/model/healthOmics.js';
import { awsServiceError } from '../aws/awsErrors.js';
import { ServiceError } from '../errors.js';
import { omicsClient, s3Client } from './omicsClients.js';

/** At most this many outputs are listed for one run (a scatter can write thousands of shards). */
const MAX_OUTPUTS = 5000;

export async function listRuns(
  connection: AwsConnection,
  options: { name?: string; status?: string; startingToken?: string } = {},
): Promise<{ runs: RunSummary[]; nextToken: string | null }> {
  const client = await omicsClient(connection);
  try {
    const page = await client.send(
      new ListRunsCommand({ name: options.name, startingToken: options.startingToken, maxResults: 50 }),
    );
    const runs = (page.items ?? [])
      .filter((r) => !options.status || r.status === options.status)
      .map((r) => ({
        url: omicsUrl({ kind: 'run', region: connection.region, runId: r.id ?? '' }),
        id: r.id ?? '',
        name: r.name ?? null,
        status: r.status ?? 'unknown',
        runGroupId: null,
        tags: {},
        outputUri: null,
      }));
    return { runs, nextToken: page.nextToken ?? null };
  } catch (error) {
    throw awsServiceError(error, { connection, action: 'omics:ListRuns' });
  }
}

export async function getRun(connection: AwsConnection, runId: string): Promise<RunSummary> {
  const client = await omicsClient(connection);
  try {
    const r = await client.send(new GetRunCommand({ id: runId }));
    return {
      url: omicsUrl({ kind: 'run', region: connection.region, runId }),
      id: r.id ?? runId,
      name: r.name ?? null,
      status: r.status ?? 'unknown',
      runGroupId: r.runGroupId ?? null,
      tags: r.tags ?? {},
      outputUri: r.outputUri ?? null,
    };
  } catch (error) {
    throw awsServiceError(error, { connection, action: 'omics:GetRun', resource: `run ${runId}` });
  }
}

/** `s3://bucket/prefix/` → bucket and prefix (a folder: ends with a slash). */
export function splitS3Folder(uri: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) throw new ServiceError('BAD_PARAMS', `Not an S3 location: ${uri}`);
  const prefix = m[2] && !m[2].endsWith('/') ? `${m[2]}/` : m[2];
  return { bucket: m[1], prefix };
}

/** Every file under the run's output folder, with what Triptych can open it as. */
export async function listRunOutputs(connection: AwsConnection, outputUri: string): Promise<RunOutput[]> {
  const { bucket, prefix } = splitS3Folder(outputUri);
  const client = await s3Client(connection);
  const outputs: RunOutput[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (!o.Key || o.Key.endsWith('/')) continue;
        outputs.push({
          url: `s3://${bucket}/${o.Key}`,
          key: o.Key.slice(prefix.length),
          size: o.Size ?? 0,
          role: runOutputRole(o.Key),
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && outputs.length < MAX_OUTPUTS);
  } catch (error) {
    throw awsServiceError(error, { connection, action: 's3:ListBucket', resource: outputUri });
  }
  return outputs;
}
