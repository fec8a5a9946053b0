/**
 * An S3 object (a run's VCF, its .tbi) as a byte source: HeadObject for its size and ETag, then
 * GetObject with Range in blocks of 1 MiB, cached on disk under the ETag (a rewritten object is
 * fetched again, never mixed with the old bytes).
 */
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { awsServiceError } from '../aws/awsErrors.js';
import { cachedMetadata, pinMetadata } from './cachedMetadata.js';
import { s3Client } from './omicsClients.js';
import { PartedFile } from './partedFile.js';
import type { RemoteDeps } from './readSetSource.js';

const BLOCK = 1 << 20;

export type OpenedS3Object = { url: string; source: PartedFile; pin(): Promise<boolean> };

export async function openS3Object(
  connection: AwsConnection,
  bucket: string,
  key: string,
  deps: RemoteDeps,
): Promise<OpenedS3Object> {
  const url = `s3://${bucket}/${key}`;
  const group = deps.cache.group(`s3:${url}`);
  const client = await s3Client(connection);
  const context = { connection, resource: url, file: url };
  const head = await cachedMetadata(group, async () => {
    try {
      const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: h.ContentLength ?? 0, etag: h.ETag ?? '' };
    } catch (error) {
      throw awsServiceError(error, { ...context, action: 's3:GetObject' });
    }
  });
  const source = new PartedFile({
    cacheKey: `${head.etag}`,
    size: head.size,
    blockSize: BLOCK,
    cache: group,
    queue: deps.queue,
    onFetched: deps.onFetched,
    fetchBlock: async (n, signal) => {
      const start = n * BLOCK;
      const end = Math.min(head.size, start + BLOCK) - 1;
      try {
        const answer = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}`, IfMatch: head.etag || undefined }),
          { abortSignal: signal },
        );
        if (!answer.Body) throw new Error('empty answer');
        return await answer.Body.transformToByteArray();
      } catch (error) {
        throw awsServiceError(error, { ...context, action: 's3:GetObject' });
      }
    },
  });
  return { url, source, pin: async () => [await pinMetadata(group), await source.pinAll()].every(Boolean) };
}
