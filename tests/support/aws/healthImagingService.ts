/**
 * HealthImaging for the loopback AWS stand-in: data stores and image sets made from DICOM slide
 * files (the production reader finds their frames). REST-JSON, paths and members as the SDK's
 * schemas serialize them (@aws-sdk/client-medical-imaging dist-cjs/index.js):
 *
 *   GET  /datastore?datastoreStatus&nextToken&maxResults                           ListDatastores
 *   POST /datastore/{ds}/searchImageSets?maxResults&nextToken  body {filters, sort}   SearchImageSets
 *   POST /datastore/{ds}/imageSet/{id}/getImageSetMetadata?version                 GetImageSetMetadata (gzipped JSON)
 *   POST /datastore/{ds}/imageSet/{id}/getImageFrame  body {imageFrameId}          GetImageFrame (bytes, Content-Type)
 *
 * The data-plane operations live on a `runtime-` host prefix at AWS; the client config disables
 * host prefixes on a custom endpoint, so everything arrives here.
 *
 * The metadata has the real service's shape: Patient / Study / Series / Instances, each with a
 * `DICOM` object of keyword-keyed attributes, and per instance `StoredTransferSyntaxUID` and
 * `ImageFrames` (one `ID` per frame, in frame order).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readDicomHeader } from '../../../electron/services/slides/dicom/header.js';
import { buildFrameIndex } from '../../../electron/services/slides/dicom/frameIndex.js';
import { PositionalFile } from '../../../electron/services/slides/dicom/positionalFile.js';
import { toSlideInstance } from '../../../electron/services/slides/dicom/slideInstance.js';
import { AwsTestError, pageOf, TEST_ACCOUNT, type Route } from './awsTestServer.js';

export type StandInFrame = { bytes: Uint8Array; contentType: string };

export type StandInImageSet = {
  datastoreId: string;
  imageSetId: string;
  /** The metadata document (sent gzipped). */
  metadata: ImageSetMetadataDocument;
  frames: Map<string, StandInFrame>;
};

type Attributes = Record<string, unknown>;
export type ImageSetMetadataDocument = {
  SchemaVersion: string;
  DatastoreID: string;
  ImageSetID: string;
  Patient: { DICOM: Attributes };
  Study: {
    DICOM: Attributes;
    Series: Record<
      string,
      {
        DICOM: Attributes;
        Instances: Record<
          string,
          { DICOM: Attributes; StoredTransferSyntaxUID: string; ImageFrames: Array<{ ID: string; FrameSizeInBytes: number }> }
        >;
      }
    >;
  };
};

/** The content type GetImageFrame answers for a stored transfer syntax (HealthImaging's table). */
export function frameContentType(transferSyntaxUID: string): string {
  switch (transferSyntaxUID) {
    case '1.2.840.10008.1.2.4.50':
      return 'image/jpeg';
    case '1.2.840.10008.1.2.4.90':
    case '1.2.840.10008.1.2.4.91':
      return 'image/j2c';
    case '1.2.840.10008.1.2.4.201':
    case '1.2.840.10008.1.2.4.203':
      return 'image/jph';
    case '1.2.840.10008.1.2.4.202':
      return 'image/jphc';
    default:
      return 'application/octet-stream';
  }
}

const PATIENT_KEYS = ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex'];
const STUDY_KEYS = ['StudyInstanceUID', 'StudyDate', 'StudyTime', 'StudyID', 'AccessionNumber', 'StudyDescription'];
const SERIES_KEYS = ['SeriesInstanceUID', 'Modality', 'SeriesDescription', 'SeriesNumber'];
/** Elements HealthImaging keeps out of the metadata (pixel data, bulk tables, the meta group). */
const LEFT_OUT = /^(_|PixelData$|ExtendedOffsetTable|FloatPixelData|DoubleFloatPixelData|DataSetTrailingPadding)/;

/**
 * An image set from the files of one slide series, as HealthImaging imports it.
 * `dropPerFrame`: leave the Per-Frame Functional Groups out, as the service does when they are
 * too large (a TILED_SPARSE level then has no frame positions).
 */
export async function imageSetFromDicomFiles(
  paths: string[],
  ids: { datastoreId: string; imageSetId: string },
  options: { dropPerFrame?: boolean; accessionNumber?: string; studyDate?: string } = {},
): Promise<StandInImageSet> {
  const frames = new Map<string, StandInFrame>();
  const doc: ImageSetMetadataDocument = {
    SchemaVersion: '1.1',
    DatastoreID: ids.datastoreId,
    ImageSetID: ids.imageSetId,
    Patient: { DICOM: {} },
    Study: { DICOM: {}, Series: {} },
  };
  for (const path of paths) {
    const header = await readDicomHeader(path);
    const file = await PositionalFile.open(path);
    try {
      const instance = toSlideInstance(file, header);
      const index = await buildFrameIndex({
        file,
        transferSyntaxUID: header.transferSyntaxUID,
        numberOfFrames: instance.numberOfFrames,
        pixelData: header.pixelData!,
        extendedOffsetTable: header.extendedOffsetTable,
        extendedOffsetTableLengths: header.extendedOffsetTableLengths,
        nativeFrameBytes: instance.nativeFrameBytes,
      });
      const ds = header.dataset as Attributes;
      const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => ds[k] !== undefined).map((k) => [k, ds[k]]));
      Object.assign(doc.Patient.DICOM, pick(PATIENT_KEYS));
      Object.assign(doc.Study.DICOM, pick(STUDY_KEYS));
      if (options.accessionNumber) doc.Study.DICOM.AccessionNumber = options.accessionNumber;
      if (options.studyDate) doc.Study.DICOM.StudyDate = options.studyDate;
      const seriesUID = String(ds.SeriesInstanceUID);
      const series = (doc.Study.Series[seriesUID] ??= { DICOM: pick(SERIES_KEYS), Instances: {} });
      const attributes: Attributes = {};
      for (const [k, v] of Object.entries(ds)) {
        if (LEFT_OUT.test(k) || PATIENT_KEYS.includes(k) || STUDY_KEYS.includes(k) || SERIES_KEYS.includes(k)) continue;
        if (options.dropPerFrame && k === 'PerFrameFunctionalGroupsSequence') continue;
        attributes[k] = v;
      }
      const contentType = frameContentType(header.transferSyntaxUID);
      const imageFrames: Array<{ ID: string; FrameSizeInBytes: number }> = [];
      for (let f = 0; f < index.frameCount; f++) {
        const id = createHash('md5').update(`${ids.imageSetId}/${header.sopInstanceUID}/${f}`).digest('hex');
        const bytes = await index.read(f);
        frames.set(id, { bytes, contentType });
        imageFrames.push({ ID: id, FrameSizeInBytes: bytes.byteLength });
      }
      series.Instances[header.sopInstanceUID] = {
        DICOM: attributes,
        StoredTransferSyntaxUID: header.transferSyntaxUID,
        ImageFrames: imageFrames,
      };
    } finally {
      await file.close();
    }
  }
  // As JSON, as the service holds it (dcmjs' arrays carry extra properties).
  return { ...ids, metadata: JSON.parse(JSON.stringify(doc)) as ImageSetMetadataDocument, frames };
}

type SearchValue = {
  DICOMPatientId?: string;
  DICOMAccessionNumber?: string;
  DICOMStudyInstanceUID?: string;
  DICOMStudyId?: string;
  DICOMSeriesInstanceUID?: string;
  DICOMStudyDateAndTime?: { DICOMStudyDate?: string; DICOMStudyTime?: string };
};
type SearchFilter = { values: SearchValue[]; operator: 'EQUAL' | 'BETWEEN' };

export class HealthImagingStandIn {
  readonly datastores: Array<{ id: string; name: string; status?: string }> = [];
  readonly imageSets: StandInImageSet[] = [];
  readonly region: string;
  /** GetImageFrame calls answered, by frame id (what was fetched, for cache tests). */
  readonly frameRequests: string[] = [];

  constructor(options: { region?: string } = {}) {
    this.region = options.region ?? 'us-east-1';
  }

  routes(): Route[] {
    const route = (operation: string, method: string, path: RegExp, handle: Route['handle']): Route => ({
      service: 'medical-imaging',
      protocol: 'rest-json',
      operation,
      method,
      path,
      handle,
    });
    return [
      route('ListDatastores', 'GET', /^\/datastore$/, (req) => {
        const status = req.query.get('datastoreStatus');
        const stores = this.datastores.filter((d) => !status || (d.status ?? 'ACTIVE') === status);
        const page = pageOf(stores, req.query.get('maxResults'), req.query.get('nextToken'), 50);
        return {
          body: {
            datastoreSummaries: page.items.map((d) => ({
              datastoreId: d.id,
              datastoreName: d.name,
              datastoreStatus: d.status ?? 'ACTIVE',
              datastoreArn: `arn:aws:medical-imaging:${this.region}:${TEST_ACCOUNT}:datastore/${d.id}`,
              createdAt: CREATED,
              updatedAt: CREATED,
            })),
            nextToken: page.nextToken,
          },
        };
      }),
      route('SearchImageSets', 'POST', /^\/datastore\/([^/]+)\/searchImageSets$/, (req, m) => {
        this.datastore(m[1]);
        // The search criteria are the request's payload (httpPayload): the body is {filters, sort}.
        const filters = req.json<{ filters?: SearchFilter[] }>().filters ?? [];
        if (filters.length > 2) throw new AwsTestError(400, 'ValidationException', 'At most 2 filters.');
        const matching = this.imageSets.filter((s) => s.datastoreId === m[1] && filters.every((f) => matchesFilter(s, f)));
        const page = pageOf(matching, req.query.get('maxResults'), req.query.get('nextToken'), 50);
        return {
          body: {
            imageSetsMetadataSummaries: page.items.map((s) => this.summary(s)),
            nextToken: page.nextToken,
          },
        };
      }),
      route('GetImageSetMetadata', 'POST', /^\/datastore\/([^/]+)\/imageSet\/([^/]+)\/getImageSetMetadata$/, (_req, m) => {
        const set = this.imageSet(m[1], m[2]);
        return {
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: gzipSync(JSON.stringify(set.metadata)),
        };
      }),
      route('GetImageFrame', 'POST', /^\/datastore\/([^/]+)\/imageSet\/([^/]+)\/getImageFrame$/, (req, m) => {
        const set = this.imageSet(m[1], m[2]);
        const id = req.json<{ imageFrameId?: string }>().imageFrameId ?? '';
        const frame = set.frames.get(id);
        if (!frame)
          throw new AwsTestError(404, 'ResourceNotFoundException', `No image frame ${id} in image set ${set.imageSetId}.`);
        this.frameRequests.push(id);
        return { headers: { 'content-type': frame.contentType }, body: frame.bytes };
      }),
    ];
  }

  private summary(s: StandInImageSet) {
    const study = s.metadata.Study.DICOM;
    const patient = s.metadata.Patient.DICOM;
    const [series] = Object.values(s.metadata.Study.Series);
    const text = (v: unknown) =>
      v === undefined ? undefined : typeof v === 'object' ? (v as { Alphabetic?: string }).Alphabetic : String(v);
    return {
      imageSetId: s.imageSetId,
      version: 1,
      createdAt: CREATED,
      updatedAt: CREATED,
      DICOMTags: {
        DICOMPatientId: text(patient.PatientID),
        DICOMPatientName: text(patient.PatientName),
        DICOMStudyInstanceUID: text(study.StudyInstanceUID),
        DICOMStudyId: text(study.StudyID),
        DICOMStudyDescription: text(study.StudyDescription),
        DICOMAccessionNumber: text(study.AccessionNumber),
        DICOMStudyDate: text(study.StudyDate),
        DICOMStudyTime: text(study.StudyTime),
        DICOMSeriesInstanceUID: text(series?.DICOM.SeriesInstanceUID),
        DICOMSeriesModality: text(series?.DICOM.Modality),
        DICOMNumberOfStudyRelatedSeries: Object.keys(s.metadata.Study.Series).length,
        DICOMNumberOfStudyRelatedInstances: Object.values(s.metadata.Study.Series).reduce(
          (n, x) => n + Object.keys(x.Instances).length,
          0,
        ),
      },
    };
  }

  private datastore(id: string) {
    const store = this.datastores.find((d) => d.id === id);
    if (!store) throw new AwsTestError(404, 'ResourceNotFoundException', `No data store ${id}.`);
    return store;
  }

  private imageSet(datastoreId: string, imageSetId: string): StandInImageSet {
    this.datastore(datastoreId);
    const set = this.imageSets.find((s) => s.datastoreId === datastoreId && s.imageSetId === imageSetId);
    if (!set)
      throw new AwsTestError(404, 'ResourceNotFoundException', `No image set ${imageSetId} in data store ${datastoreId}.`);
    return set;
  }
}

function matchesFilter(set: StandInImageSet, filter: SearchFilter): boolean {
  const study = set.metadata.Study.DICOM;
  const patient = set.metadata.Patient.DICOM;
  const [first, second] = filter.values;
  if (!first) throw new AwsTestError(400, 'ValidationException', 'A filter needs a value.');
  const field = (v: SearchValue): [string | undefined, unknown] => {
    if (v.DICOMPatientId !== undefined) return [v.DICOMPatientId, patient.PatientID];
    if (v.DICOMAccessionNumber !== undefined) return [v.DICOMAccessionNumber, study.AccessionNumber];
    if (v.DICOMStudyInstanceUID !== undefined) return [v.DICOMStudyInstanceUID, study.StudyInstanceUID];
    if (v.DICOMStudyId !== undefined) return [v.DICOMStudyId, study.StudyID];
    if (v.DICOMStudyDateAndTime !== undefined) return [v.DICOMStudyDateAndTime.DICOMStudyDate, study.StudyDate];
    throw new AwsTestError(400, 'ValidationException', `Unsupported search attribute ${Object.keys(v).join(',')}.`);
  };
  const [wanted, actual] = field(first);
  if (filter.operator === 'EQUAL') return String(actual ?? '') === wanted;
  if (filter.operator === 'BETWEEN') {
    if (!second || first.DICOMStudyDateAndTime === undefined) {
      throw new AwsTestError(400, 'ValidationException', 'BETWEEN takes two DICOMStudyDateAndTime values.');
    }
    const [upper] = field(second);
    const value = String(actual ?? '');
    return value >= (wanted ?? '') && value <= (upper ?? '');
  }
  throw new AwsTestError(400, 'ValidationException', `Unknown operator ${String(filter.operator)}.`);
}

const CREATED = 1_794_000_000; // epoch seconds, as rest-json timestamps are sent
