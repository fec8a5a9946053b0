/** Reference stores and their references, for the "Add from HealthOmics" dialog. */
import { ListReferenceStoresCommand, ListReferencesCommand } from '@aws-sdk/client-omics';
import type { AwsConnection } from '../../../shared/model/aws.js';
import { omicsUrl, type ReferenceSummary, type SequenceStore } from '../../../shared/model/healthOmics.js';
import { awsServiceError } from '../aws/awsErrors.js';
import { omicsClient } from './omicsClients.js';

export async function listReferenceStores(connection: AwsConnection): Promise<SequenceStore[]> {
  const client = await omicsClient(connection);
  const stores: SequenceStore[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(new ListReferenceStoresCommand({ nextToken, maxResults: 100 }));
      for (const s of page.referenceStores ?? [])
        stores.push({ id: s.id ?? '', name: s.name ?? s.id ?? '', region: connection.region });
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    throw awsServiceError(error, { connection, action: 'omics:ListReferenceStores' });
  }
  return stores;
}

export async function listReferences(connection: AwsConnection, referenceStoreId: string): Promise<ReferenceSummary[]> {
  const client = await omicsClient(connection);
  const references: ReferenceSummary[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(new ListReferencesCommand({ referenceStoreId, nextToken, maxResults: 100 }));
      for (const r of page.references ?? []) {
        const id = r.id ?? '';
        references.push({
          url: omicsUrl({ kind: 'reference', region: connection.region, referenceStoreId, referenceId: id }),
          id,
          name: r.name ?? null,
          status: r.status ?? 'unknown',
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    throw awsServiceError(error, { connection, action: 'omics:ListReferences', resource: `reference store ${referenceStoreId}` });
  }
  return references;
}
