/**
 * Decoded tile samples, pure: shared by the Node side (`triptych tile --decode`) and the viewer's
 * decode workers, which load the same @cornerstonejs WebAssembly codecs each in their own way and
 * hand the module here. The codec stream is trusted over the header for colour and depth; only
 * uncompressed frames are read by the header.
 */
import type { PixelFormat } from '../model/slide.js';

export type DecodedFrame = {
  width: number;
  height: number;
  /** 1 (monochrome), 3 (RGB) or 4 (RGBA from the browser's own decoder), interleaved. */
  components: number;
  bitsPerSample: number;
  signed: boolean;
  /** Samples row by row, components interleaved: bytes for ≤ 8 bits, 16-bit words above. */
  data: Uint8Array | Uint8ClampedArray | Uint16Array | Int16Array;
};

/** The Emscripten decoder class every @cornerstonejs codec exposes. */
export type EmscriptenDecoder = {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned?: boolean };
  decode(): void;
  delete(): void;
};
export type CodecModule = Record<string, new () => EmscriptenDecoder>;

export type CodecName = 'jpeg' | 'j2k' | 'htj2k' | 'jls';
export const DECODER_CLASS: Record<CodecName, string> = {
  jpeg: 'JPEGDecoder',
  j2k: 'J2KDecoder',
  htj2k: 'HTJ2KDecoder',
  jls: 'JpegLSDecoder',
};

/** How a tile of this MIME type is decoded: a WebAssembly codec, or 'native' (uncompressed). */
export function codecFor(contentType: string): CodecName | 'native' | undefined {
  switch (contentType.split(';')[0].trim().toLowerCase()) {
    case 'image/jpeg':
      return 'jpeg';
    case 'image/j2c':
    case 'image/jp2':
      return 'j2k';
    case 'image/jph':
    case 'image/jphc':
      return 'htj2k';
    case 'image/jls':
      return 'jls';
    case 'application/octet-stream':
      return 'native';
    default:
      return undefined;
  }
}

/** Decode with a loaded codec module. */
export function decodeWithCodec(module: CodecModule, name: CodecName, bytes: Uint8Array): DecodedFrame {
  const decoder = new module[DECODER_CLASS[name]]();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    try {
      decoder.decode();
    } catch (error) {
      throw new Error(`the ${name} codec cannot decode the tile (${typeof error === 'number' ? 'codec error' : String(error)})`);
    }
    const info = decoder.getFrameInfo();
    const decoded = decoder.getDecodedBuffer();
    const copy = new Uint8Array(decoded.length);
    copy.set(decoded);
    const signed = !!info.isSigned;
    const data =
      info.bitsPerSample > 8
        ? signed
          ? new Int16Array(copy.buffer, 0, copy.length >> 1)
          : new Uint16Array(copy.buffer, 0, copy.length >> 1)
        : copy;
    return {
      width: info.width,
      height: info.height,
      components: info.componentCount,
      bitsPerSample: info.bitsPerSample,
      signed,
      data,
    };
  } finally {
    decoder.delete();
  }
}

/** An uncompressed frame as samples: planes interleaved, YBR_FULL turned into RGB, little-endian words read. */
export function decodeNative(bytes: Uint8Array, format: PixelFormat, width: number, height: number): DecodedFrame {
  const components = format.samplesPerPixel;
  if (components !== 1 && components !== 3) throw new Error(`${components} samples per pixel are not supported`);
  if (format.bitsAllocated !== 8 && format.bitsAllocated !== 16) {
    throw new Error(`${format.bitsAllocated} bits allocated are not supported`);
  }
  const count = width * height * components;
  const wide = format.bitsAllocated === 16;
  if (bytes.length < count * (wide ? 2 : 1)) {
    throw new Error(`the frame holds ${bytes.length} bytes, fewer than ${width} × ${height} × ${components} samples`);
  }
  const signed = format.pixelRepresentation === 1;
  let data: Uint8Array | Uint16Array | Int16Array;
  if (!wide) data = bytes.slice(0, count);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, count * 2);
    const words = signed ? new Int16Array(count) : new Uint16Array(count);
    for (let i = 0; i < count; i++) words[i] = signed ? view.getInt16(i * 2, true) : view.getUint16(i * 2, true);
    data = words;
  }
  if (components === 3 && format.planarConfiguration === 1) data = interleave(data, width * height);
  if (components === 3 && !wide && format.photometricInterpretation === 'YBR_FULL') ybrFullToRgb(data as Uint8Array);
  return { width, height, components, bitsPerSample: format.bitsStored, signed, data };
}

function interleave<T extends Uint8Array | Uint16Array | Int16Array>(planar: T, pixels: number): T {
  const out = new (planar.constructor as new (length: number) => T)(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    out[i * 3] = planar[i];
    out[i * 3 + 1] = planar[pixels + i];
    out[i * 3 + 2] = planar[2 * pixels + i];
  }
  return out;
}

/** PS3.3 C.7.6.3.1.2: YBR_FULL to RGB, in place. */
export function ybrFullToRgb(data: Uint8Array): void {
  for (let i = 0; i + 2 < data.length; i += 3) {
    const y = data[i];
    const cb = data[i + 1] - 128;
    const cr = data[i + 2] - 128;
    data[i] = clampByte(y + 1.402 * cr);
    data[i + 1] = clampByte(y - 0.344136 * cb - 0.714136 * cr);
    data[i + 2] = clampByte(y + 1.772 * cb);
  }
}

export const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** The top-left `width` × `height` pixels of a frame (a padded edge tile clipped to the image). */
export function cropFrame(frame: DecodedFrame, width: number, height: number): DecodedFrame {
  const w = Math.min(width, frame.width);
  const h = Math.min(height, frame.height);
  if (w === frame.width && h === frame.height) return frame;
  const rowLength = frame.width * frame.components;
  const out = new (frame.data.constructor as new (length: number) => DecodedFrame['data'])(w * h * frame.components);
  for (let y = 0; y < h; y++) {
    out.set(frame.data.subarray(y * rowLength, y * rowLength + w * frame.components), y * w * frame.components);
  }
  return { ...frame, width: w, height: h, data: out };
}
