/**
 * A HealthOmics reference as igv.js's indexed FASTA: its SOURCE (the FASTA) and INDEX (.fai).
 * HealthOmics stores them in parts (100 MiB at AWS); a locus needs a few kilobytes, so each part
 * is read in blocks of at most 1 MiB with GetReference's Range (within the part) — a whole part
 * per view would be wasteful.
 */
import { GetReferenceCommand, GetReferenceMetadataCommand, type FileInformation } from '@aws-sdk/client-omics';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { omicsUrl } from '../../../shared/model/healthOmics.js';
import { awsServiceError } from '../aws/awsErrors.js';
import { ServiceError } from '../errors.js';
import { cachedMetadata, pinMetadata } from './cachedMetadata.js';
import { omicsClient } from './omicsClients.js';
import { PartedFile } from './partedFile.js';
import type { RemoteDeps } from './readSetSource.js';

const MAX_BLOCK = 1 << 20;

type FileParts = { partSize: number; contentLength: number };
type ReferenceMetadata = { name: string | null; status: string; source: FileParts | null; index: FileParts | null };

export type OpenedReference = {
  url: string;
  name: string | null;
  source: PartedFile;
  index: PartedFile;
  pin(): Promise<boolean>;
};

export async function openReference(
  connection: AwsConnection,
  referenceStoreId: string,
  referenceId: string,
  deps: RemoteDeps,
): Promise<OpenedReference> {
  const url = omicsUrl({ kind: 'reference', region: connection.region, referenceStoreId, referenceId });
  const group = deps.cache.group(`omics-reference:${url}`);
  const client = await omicsClient(connection);
  const context = { connection, resource: `reference ${referenceId} of reference store ${referenceStoreId}`, file: url };
  const metadata = await cachedMetadata<ReferenceMetadata>(group, async () => {
    try {
      const m = await client.send(new GetReferenceMetadataCommand({ referenceStoreId, id: referenceId }));
      const parts = (f: FileInformation | undefined) =>
        f?.partSize && f.contentLength !== undefined ? { partSize: f.partSize, contentLength: f.contentLength } : null;
      return {
        name: m.name ?? null,
        status: m.status ?? 'unknown',
        source: parts(m.files?.source),
        index: parts(m.files?.index),
      };
    } catch (error) {
      throw awsServiceError(error, { ...context, action: 'omics:GetReferenceMetadata' });
    }
  });
  if (!metadata.source || !metadata.index) {
    throw new ServiceError('BAD_FILE', `Reference ${referenceId} has no FASTA and index parts in its metadata.`, url);
  }
  const file = (name: 'SOURCE' | 'INDEX', parts: FileParts) => {
    // A block never straddles two parts: the part size is a multiple of the block size.
    const blockSize = parts.partSize % MAX_BLOCK === 0 ? MAX_BLOCK : parts.partSize;
    return new PartedFile({
      cacheKey: name,
      size: parts.contentLength,
      blockSize,
      cache: group,
      queue: deps.queue,
      onFetched: deps.onFetched,
      fetchBlock: async (n, signal) => {
        const start = n * blockSize;
        const partNumber = Math.floor(start / parts.partSize) + 1;
        const inPart = start - (partNumber - 1) * parts.partSize;
        const length = Math.min(blockSize, parts.contentLength - start);
        const whole = blockSize === parts.partSize;
        try {
          const answer = await client.send(
            new GetReferenceCommand({
              referenceStoreId,
              id: referenceId,
              file: name,
              partNumber,
              ...(whole ? {} : { range: `bytes=${inPart}-${inPart + length - 1}` }),
            }),
            { abortSignal: signal },
          );
          if (!answer.payload) throw new Error('empty answer');
          return await answer.payload.transformToByteArray();
        } catch (error) {
          throw awsServiceError(error, { ...context, action: 'omics:GetReference' });
        }
      },
    });
  };
  const source = file('SOURCE', metadata.source);
  const index = file('INDEX', metadata.index);
  return {
    url,
    name: metadata.name,
    source,
    index,
    pin: async () => [await pinMetadata(group), await source.pinAll(), await index.pinAll()].every(Boolean),
  };
}

/** The contigs of a .fai: name and length of each sequence. */
export function faiContigs(fai: Uint8Array): Array<{ name: string; length: number }> {
  return Buffer.from(fai)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [name, length] = line.split('\t');
      return { name, length: Number(length) };
    });
}
