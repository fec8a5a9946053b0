/** Transfer syntaxes: how the dataset is encoded and what a stored frame is. */

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

const NATIVE = new Set([
  IMPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
]);

/** Native (uncompressed) pixel data is one contiguous value; everything else is encapsulated. */
export const isEncapsulated = (transferSyntaxUID: string): boolean => !NATIVE.has(transferSyntaxUID);

/**
 * MIME type of a frame as stored. JPEG 2000 frames are bare codestreams (no JP2 box), hence
 * image/j2c, as AWS HealthImaging names them.
 */
export function tileContentType(transferSyntaxUID: string): string {
  switch (transferSyntaxUID) {
    case JPEG_BASELINE: // what a browser decodes (extended .51 may be 12-bit: it does not)
      return 'image/jpeg';
    case '1.2.840.10008.1.2.4.90':
    case '1.2.840.10008.1.2.4.91':
      return 'image/j2c';
    case '1.2.840.10008.1.2.4.201':
    case '1.2.840.10008.1.2.4.202':
    case '1.2.840.10008.1.2.4.203':
      return 'image/jph';
    case '1.2.840.10008.1.2.4.80':
    case '1.2.840.10008.1.2.4.81':
      return 'image/jls';
    default: // uncompressed, RLE, and anything we do not know: bytes for a decoder that knows more
      return 'application/octet-stream';
  }
}

/** Codestreams whose frames start with a marker we can recognise when splitting fragments. */
export type CodestreamFamily = 'jpeg' | 'j2k' | 'other';

export function codestreamFamily(transferSyntaxUID: string): CodestreamFamily {
  if (/^1\.2\.840\.10008\.1\.2\.4\.(5\d|6\d|70|80|81)$/.test(transferSyntaxUID)) return 'jpeg';
  if (/^1\.2\.840\.10008\.1\.2\.4\.(90|91|92|93|201|202|203)$/.test(transferSyntaxUID)) return 'j2k';
  return 'other';
}
