/**
 * A HealthOmics read set as byte sources for igv.js: its SOURCE1 file (the BAM or CRAM) and its
 * INDEX (.bai / .crai), each split into the parts HealthOmics stores (GetReadSetMetadata says
 * the part size and count). Any byte range maps onto the parts that hold it: only those are
 * fetched (GetReadSet with the file and a 1-based part number), cached on disk. GetReadSet has no
 * byte range of its own, so a part is the smallest unit fetched.
 */
import { GetReadSetCommand, GetReadSetMetadataCommand, type FileInformation } from '@aws-sdk/client-omics';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { omicsUrl, type ReadSetSummary } from '../../../shared/model/healthOmics.js';
import { awsServiceError } from '../aws/awsErrors.js';
import type { DiskCache } from '../cache/diskCache.js';
import { ServiceError } from '../errors.js';
import type { RequestQueue } from '../remote/requestQueue.js';
import { cachedMetadata, pinMetadata } from './cachedMetadata.js';
import { omicsClient } from './omicsClients.js';
import { PartedFile } from './partedFile.js';
import { readSetSummary } from './sequenceStores.js';

type FileParts = { partSize: number; totalParts: number; contentLength: number };
type ReadSetMetadata = ReadSetSummary & { source1: FileParts | null; index: FileParts | null };

export type OpenedReadSet = {
  summary: ReadSetSummary;
  /** BAM or CRAM, as HealthOmics says (the stored bytes are that format). */
  format: 'BAM' | 'CRAM';
  source: PartedFile;
  index: PartedFile | null;
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
          ? { partSize: f.partSize, totalParts: f.totalParts, contentLength: f.contentLength }
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

  const file = (name: 'SOURCE1' | 'INDEX', parts: FileParts) =>
    new PartedFile({
      cacheKey: name,
      size: parts.contentLength,
      blockSize: parts.partSize,
      cache: group,
      queue: deps.queue,
      onFetched: deps.onFetched,
      fetchBlock: async (n, signal) => {
        try {
          const answer = await client.send(
            new GetReadSetCommand({ sequenceStoreId, id: readSetId, file: name, partNumber: n + 1 }),
            { abortSignal: signal },
          );
          if (!answer.payload) throw new Error('empty answer');
          return await answer.payload.transformToByteArray();
        } catch (error) {
          throw awsServiceError(error, { ...context, action: 'omics:GetReadSet' });
        }
      },
    });
  const source = file('SOURCE1', source1);
  const indexFile = index ? file('INDEX', index) : null;
  return {
    summary: withoutParts(metadata),
    format: metadata.fileType,
    source,
    index: indexFile,
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
