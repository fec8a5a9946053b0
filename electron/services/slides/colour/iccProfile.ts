/**
 * The ICC profile a slide carries: Optical Path Sequence > ICC Profile (0028,2000) of its level-0
 * VOLUME instance (PS3.3 C.8.12.5; every level of a brightfield slide has the same optical path).
 */
import { readDicomHeader } from '../dicom/header.js';
import { items, texts } from '../dicom/datasetValues.js';

export type SlideIccProfile = { bytes: Uint8Array; opticalPath: number; path: string };

/** The first optical path's profile found in the series' VOLUME files, or undefined. */
export async function readSlideIccProfile(paths: string[]): Promise<SlideIccProfile | undefined> {
  for (const path of paths) {
    const header = await readDicomHeader(path);
    if (!texts(header.dataset, 'ImageType').includes('VOLUME')) continue;
    const opticalPaths = items(header.dataset, 'OpticalPathSequence');
    for (const [index, opticalPath] of opticalPaths.entries()) {
      const bytes = binaryValue(opticalPath.ICCProfile);
      if (bytes && bytes.length >= 128) return { bytes, opticalPath: index, path };
    }
  }
  return undefined;
}

/** dcmjs gives OB values as an array of ArrayBuffers (or a single one). */
function binaryValue(value: unknown): Uint8Array | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first instanceof ArrayBuffer) return new Uint8Array(first);
  if (ArrayBuffer.isView(first)) return new Uint8Array(first.buffer, first.byteOffset, first.byteLength);
  return undefined;
}
