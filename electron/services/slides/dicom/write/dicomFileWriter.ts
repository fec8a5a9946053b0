/**
 * Writes DICOM files: the header dataset with dcmjs (it knows every keyword's VR and encodes
 * sequences), then our own Pixel Data — dcmjs writes Pixel Data only from a whole in-memory value
 * and has no Extended Offset Table, and we need exact control of the offset tables and of how each
 * frame is split into fragments (test fixtures exercise every layout). Deterministic: the same
 * input gives the same bytes.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeDataset, type NaturalDataset } from '../dcmjsBridge.js';
import { IMPLICIT_VR_LITTLE_ENDIAN, isEncapsulated } from '../transferSyntax.js';

export type OffsetTable = 'extended' | 'basic' | 'none';

export type PixelData =
  /** Uncompressed frames, stored back to back. */
  | { kind: 'native'; frames: Uint8Array[]; bitsAllocated: 8 | 16 }
  /** Compressed frames; a frame given as several arrays is stored as that many fragments. */
  | { kind: 'encapsulated'; frames: Array<Uint8Array | Uint8Array[]>; offsetTable: OffsetTable };

/** Meta information for a dataset (File Meta group 0002). */
export function fileMeta(dataset: NaturalDataset, transferSyntaxUID: string): NaturalDataset {
  return {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: transferSyntaxUID,
    ImplementationClassUID: '2.25.187165532389870183614339519131536417571',
    ImplementationVersionName: 'TRIPTYCH_0_1',
  };
}

/** The file as a list of byte chunks (header, then pixel data), ready to be written in order. */
export function encodeDicomFile(dataset: NaturalDataset, transferSyntaxUID: string, pixels: PixelData): Uint8Array[] {
  if ((pixels.kind === 'encapsulated') !== isEncapsulated(transferSyntaxUID)) {
    throw new Error(`pixel data kind ${pixels.kind} does not fit transfer syntax ${transferSyntaxUID}`);
  }
  const explicit = transferSyntaxUID !== IMPLICIT_VR_LITTLE_ENDIAN;
  const header = writeDataset(fileMeta(dataset, transferSyntaxUID), dataset);
  return [header, ...(pixels.kind === 'native' ? nativePixelData(pixels, explicit) : encapsulatedPixelData(pixels, explicit))];
}

function elementHeader(group: number, element: number, vr: string, length: number, explicit: boolean): Uint8Array {
  const bytes = new Uint8Array(explicit ? 12 : 8);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, group, true);
  view.setUint16(2, element, true);
  if (explicit) {
    bytes[4] = vr.charCodeAt(0);
    bytes[5] = vr.charCodeAt(1);
    view.setUint32(8, length, true);
  } else {
    view.setUint32(4, length, true);
  }
  return bytes;
}

function itemHeader(element: number, length: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, element, true);
  view.setUint32(4, length, true);
  return bytes;
}

const evenLength = (bytes: Uint8Array): Uint8Array => {
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1); // PS3.5 A.4: pad a fragment to even length with 00
  padded.set(bytes);
  return padded;
};

function nativePixelData(pixels: Extract<PixelData, { kind: 'native' }>, explicit: boolean): Uint8Array[] {
  const length = pixels.frames.reduce((sum, frame) => sum + frame.length, 0);
  const chunks = [
    elementHeader(0x7fe0, 0x0010, pixels.bitsAllocated === 16 ? 'OW' : 'OB', length + (length % 2), explicit),
    ...pixels.frames,
  ];
  if (length % 2) chunks.push(new Uint8Array(1));
  return chunks;
}

function uint64s(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setBigUint64(i * 8, BigInt(value), true));
  return bytes;
}

function encapsulatedPixelData(pixels: Extract<PixelData, { kind: 'encapsulated' }>, explicit: boolean): Uint8Array[] {
  const frames = pixels.frames.map((frame) => (Array.isArray(frame) ? frame : [frame]).map(evenLength));
  const frameOffsets: number[] = [];
  const fragmentChunks: Uint8Array[] = [];
  let offset = 0;
  for (const fragments of frames) {
    frameOffsets.push(offset);
    for (const fragment of fragments) {
      fragmentChunks.push(itemHeader(0xe000, fragment.length), fragment);
      offset += 8 + fragment.length;
    }
  }
  const chunks: Uint8Array[] = [];
  let basicTable = new Uint8Array(0);
  if (pixels.offsetTable === 'extended') {
    if (frames.some((fragments) => fragments.length !== 1))
      throw new Error('an Extended Offset Table needs one fragment per frame');
    const offsets = uint64s(frameOffsets);
    const lengths = uint64s(frames.map(([fragment]) => fragment.length));
    chunks.push(elementHeader(0x7fe0, 0x0001, 'OV', offsets.length, explicit), offsets);
    chunks.push(elementHeader(0x7fe0, 0x0002, 'OV', lengths.length, explicit), lengths);
  } else if (pixels.offsetTable === 'basic') {
    basicTable = new Uint8Array(frameOffsets.length * 4);
    const view = new DataView(basicTable.buffer);
    frameOffsets.forEach((value, i) => view.setUint32(i * 4, value, true));
  }
  chunks.push(elementHeader(0x7fe0, 0x0010, 'OB', 0xffffffff, explicit), itemHeader(0xe000, basicTable.length), basicTable);
  chunks.push(...fragmentChunks, itemHeader(0xe0dd, 0));
  return chunks;
}

/** Write the chunks to a temporary file beside `path`, then rename: never a half-written file. */
export async function writeFileAtomically(path: string, chunks: Uint8Array[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.partial-${process.pid}`;
  try {
    await writeFile(temporary, chunks);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
