/**
 * Tile pixels in the renderer, pure (no DOM): a decoded frame from a codec or from uncompressed
 * bytes, and its RGBA for the screen through a VOI window (16-bit monochrome) and a pseudo-colour
 * tint (fluorescence channels). Runs in the decode workers; the unit tests run it in Node.
 *
 * The codec stream is trusted over the header for colour and depth: a frame's component count and
 * bit depth come from the codec; only uncompressed frames are read by the header.
 */
import type { PixelWindow } from '../../../../shared/model/slide.js';
import { codecFor, type CodecName as SharedCodecName, type DecodedFrame } from '../../../../shared/pixels/decodedFrame.js';

export {
  decodeNative,
  decodeWithCodec,
  type DecodedFrame,
  type EmscriptenDecoder,
} from '../../../../shared/pixels/decodedFrame.js';

/** The WebAssembly codecs the workers load; JPEG (and PNG, WebP) Chromium decodes itself. */
export type CodecName = Exclude<SharedCodecName, 'jpeg'>;

/** Which WebAssembly codec decodes a tile of this MIME type; 'browser' for what Chromium decodes itself. */
export function decoderFor(contentType: string): CodecName | 'browser' | 'native' | undefined {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'image/png' || type === 'image/webp') return 'browser';
  const codec = codecFor(type);
  return codec === 'jpeg' ? 'browser' : codec;
}

/** How a frame is shown: VOI window, MONOCHROME1 inversion, pseudo-colour (RGB 0–255). */
export type RenderOptions = {
  window?: PixelWindow;
  invert?: boolean;
  tint?: [number, number, number];
  /** Apply this registered colour transform (the slide's ICC profile → sRGB; see colourLut.ts). */
  colour?: string;
};

/** Stable key of the options (for tile cache keys). */
export function renderKey(options: RenderOptions): string {
  const { window, invert, tint, colour } = options;
  return [
    window ? `w${window.center}/${window.width}` : '',
    invert ? 'i' : '',
    tint ? `t${tint.join(',')}` : '',
    colour ? `c${colour}` : '',
  ].join('');
}

/** Lowest and highest sample of a monochrome frame (the first component otherwise). */
export function sampleRange(frame: DecodedFrame): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  const { data, components } = frame;
  for (let i = 0; i < data.length; i += components) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** RGBA bytes of the frame (width × height × 4). */
export function toRgba(frame: DecodedFrame, options: RenderOptions = {}): Uint8ClampedArray<ArrayBuffer> {
  const { width, height, components, data, bitsPerSample } = frame;
  const pixels = width * height;
  const out = new Uint8ClampedArray(pixels * 4);
  const { window, invert, tint } = options;
  // Monochrome value → display byte: the DICOM linear VOI function (PS3.3 C.11.2.1.2), else full range.
  const maxValue = bitsPerSample > 8 ? 2 ** bitsPerSample - 1 : 255;
  const toByte = window
    ? (v: number) => {
        const c = window.center - 0.5;
        const w = Math.max(1, window.width - 1);
        return ((v - c) / w + 0.5) * 255;
      }
    : bitsPerSample > 8
      ? (v: number) => (v / maxValue) * 255
      : (v: number) => v;
  if (components >= 3 && !tint) {
    const shift = bitsPerSample > 8 ? 255 / maxValue : 1;
    for (let i = 0, j = 0; i < pixels; i++, j += components) {
      out[i * 4] = data[j] * shift;
      out[i * 4 + 1] = data[j + 1] * shift;
      out[i * 4 + 2] = data[j + 2] * shift;
      out[i * 4 + 3] = 255;
    }
    return out;
  }
  const [tr, tg, tb] = tint ?? [255, 255, 255];
  for (let i = 0, j = 0; i < pixels; i++, j += components) {
    let g = toByte(data[j]);
    g = g < 0 ? 0 : g > 255 ? 255 : g;
    if (invert) g = 255 - g;
    out[i * 4] = (g * tr) / 255;
    out[i * 4 + 1] = (g * tg) / 255;
    out[i * 4 + 2] = (g * tb) / 255;
    out[i * 4 + 3] = 255;
  }
  return out;
}
