import { ServiceError, badFile } from '../../errors.js';
import { parseDataset, type NaturalDataset } from './dcmjsBridge.js';
import { text, texts } from './datasetValues.js';
import { isDicomPreamble, readMediaSOPClass, scanHeader, type ElementLocation } from './headerScan.js';
import { PositionalFile } from './positionalFile.js';

export const WSI_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.77.1.6';
/** Microscopy Bulk Simple Annotations (PS3.3 A.88). */
export const BULK_ANNOTATIONS_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.91.1';

export type DicomHeaderSummary = {
  path: string;
  fileSize: number;
  transferSyntaxUID: string;
  sopClassUID: string;
  sopInstanceUID: string;
  studyInstanceUID?: string;
  seriesInstanceUID?: string;
  frameOfReferenceUID?: string;
  imageType: string[];
  patientName?: string;
  patientID?: string;
  /** Byte offset of the Pixel Data element's tag; undefined when the file has none. */
  pixelDataOffset?: number;
  pixelData?: ElementLocation;
  extendedOffsetTable?: ElementLocation;
  extendedOffsetTableLengths?: ElementLocation;
  /** The whole header (everything before group 7FE0), naturalized by dcmjs. */
  dataset: NaturalDataset;
};

/** The header of a DICOM file: reads only the bytes before Pixel Data, in growing chunks. */
export async function readDicomHeader(path: string): Promise<DicomHeaderSummary> {
  const file = await PositionalFile.open(path);
  try {
    return await readHeaderOf(file);
  } finally {
    await file.close();
  }
}

export async function readHeaderOf(file: PositionalFile): Promise<DicomHeaderSummary> {
  const scan = await scanHeader(file);
  let parsed: ReturnType<typeof parseDataset>;
  try {
    parsed = parseDataset(scan.headerBytes);
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw badFile(file.path, `the DICOM header cannot be parsed (${error instanceof Error ? error.message : String(error)})`);
  }
  const { dataset, meta } = parsed;
  const sopClassUID = text(dataset, 'SOPClassUID') ?? text(meta, 'MediaStorageSOPClassUID');
  const sopInstanceUID = text(dataset, 'SOPInstanceUID') ?? text(meta, 'MediaStorageSOPInstanceUID');
  if (!sopClassUID || !sopInstanceUID) throw badFile(file.path, 'the DICOM header has no SOP Class or SOP Instance UID');
  return {
    path: file.path,
    fileSize: file.size,
    transferSyntaxUID: scan.transferSyntaxUID,
    sopClassUID,
    sopInstanceUID,
    studyInstanceUID: text(dataset, 'StudyInstanceUID'),
    seriesInstanceUID: text(dataset, 'SeriesInstanceUID'),
    frameOfReferenceUID: text(dataset, 'FrameOfReferenceUID'),
    imageType: texts(dataset, 'ImageType').map((value) => value.toUpperCase()),
    patientName: text(dataset, 'PatientName'),
    patientID: text(dataset, 'PatientID'),
    pixelDataOffset: scan.pixelData?.elementOffset,
    pixelData: scan.pixelData,
    extendedOffsetTable: scan.extendedOffsetTable,
    extendedOffsetTableLengths: scan.extendedOffsetTableLengths,
    dataset,
  };
}

/** True when the file has the 128-byte preamble followed by "DICM". Never throws. */
export async function isDicomFile(path: string): Promise<boolean> {
  let file: PositionalFile | undefined;
  try {
    file = await PositionalFile.open(path);
    return await isDicomPreamble(file);
  } catch {
    return false;
  } finally {
    await file?.close();
  }
}

/** A DICOM file whose File Meta Information says it holds Microscopy Bulk Simple Annotations. */
export async function isBulkAnnotationsFile(path: string): Promise<boolean> {
  let file: PositionalFile | undefined;
  try {
    file = await PositionalFile.open(path);
    return (await readMediaSOPClass(file)) === BULK_ANNOTATIONS_SOP_CLASS_UID;
  } catch {
    return false;
  } finally {
    await file?.close();
  }
}
