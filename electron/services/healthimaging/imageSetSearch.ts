/**
 * Browse HealthImaging: the data stores of a region, and the image sets of one found by patient
 * id, accession number, study instance UID or study date (SearchImageSets, a page at a time).
 * Slide microscopy is what the slide pane shows: image sets of other modalities are left out
 * (and counted, so the dialog can say so).
 */
import {
  ListDatastoresCommand,
  SearchImageSetsCommand,
  type ImageSetsMetadataSummary,
  type SearchFilter,
} from '@aws-sdk/client-medical-imaging';
import type { AwsConnection } from '../../../shared/model/aws.js';
import {
  healthImagingUrl,
  type Datastore,
  type ImageSetPage,
  type ImageSetSearch,
  type ImageSetSummary,
} from '../../../shared/model/healthImaging.js';
import { awsServiceError } from '../aws/awsErrors.js';
import { ServiceError } from '../errors.js';
import { imagingClient } from './imagingClient.js';

export async function listDatastores(connection: AwsConnection): Promise<Datastore[]> {
  const client = await imagingClient(connection);
  const stores: Datastore[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(new ListDatastoresCommand({ nextToken, maxResults: 50 }));
      for (const d of page.datastoreSummaries ?? []) {
        stores.push({ id: d.datastoreId ?? '', name: d.datastoreName ?? d.datastoreId ?? '', status: d.datastoreStatus ?? '' });
      }
      nextToken = page.nextToken;
    } while (nextToken && stores.length < 1000);
  } catch (error) {
    throw awsServiceError(error, { connection, action: 'medical-imaging:ListDatastores' });
  }
  return stores;
}

/** YYYY-MM-DD or YYYYMMDD → YYYYMMDD (what DICOM and SearchImageSets use). */
function dicomDate(value: string, field: string): string {
  const digits = value.replace(/-/g, '');
  if (!/^\d{8}$/.test(digits)) throw new ServiceError('BAD_PARAMS', `${field} must be a date as YYYY-MM-DD, not "${value}".`);
  return digits;
}

/** SearchImageSets takes at most two filters: the first criteria given, in this order. */
export function searchFilters(search: ImageSetSearch): SearchFilter[] {
  const filters: SearchFilter[] = [];
  if (search.patientId) filters.push({ operator: 'EQUAL', values: [{ DICOMPatientId: search.patientId }] });
  if (search.accessionNumber) filters.push({ operator: 'EQUAL', values: [{ DICOMAccessionNumber: search.accessionNumber }] });
  if (search.studyInstanceUID) filters.push({ operator: 'EQUAL', values: [{ DICOMStudyInstanceUID: search.studyInstanceUID }] });
  if (search.studyDateFrom || search.studyDateTo) {
    const from = dicomDate(search.studyDateFrom ?? search.studyDateTo!, 'The study date');
    const to = dicomDate(search.studyDateTo ?? search.studyDateFrom!, 'The study date');
    filters.push({
      operator: 'BETWEEN',
      values: [
        { DICOMStudyDateAndTime: { DICOMStudyDate: from, DICOMStudyTime: '000000' } },
        { DICOMStudyDateAndTime: { DICOMStudyDate: to, DICOMStudyTime: '235959' } },
      ],
    });
  }
  if (filters.length > 2) {
    throw new ServiceError('BAD_PARAMS', 'HealthImaging searches by at most two criteria at once: leave one out.');
  }
  return filters;
}

export async function searchImageSets(
  connection: AwsConnection,
  datastoreId: string,
  search: ImageSetSearch,
): Promise<ImageSetPage> {
  const client = await imagingClient(connection);
  const filters = searchFilters(search);
  try {
    const page = await client.send(
      new SearchImageSetsCommand({
        datastoreId,
        ...(filters.length ? { searchCriteria: { filters } } : {}),
        maxResults: search.maxResults ?? 50,
        nextToken: search.nextToken,
      }),
    );
    const all = (page.imageSetsMetadataSummaries ?? []).map((s) => summaryOf(connection.region, datastoreId, s));
    const kept = all.filter((s) => !s.modality || s.modality === 'SM');
    return { imageSets: kept, skipped: all.length - kept.length, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  } catch (error) {
    throw awsServiceError(error, {
      connection,
      action: 'medical-imaging:SearchImageSets',
      resource: `data store ${datastoreId}`,
    });
  }
}

function summaryOf(region: string, datastoreId: string, s: ImageSetsMetadataSummary): ImageSetSummary {
  const t = s.DICOMTags ?? {};
  const imageSetId = s.imageSetId ?? '';
  const date = t.DICOMStudyDate && /^\d{8}$/.test(t.DICOMStudyDate) ? t.DICOMStudyDate : undefined;
  const pick = (v: string | undefined) => v || undefined;
  return {
    imageSetId,
    url: healthImagingUrl({ region, datastoreId, imageSetId }),
    ...optional('patientId', pick(t.DICOMPatientId)),
    ...optional('patientName', pick(t.DICOMPatientName)),
    ...optional('accessionNumber', pick(t.DICOMAccessionNumber)),
    ...optional('studyInstanceUID', pick(t.DICOMStudyInstanceUID)),
    ...optional('studyDate', date && `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`),
    ...optional('studyDescription', pick(t.DICOMStudyDescription)),
    ...optional('modality', pick(t.DICOMSeriesModality)),
  };
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
