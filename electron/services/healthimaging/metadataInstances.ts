/**
 * An image set's metadata as the instances of a local DICOM series: each instance's keyword-keyed
 * attributes (with its series', study's and patient's) become the same naturalized dataset a local
 * file's header gives, so the local reader's model — pyramid levels, associated images, tile
 * size, pixel spacing, focal planes, optical paths, sparse tile positions — is built by the same
 * code. Frames are named by HealthImaging's frame ids, in frame order.
 *
 * HealthImaging leaves large attributes out of the metadata; a TILED_SPARSE instance may then
 * have no Per-Frame Functional Groups, hence no frame positions. Such an instance is placed in
 * TILED_FULL order when it has a frame for every tile (the only order it can then be in), and is
 * otherwise left out; both are said in `notes`.
 */
import { ServiceError } from '../errors.js';
import { items, number, text, texts } from '../slides/dicom/datasetValues.js';
import type { NaturalDataset } from '../slides/dicom/dcmjsBridge.js';
import { WSI_SOP_CLASS_UID, type DicomHeaderSummary } from '../slides/dicom/header.js';
import type { PositionalFile } from '../slides/dicom/positionalFile.js';
import { toSlideInstance, type SlideInstance } from '../slides/dicom/slideInstance.js';
import type { ImageSetMetadata, MetadataInstance } from './imageSetMetadata.js';

export type RemoteInstance = SlideInstance & {
  frameIds: string[];
  /** Each frame's FrameSizeInBytes from the metadata, where it says (for "Make available offline"). */
  frameSizes: Array<number | undefined>;
};

export type ImageSetInstances = {
  seriesInstanceUID: string;
  instances: RemoteInstance[];
  notes: string[];
};

/** No byte of a remote instance is read through a file: the frame count bound is the service's. */
const REMOTE_SIZE = Number.MAX_SAFE_INTEGER;

export function instancesOfImageSet(doc: ImageSetMetadata, url: string): ImageSetInstances {
  const notes: string[] = [];
  const allSeries = Object.entries(doc.Study?.Series ?? {});
  const slideSeries = allSeries.filter(([, s]) =>
    Object.values(s.Instances ?? {}).some((i) => text(i.DICOM as NaturalDataset, 'SOPClassUID') === WSI_SOP_CLASS_UID),
  );
  if (slideSeries.length === 0) {
    const modalities = [...new Set(allSeries.map(([, s]) => text(s.DICOM as NaturalDataset, 'Modality') ?? '?'))].join(', ');
    throw new ServiceError(
      'UNSUPPORTED',
      `The image set holds no whole-slide image (VL Whole Slide Microscopy) series${modalities ? ` (modality ${modalities})` : ''}.`,
      url,
    );
  }
  // The series with the most images is the slide; others (rare: a re-scan) are named in notes.
  slideSeries.sort(([, a], [, b]) => Object.keys(b.Instances ?? {}).length - Object.keys(a.Instances ?? {}).length);
  const [[seriesUID, series], ...others] = slideSeries;
  for (const [uid] of others) notes.push(`The image set holds another slide series (${uid}); only ${seriesUID} is shown.`);

  const shared: NaturalDataset = {
    ...(doc.Patient?.DICOM ?? {}),
    ...(doc.Study?.DICOM ?? {}),
    ...(series.DICOM ?? {}),
  } as NaturalDataset;
  const instances: RemoteInstance[] = [];
  for (const [sopInstanceUID, raw] of Object.entries(series.Instances ?? {})) {
    if (text(raw.DICOM as NaturalDataset, 'SOPClassUID') !== WSI_SOP_CLASS_UID) continue;
    const instance = toRemoteInstance(sopInstanceUID, raw, shared, seriesUID, `${url}#${sopInstanceUID}`);
    const placed = placeWithoutPositions(instance, notes);
    if (placed) instances.push(placed);
  }
  if (!instances.some((i) => i.kind === 'VOLUME')) {
    throw new ServiceError(
      'BAD_FILE',
      `The slide has no pyramid level that can be shown${notes.length ? `: ${notes.join(' ')}` : ''}.`,
      url,
    );
  }
  return { seriesInstanceUID: seriesUID, instances, notes };
}

function toRemoteInstance(
  sopInstanceUID: string,
  raw: MetadataInstance,
  shared: NaturalDataset,
  seriesUID: string,
  name: string,
): RemoteInstance {
  const dataset = { ...shared, ...(raw.DICOM as NaturalDataset), SOPInstanceUID: sopInstanceUID } as NaturalDataset;
  const transferSyntaxUID = raw.StoredTransferSyntaxUID ?? text(dataset, 'TransferSyntaxUID') ?? '1.2.840.10008.1.2.1';
  const header: DicomHeaderSummary = {
    path: name,
    fileSize: REMOTE_SIZE,
    transferSyntaxUID,
    sopClassUID: WSI_SOP_CLASS_UID,
    sopInstanceUID,
    studyInstanceUID: text(dataset, 'StudyInstanceUID'),
    seriesInstanceUID: text(dataset, 'SeriesInstanceUID') ?? seriesUID,
    frameOfReferenceUID: text(dataset, 'FrameOfReferenceUID'),
    imageType: texts(dataset, 'ImageType').map((v) => v.toUpperCase()),
    patientName: text(dataset, 'PatientName'),
    patientID: text(dataset, 'PatientID'),
    // The frames are fetched by id, not read from a Pixel Data element: a placeholder location.
    pixelData: { elementOffset: 0, valueOffset: 0, length: 0 },
    dataset,
  };
  // The local model keeps a file per instance for its error messages; here it is only a name.
  const file = { path: name, size: REMOTE_SIZE } as unknown as PositionalFile;
  const instance = toSlideInstance(file, header);
  const frameIds = (raw.ImageFrames ?? []).map((f) => f.ID);
  const frameSizes = (raw.ImageFrames ?? []).map((f) =>
    typeof f.FrameSizeInBytes === 'number' && f.FrameSizeInBytes > 0 ? f.FrameSizeInBytes : undefined,
  );
  if (frameIds.length < instance.numberOfFrames) {
    throw new ServiceError(
      'BAD_FILE',
      `instance ${sopInstanceUID} lists ${frameIds.length} image frames for ${instance.numberOfFrames} frames`,
      name,
    );
  }
  return { ...instance, frameIds, frameSizes };
}

function placeWithoutPositions(instance: RemoteInstance, notes: string[]): RemoteInstance | null {
  if (instance.organization !== 'TILED_SPARSE') return instance;
  const perFrame = items(instance.header.dataset, 'PerFrameFunctionalGroupsSequence');
  if (perFrame.length >= instance.numberOfFrames) return instance;
  const columns = Math.ceil(instance.width / instance.tileWidth);
  const rows = Math.ceil(instance.height / instance.tileHeight);
  const full = columns * rows * instance.focalPlanes * instance.opticalPathIds.length;
  const what = `${instance.kind ?? 'image'} ${instance.width} × ${instance.height}`;
  if (instance.numberOfFrames === full && (number(instance.header.dataset, 'NumberOfFrames') ?? 1) === full) {
    notes.push(
      `The HealthImaging metadata has no per-frame positions for the ${what} (TILED_SPARSE); it has a frame for every tile, so they are placed in TILED_FULL order.`,
    );
    return { ...instance, organization: 'TILED_FULL' };
  }
  notes.push(
    `The HealthImaging metadata has no per-frame positions for the ${what} (TILED_SPARSE, ${instance.numberOfFrames} of ${full} tiles stored), so where its tiles lie is unknown and it is not shown.`,
  );
  return null;
}
