/**
 * A HealthOmics read set as byte sources for igv.js: its SOURCE1 file (the BAM or CRAM) and its
 * INDEX (.bai / .crai), each split into the parts HealthOmics stores (GetReadSetMetadata says
 * the part size and count). Any byte range maps onto the parts that hold it: only those are
 * fetched (GetReadSet with the file and a 1-based part number), cached on disk. GetReadSet has no
 * byte range of its own, so a part (100 MiB at AWS) is the smallest unit fetched that way.
 *
 * Sequence stores also expose each read set file through an S3 access point
 * (`files.source1.s3Access.s3Uri` in GetReadSetMetadata): when it is there, the file is read with
 * S3 GetObject + Range in blocks of 256 KiB, so a locus costs a few MiB instead of a part. When S3
 * denies that (the user's policy grants omics:GetReadSet but not s3:GetObject on the access
 * point), the file falls back to parts, once, for the rest of the session.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetReadSetCommand, GetReadSetMetadataCommand, type FileInformation } from '@aws-sdk/client-omics';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { omicsUrl, type ReadSetSummary } from '../../../shared/model/healthOmics.js';
import { awsServiceError } from '../aws/awsErrors.js';
import type { DiskCache } from '../cache/diskCache.js';
import { ServiceError } from '../errors.js';
import type { RequestQueue } from '../remote/requestQueue.js';
import { cachedMetadata, pinMetadata } from './cachedMetadata.js';
import { omicsClient, s3Client } from './omicsClients.js';
import { PartedFile } from './partedFile.js';
import { readSetSummary } from './sequenceStores.js';

type FileParts = { partSize: number; totalParts: number; contentLength: number; s3Uri?: string | null };

/**
 * Block size of reads through the S3 access point. igv.js reads a locus as the index's chunks of
 * every bin over it — a dozen or more small ranges spread over megabytes of file — so a block
 * near a chunk's size (≤ 128 KiB) keeps the bytes per view low; 256 KiB keeps the number of
 * cache entries and requests of a whole-file offline copy reasonable.
 */
const S3_BLOCK = 256 << 10;
type ReadSetMetadata = ReadSetSummary & { source1: FileParts | null; index: FileParts | null };

export type OpenedReadSet = {
  summary: ReadSetSummary;
  /** BAM or CRAM, as HealthOmics says (the stored bytes are that format). */
  format: 'BAM' | 'CRAM';
  source: PartedFile;
  index: PartedFile | null;
  /** HealthOmics's part count of each file (the S3 access point, when used, reads finer blocks). */
  parts: { source1: number; index: number | null };
  /** Read through the S3 access point (true) or by parts. */
  viaS3: boolean;
  /** Keep everything fetched so far, and the metadata, for offline use. */
  pin(): Promise<boolean>;
};

export type RemoteDeps = { cache: DiskCache; queue: RequestQueue<Uint8Array>; onFetched?: (bytes: number) => void };

export async function openReadSet(
  connection: AwsConnection,
  sequenceStoreId: string,
  readSetId: string,
  deps: RemoteDeps,
): Promise<OpenedReadSet> {
  const url = omicsUrl({ kind: 'read-set', region: connection.region, sequenceStoreId, readSetId });
  const group = deps.cache.group(`omics-read-set:${url}`);
  const client = await omicsClient(connection);
  const context = { connection, resource: `read set ${readSetId} of sequence store ${sequenceStoreId}`, file: url };
  const metadata = await cachedMetadata<ReadSetMetadata>(group, async () => {
    try {
      const m = await client.send(new GetReadSetMetadataCommand({ sequenceStoreId, id: readSetId }));
      const parts = (f: FileInformation | undefined) =>
        f?.partSize && f.totalParts && f.contentLength !== undefined
          ? {
              partSize: f.partSize,
              totalParts: f.totalParts,
              contentLength: f.contentLength,
              s3Uri: f.s3Access?.s3Uri ?? null,
            }
          : null;
      return { ...readSetSummary(connection.region, m), source1: parts(m.files?.source1), index: parts(m.files?.index) };
    } catch (error) {
      throw awsServiceError(error, { ...context, action: 'omics:GetReadSetMetadata' });
    }
  });
  const { source1, index } = metadata;
  if (metadata.fileType !== 'BAM' && metadata.fileType !== 'CRAM') {
    throw new ServiceError(
      'UNSUPPORTED',
      `Read set ${readSetId} is ${metadata.fileType}: only BAM and CRAM are shown on the genome track.`,
      url,
    );
  }
  if (metadata.status === 'ARCHIVED') {
    throw new ServiceError(
      'UNSUPPORTED',
      `Read set ${readSetId} is archived: activate it first (HealthOmics console, or \`aws omics start-read-set-activation-job --sequence-store-id ${sequenceStoreId} --sources readSetId=${readSetId}\`), then open it again.`,
      url,
    );
  }
  if (!source1) throw new ServiceError('BAD_FILE', `Read set ${readSetId} has no file parts listed in its metadata.`, url);

  /** One part of a file (1-based), as GetReadSet gives it. */
  const getPart = async (name: 'SOURCE1' | 'INDEX', partNumber: number, signal?: AbortSignal): Promise<Uint8Array> => {
    try {
      const answer = await client.send(new GetReadSetCommand({ sequenceStoreId, id: readSetId, file: name, partNumber }), {
        abortSignal: signal,
      });
      if (!answer.payload) throw new Error('empty answer');
      return await answer.payload.transformToByteArray();
    } catch (error) {
      throw awsServiceError(error, { ...context, action: 'omics:GetReadSet' });
    }
  };
  const byParts = (name: 'SOURCE1' | 'INDEX', parts: FileParts) =>
    new PartedFile({
      cacheKey: name,
      size: parts.contentLength,
      blockSize: parts.partSize,
      cache: group,
      queue: deps.queue,
      onFetched: deps.onFetched,
      fetchBlock: (n, signal) => getPart(name, n + 1, signal),
    });
  const s3 = await s3Client(connection);
  const byS3 = (name: 'SOURCE1' | 'INDEX', parts: FileParts, s3Uri: string) => {
    const { bucket, key } = splitS3Uri(s3Uri);
    let denied = false;
    /** The bytes of block n cut out of the parts that hold them (after S3 said no). */
    const fromParts = async (n: number, signal: AbortSignal) => {
      const start = n * S3_BLOCK;
      const end = Math.min(parts.contentLength, start + S3_BLOCK) - 1;
      const out = new Uint8Array(end - start + 1);
      for (let p = Math.floor(start / parts.partSize); p <= Math.floor(end / parts.partSize); p++) {
        const part = await getPart(name, p + 1, signal);
        const from = Math.max(start, p * parts.partSize);
        const to = Math.min(end, p * parts.partSize + part.byteLength - 1);
        out.set(part.subarray(from - p * parts.partSize, to - p * parts.partSize + 1), from - start);
      }
      return out;
    };
    return new PartedFile({
      cacheKey: `S3:${name}`,
      size: parts.contentLength,
      blockSize: S3_BLOCK,
      cache: group,
      queue: deps.queue,
      onFetched: deps.onFetched,
      fetchBlock: async (n, signal) => {
        if (denied) return fromParts(n, signal);
        const start = n * S3_BLOCK;
        const end = Math.min(parts.contentLength, start + S3_BLOCK) - 1;
        try {
          const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}` }), {
            abortSignal: signal,
          });
          if (!answer.Body) throw new Error('empty answer');
          return await answer.Body.transformToByteArray();
        } catch (error) {
          const failure = awsServiceError(error, {
            ...context,
            resource: `${s3Uri} (${context.resource})`,
            action: 's3:GetObject',
          });
          if (failure.code !== 'ACCESS_DENIED') throw failure;
          denied = true;
          return fromParts(n, signal);
        }
      },
    });
  };
  const file = (name: 'SOURCE1' | 'INDEX', parts: FileParts) =>
    parts.s3Uri && parts.contentLength > 0 ? byS3(name, parts, parts.s3Uri) : byParts(name, parts);
  const source = file('SOURCE1', source1);
  const indexFile = index ? file('INDEX', index) : null;
  return {
    summary: withoutParts(metadata),
    format: metadata.fileType,
    source,
    index: indexFile,
    parts: { source1: source1.totalParts, index: index?.totalParts ?? null },
    viaS3: Boolean(source1.s3Uri),
    pin: async () => {
      const all = [await pinMetadata(group), await source.pinAll(), (await indexFile?.pinAll()) ?? true];
      return all.every(Boolean);
    },
  };
}

function withoutParts(metadata: ReadSetMetadata): ReadSetSummary {
  const { source1: _source, index: _index, ...summary } = metadata;
  return summary;
}

/** `s3://BUCKET/KEY` (an access point alias is a bucket name to GetObject). */
function splitS3Uri(uri: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m) throw new ServiceError('BAD_FILE', `The read set's S3 URI is not s3://BUCKET/KEY: ${uri}`, uri);
  return { bucket: m[1], key: m[2] };
}
