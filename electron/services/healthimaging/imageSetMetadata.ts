/**
 * GetImageSetMetadata: the image set's DICOM header as HealthImaging keeps it — a gzipped JSON
 * document of Patient / Study / Series / Instances, each with a `DICOM` object of keyword-keyed
 * attributes (the same naturalized form dcmjs gives for a local file), and per instance the stored
 * transfer syntax and the ids of its frames in frame order. Kept in the cache beside the frames,
 * so an image set read before opens again with no network.
 */
import { GetImageSetMetadataCommand } from '@aws-sdk/client-medical-imaging';
import { gunzipSync } from 'node:zlib';
import type { AwsConnection } from '../../../shared/model/aws.js';
import type { HealthImagingRef, ImageSetDetails } from '../../../shared/model/healthImaging.js';
import { awsServiceError } from '../aws/awsErrors.js';
import type { CacheGroup } from '../cache/diskCache.js';
import { ServiceError } from '../errors.js';
import { WSI_SOP_CLASS_UID } from '../slides/dicom/header.js';
import { cachedMetadata } from '../healthomics/cachedMetadata.js';
import { imagingClient } from './imagingClient.js';

export type DicomAttributes = Record<string, unknown>;

export type MetadataInstance = {
  DICOM: DicomAttributes;
  StoredTransferSyntaxUID?: string;
  ImageFrames?: Array<{ ID: string; FrameSizeInBytes?: number }>;
};

export type ImageSetMetadata = {
  SchemaVersion?: string;
  DatastoreID?: string;
  ImageSetID?: string;
  Patient?: { DICOM?: DicomAttributes };
  Study?: {
    DICOM?: DicomAttributes;
    Series?: Record<string, { DICOM?: DicomAttributes; Instances?: Record<string, MetadataInstance> }>;
  };
};

export async function fetchImageSetMetadata(
  connection: AwsConnection,
  ref: HealthImagingRef,
  group: CacheGroup,
  url: string,
): Promise<ImageSetMetadata> {
  return cachedMetadata<ImageSetMetadata>(group, async () => {
    let bytes: Uint8Array;
    let encoding: string | undefined;
    try {
      const client = await imagingClient(connection);
      const answer = await client.send(
        new GetImageSetMetadataCommand({ datastoreId: ref.datastoreId, imageSetId: ref.imageSetId }),
      );
      if (!answer.imageSetMetadataBlob) throw new Error('empty answer');
      bytes = await answer.imageSetMetadataBlob.transformToByteArray();
      encoding = answer.contentEncoding;
    } catch (error) {
      throw awsServiceError(error, {
        connection,
        action: 'medical-imaging:GetImageSetMetadata',
        resource: `image set ${ref.imageSetId} of data store ${ref.datastoreId}`,
        file: url,
      });
    }
    return parseMetadata(bytes, encoding, url);
  });
}

/** The document, gunzipped when it is gzip (by header or by its magic bytes). */
export function parseMetadata(bytes: Uint8Array, encoding: string | undefined, url: string): ImageSetMetadata {
  try {
    const gzipped = /gzip/i.test(encoding ?? '') || (bytes[0] === 0x1f && bytes[1] === 0x8b);
    const text = Buffer.from(gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
    const doc = JSON.parse(text) as ImageSetMetadata;
    if (!doc || typeof doc !== 'object' || !doc.Study) throw new Error('no Study in the document');
    return doc;
  } catch (error) {
    throw new ServiceError('BAD_FILE', `The image set metadata cannot be read: ${(error as Error).message}`, url);
  }
}

/** The slide series' description, modality and level-0 size (what a search result lacks). */
export function detailsOf(doc: ImageSetMetadata): ImageSetDetails {
  const series = Object.values(doc.Study?.Series ?? {});
  const slide =
    series.find((s) => Object.values(s.Instances ?? {}).some((i) => i.DICOM?.SOPClassUID === WSI_SOP_CLASS_UID)) ?? series[0];
  if (!slide) return {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  let width = 0;
  let height = 0;
  for (const instance of Object.values(slide.Instances ?? {})) {
    const w = Number(instance.DICOM?.TotalPixelMatrixColumns ?? 0);
    if (w > width) {
      width = w;
      height = Number(instance.DICOM?.TotalPixelMatrixRows ?? 0);
    }
  }
  return {
    ...(text(slide.DICOM?.SeriesDescription) ? { seriesDescription: text(slide.DICOM?.SeriesDescription) } : {}),
    ...(text(slide.DICOM?.Modality) ? { modality: text(slide.DICOM?.Modality) } : {}),
    ...(width > 0 && height > 0 ? { width, height } : {}),
  };
}
