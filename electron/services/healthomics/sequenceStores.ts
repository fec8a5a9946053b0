/**
 * Sequence stores and their read sets, as the "Add from HealthOmics" dialog and `inspect` list
 * them: filtered by subject and sample at HealthOmics (not here), one page at a time.
 */
import { ListReadSetsCommand, ListSequenceStoresCommand, type ReadSetListItem } from '@aws-sdk/client-omics';
import type { AwsConnection } from '../../../shared/model/aws.js';
import {
  omicsUrl,
  referenceUrlOfArn,
  type ReadSetPage,
  type ReadSetSummary,
  type SequenceStore,
} from '../../../shared/model/healthOmics.js';
import { awsServiceError } from '../aws/awsErrors.js';
import { omicsClient } from './omicsClients.js';

export async function listSequenceStores(connection: AwsConnection): Promise<SequenceStore[]> {
  const client = await omicsClient(connection);
  const stores: SequenceStore[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(new ListSequenceStoresCommand({ nextToken, maxResults: 100 }));
      for (const s of page.sequenceStores ?? [])
        stores.push({ id: s.id ?? '', name: s.name ?? s.id ?? '', region: connection.region });
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    throw awsServiceError(error, { connection, action: 'omics:ListSequenceStores' });
  }
  return stores;
}

export async function listReadSets(
  connection: AwsConnection,
  sequenceStoreId: string,
  options: { subjectId?: string; sampleId?: string; nextToken?: string; maxResults?: number } = {},
): Promise<ReadSetPage> {
  const client = await omicsClient(connection);
  const filter = {
    ...(options.subjectId ? { subjectId: options.subjectId } : {}),
    ...(options.sampleId ? { sampleId: options.sampleId } : {}),
  };
  try {
    const page = await client.send(
      new ListReadSetsCommand({
        sequenceStoreId,
        maxResults: options.maxResults ?? 50,
        nextToken: options.nextToken,
        ...(Object.keys(filter).length ? { filter } : {}),
      }),
    );
    return {
      readSets: (page.readSets ?? []).map((r) => readSetSummary(connection.region, r)),
      nextToken: page.nextToken ?? null,
    };
  } catch (error) {
    throw awsServiceError(error, {
      connection,
      action: 'omics:ListReadSets',
      resource: `sequence store ${sequenceStoreId}`,
    });
  }
}

export function readSetSummary(
  region: string,
  r: Pick<ReadSetListItem, 'id' | 'sequenceStoreId' | 'name' | 'subjectId' | 'sampleId' | 'fileType' | 'status' | 'referenceArn'>,
): ReadSetSummary {
  const id = r.id ?? '';
  const sequenceStoreId = r.sequenceStoreId ?? '';
  const fileType = r.fileType ?? 'unknown';
  const status = r.status ?? 'unknown';
  return {
    url: omicsUrl({ kind: 'read-set', region, sequenceStoreId, readSetId: id }),
    id,
    sequenceStoreId,
    name: r.name ?? null,
    subjectId: r.subjectId ?? null,
    sampleId: r.sampleId ?? null,
    fileType,
    status,
    reference: referenceUrlOfArn(r.referenceArn),
    viewable: (fileType === 'BAM' || fileType === 'CRAM') && status === 'ACTIVE',
  };
}
