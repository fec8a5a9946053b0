/** A plain RGB raster, and the few operations the demo slide needs on it. */
import { JpegEncoder } from '../../slides/dicom/write/jpegEncoder.js';

export type RgbImage = { width: number; height: number; data: Uint8Array };

export function filledImage(width: number, height: number, colour: readonly number[]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = colour[0];
    data[i + 1] = colour[1];
    data[i + 2] = colour[2];
  }
  return { width, height, data };
}

/** Average `factor` × `factor` blocks (as a scanner's pyramid does); the size must divide. */
export function downsample(image: RgbImage, factor: number): RgbImage {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const out = new Uint8Array(width * height * 3);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < factor; dy++) {
        let at = ((y * factor + dy) * image.width + x * factor) * 3;
        for (let dx = 0; dx < factor; dx++, at += 3) {
          r += image.data[at];
          g += image.data[at + 1];
          b += image.data[at + 2];
        }
      }
      const o = (y * width + x) * 3;
      out[o] = Math.round(r / area);
      out[o + 1] = Math.round(g / area);
      out[o + 2] = Math.round(b / area);
    }
  }
  return { width, height, data: out };
}

/** Resample to any size by averaging the source pixels each output pixel covers. */
export function resize(image: RgbImage, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const top = Math.floor((y * image.height) / height);
    const bottom = Math.max(top + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const left = Math.floor((x * image.width) / width);
      const right = Math.max(left + 1, Math.floor(((x + 1) * image.width) / width));
      const sum = [0, 0, 0];
      for (let sy = top; sy < bottom; sy++) {
        for (let sx = left; sx < right; sx++) for (let c = 0; c < 3; c++) sum[c] += image.data[(sy * image.width + sx) * 3 + c];
      }
      const count = (bottom - top) * (right - left);
      for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = Math.round(sum[c] / count);
    }
  }
  return { width, height, data: out };
}

/** Copy a region of `source` (x, y, width, height) into a new image, padding past the edges with `pad`. */
export function crop(source: RgbImage, x: number, y: number, width: number, height: number, pad: readonly number[]): RgbImage {
  const out = filledImage(width, height, pad);
  for (let row = 0; row < height && y + row < source.height; row++) {
    const columns = Math.min(width, source.width - x);
    if (columns <= 0) break;
    const from = ((y + row) * source.width + x) * 3;
    out.data.set(source.data.subarray(from, from + columns * 3), row * width * 3);
  }
  return out;
}

export function paste(target: RgbImage, source: RgbImage, x: number, y: number): void {
  for (let row = 0; row < source.height; row++) {
    if (y + row < 0 || y + row >= target.height) continue;
    for (let column = 0; column < source.width; column++) {
      if (x + column < 0 || x + column >= target.width) continue;
      const from = (row * source.width + column) * 3;
      const to = ((y + row) * target.width + x + column) * 3;
      target.data[to] = source.data[from];
      target.data[to + 1] = source.data[from + 1];
      target.data[to + 2] = source.data[from + 2];
    }
  }
}

export function isUniform(image: RgbImage, colour: readonly number[]): boolean {
  for (let i = 0; i < image.data.length; i += 3) {
    if (image.data[i] !== colour[0] || image.data[i + 1] !== colour[1] || image.data[i + 2] !== colour[2]) return false;
  }
  return true;
}

/** Tiles are 4:4:4 JPEG (every component sampled 1×1), so PhotometricInterpretation is YBR_FULL. */
export const JPEG_PHOTOMETRIC = 'YBR_FULL';
const encoder = new JpegEncoder(80);

export function encodeJpeg(image: RgbImage): Uint8Array {
  return encoder.encode(image.data, image.width, image.height, 3);
}

export function encodeJpegRgba(rgba: Uint8Array, width: number, height: number): Uint8Array {
  return encoder.encode(rgba, width, height, 4);
}
