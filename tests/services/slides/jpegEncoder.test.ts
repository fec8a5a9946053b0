import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { JpegEncoder } from '../../../electron/services/slides/dicom/write/jpegEncoder.js';

/** A smooth colour image with some edges, `channels` bytes per pixel. */
function testImage(width: number, height: number, channels: 3 | 4): Uint8Array {
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      pixels[at] = Math.round(128 + 100 * Math.sin(x / 9));
      pixels[at + 1] = Math.round((y * 255) / height);
      pixels[at + 2] = (x >> 4) % 2 ? 200 : 60;
      if (channels === 4) pixels[at + 3] = 255;
    }
  }
  return pixels;
}

/** The sampling factors of each component in the SOF0 segment. */
function samplingFactors(stream: Uint8Array): number[] {
  for (let at = 2; at + 4 < stream.length;) {
    if (stream[at] !== 0xff) throw new Error(`no marker at ${at}`);
    const marker = stream[at + 1];
    const length = (stream[at + 2] << 8) | stream[at + 3];
    if (marker === 0xc0) {
      const components = stream[at + 9];
      return Array.from({ length: components }, (_, i) => stream[at + 11 + i * 3]);
    }
    at += 2 + length;
  }
  throw new Error('no SOF0');
}

describe('baseline JPEG encoder', () => {
  it.each([
    [256, 256, 4],
    [37, 21, 3],
  ] as const)('%i × %i (%i channels) decodes (with jpeg-js) close to the source', (width, height, channels) => {
    const source = testImage(width, height, channels);
    const encoded = new JpegEncoder(90).encode(source, width, height, channels);
    expect([encoded[0], encoded[1], encoded[encoded.length - 2], encoded[encoded.length - 1]]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    const decoded = jpeg.decode(encoded, { useTArray: true, formatAsRGBA: false });
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    let error = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < 3; c++)
          error += Math.abs(decoded.data[(y * width + x) * 3 + c] - source[(y * width + x) * channels + c]);
      }
    }
    expect(error / (width * height * 3)).toBeLessThan(3);
  });

  it('writes 4:4:4 (every component sampled 1×1), deterministically; quality trades size', () => {
    const source = testImage(64, 64, 3);
    const a = new JpegEncoder(80).encode(source, 64, 64, 3);
    expect(samplingFactors(a)).toEqual([0x11, 0x11, 0x11]);
    expect(Buffer.from(new JpegEncoder(80).encode(source, 64, 64, 3)).equals(Buffer.from(a))).toBe(true);
    expect(new JpegEncoder(30).encode(source, 64, 64, 3).length).toBeLessThan(a.length);
  });
});
