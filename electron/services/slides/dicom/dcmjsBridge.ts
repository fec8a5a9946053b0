/**
 * The one typed door to dcmjs (it ships no type declarations): parse a header dataset that ends
 * exactly at an element boundary, and write one. Naturalized datasets use DICOM keywords as keys.
 */
// @ts-expect-error -- dcmjs has no .d.ts; only the calls below are used, typed by hand.
import dcmjs from 'dcmjs';

/** A dataset keyed by DICOM keyword (dcmjs's "naturalized" form). */
export type NaturalDataset = { [keyword: string]: unknown };

type DcmjsData = {
  DicomMessage: { readFile(buffer: ArrayBuffer, options: object): { meta: object; dict: object } };
  DicomMetaDictionary: {
    naturalizeDataset(dict: object): NaturalDataset;
    denaturalizeDataset(dataset: NaturalDataset): object;
  };
  DicomDict: new (meta: object) => { dict: object; write(options?: object): ArrayBuffer };
};

const data = (dcmjs as { data: DcmjsData }).data;

/** `bytes` must hold the preamble, the meta group and whole elements only (see headerScan.ts). */
export function parseDataset(bytes: Uint8Array): { meta: NaturalDataset; dataset: NaturalDataset } {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const parsed = data.DicomMessage.readFile(buffer, {
    ignoreErrors: false,
    untilTag: null,
    includeUntilTagValue: false,
    noCopy: false,
    forceStoreRaw: false,
  });
  return {
    meta: data.DicomMetaDictionary.naturalizeDataset(parsed.meta),
    dataset: data.DicomMetaDictionary.naturalizeDataset(parsed.dict),
  };
}

/** Preamble, meta group and dataset (without Pixel Data): the caller appends the pixel data. */
export function writeDataset(meta: NaturalDataset, dataset: NaturalDataset): Uint8Array {
  const file = new data.DicomDict(data.DicomMetaDictionary.denaturalizeDataset(meta));
  file.dict = data.DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(file.write({ allowInvalidVRLength: false }));
}
