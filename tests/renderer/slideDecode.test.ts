/**
 * The renderer's tile pixel code (what the decode workers run), in Node: the same codecs decode the
 * same streams to the same samples as the Node decoder; windows, tints and inversion give the
 * expected screen bytes; tile URLs carry the plane and path; the ruler measures in µm.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  decodeNative,
  decodeWithCodec,
  decoderFor,
  renderKey,
  sampleRange,
  toRgba,
  type EmscriptenDecoder,
} from '../../renderer/panes/slide/decode/pixels.js';
import {
  defaultChannelColour,
  hexToRgb,
  isFluorescence,
  rgbToHex,
  wavelengthColour,
} from '../../renderer/panes/slide/channels.js';
import { needsWorkers, withQuery } from '../../renderer/panes/slide/pyramid.js';
import { formatMeasurement, measureUm } from '../../renderer/panes/slide/scale.js';
import { windowFromRange } from '../../renderer/panes/slide/useDefaultWindow.js';
import { encodeTile } from '../services/slides/fixtures/codecSlides.js';
import { loadCodec } from '../../electron/services/slides/decode/decodeFrame.js';

const require = createRequire(import.meta.url);
type Module = Record<string, new () => EmscriptenDecoder>;
const rendererModule = (path: string) => (require(path) as (o: object) => Promise<Module>)({ print() {}, printErr() {} });

const format = (samplesPerPixel: number, bitsAllocated: number, extra = {}) => ({
  samplesPerPixel,
  bitsAllocated,
  bitsStored: bitsAllocated,
  pixelRepresentation: 0,
  photometricInterpretation: samplesPerPixel === 1 ? 'MONOCHROME2' : 'RGB',
  planarConfiguration: 0,
  ...extra,
});

describe('renderer tile decoding', () => {
  const rgb = new Uint8Array(16 * 8 * 3).map((_, i) => (i * 37) & 255);
  const grey16 = new Uint16Array(16 * 8).map((_, i) => i * 400);

  it.each([
    ['j2k', '@cornerstonejs/codec-openjpeg/decodewasmjs', 'image/j2c'],
    ['jls', '@cornerstonejs/codec-charls/decodewasmjs', 'image/jls'],
  ] as const)('%s: the worker code decodes the encoder output exactly (8-bit RGB, 16-bit grey)', async (codec, module, type) => {
    expect(decoderFor(type)).toBe(codec);
    const decoder = await rendererModule(module);
    const colour = decodeWithCodec(decoder, codec, await encodeTile(codec, rgb, 16, 8, 3));
    expect([colour.width, colour.height, colour.components, colour.bitsPerSample]).toEqual([16, 8, 3, 8]);
    expect(Array.from(colour.data)).toEqual(Array.from(rgb));
    const grey = decodeWithCodec(decoder, codec, await encodeTile(codec, grey16, 16, 8, 1));
    expect(grey.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(grey.data)).toEqual(Array.from(grey16));
  });

  it('htj2k: exact (the module instance is shared with the Node decoder in one process)', async () => {
    expect(decoderFor('image/jph')).toBe('htj2k');
    const module = (await loadCodec('htj2k')) as unknown as Module;
    const frame = decodeWithCodec(module, 'htj2k', await encodeTile('htj2k', rgb, 16, 8, 3));
    expect(Array.from(frame.data)).toEqual(Array.from(rgb));
  });

  it('uncompressed: planar RGB interleaved, YBR_FULL made RGB, 16-bit little-endian words', () => {
    const planar = new Uint8Array([1, 2, 10, 20, 100, 200]);
    expect(Array.from(decodeNative(planar, format(3, 8, { planarConfiguration: 1 }), 2, 1).data)).toEqual([
      1, 10, 100, 2, 20, 200,
    ]);
    const ybr = decodeNative(new Uint8Array([128, 128, 128]), format(3, 8, { photometricInterpretation: 'YBR_FULL' }), 1, 1);
    expect(Array.from(ybr.data)).toEqual([128, 128, 128]);
    const words = decodeNative(new Uint8Array([0x34, 0x12, 0xff, 0xff]), format(1, 16), 2, 1);
    expect(Array.from(words.data)).toEqual([0x1234, 0xffff]);
    expect(() => decodeNative(new Uint8Array(3), format(3, 8), 2, 2)).toThrow(/fewer than/);
  });

  it('screen bytes: window, MONOCHROME1 inversion, pseudo-colour tint', () => {
    const frame = {
      width: 3,
      height: 1,
      components: 1,
      bitsPerSample: 16,
      signed: false,
      data: new Uint16Array([1000, 1128, 1300]),
    };
    const windowed = toRgba(frame, { window: { center: 1128, width: 256 } });
    expect([windowed[0], windowed[4], windowed[8]]).toEqual([0, 128, 255]);
    expect(windowed[3]).toBe(255);
    const inverted = toRgba(frame, { window: { center: 1128, width: 256 }, invert: true });
    expect([inverted[0], inverted[8]]).toEqual([255, 0]);
    const tinted = toRgba(frame, { window: { center: 1128, width: 256 }, tint: [255, 0, 128] });
    expect(Array.from(tinted.subarray(8, 12))).toEqual([255, 0, 128, 255]);
    expect(sampleRange(frame)).toEqual({ min: 1000, max: 1300 });
    expect(windowFromRange(1000, 1300)).toEqual({ center: 1150.5, width: 301 });
    expect(renderKey({ window: { center: 1, width: 2 }, tint: [1, 2, 3] })).toBe('w1/2t1,2,3');
  });

  it('tiles go to the workers unless they are JPEG shown as stored', () => {
    expect(needsWorkers('image/jpeg')).toBe(false);
    expect(needsWorkers('image/jpeg', { tint: [0, 255, 0] })).toBe(true);
    expect(needsWorkers('image/jph')).toBe(true);
    expect(needsWorkers('application/octet-stream')).toBe(true);
    expect(decoderFor('image/x-unknown')).toBeUndefined();
  });

  it('tile URLs carry the focal plane and optical path', () => {
    expect(withQuery('/binary/slides/s/tiles/0/1/2', { z: 0, path: 0 })).toBe('/binary/slides/s/tiles/0/1/2');
    expect(withQuery('/binary/slides/s/tiles/0/1/2', { z: 2, path: 0 })).toBe('/binary/slides/s/tiles/0/1/2?z=2');
    expect(withQuery('/t?a=1', { z: 1, path: 3 })).toBe('/t?a=1&z=1&path=3');
  });
});

describe('channels and the ruler', () => {
  it('pseudo-colours from wavelengths, else a palette; fluorescence detected', () => {
    expect(wavelengthColour(405)).toEqual([110, 60, 255]);
    expect(wavelengthColour(650)[0]).toBe(255);
    expect(defaultChannelColour({ id: 'a' }, 1)).toEqual([40, 255, 60]);
    expect(hexToRgb(rgbToHex([1, 128, 255]))).toEqual([1, 128, 255]);
    expect(isFluorescence([{ id: '1' }], 3)).toBe(false);
    expect(isFluorescence([{ id: '1' }, { id: '2' }], 1)).toBe(true);
    expect(isFluorescence([{ id: '1', fluorescence: true }], 3)).toBe(true);
  });

  it('measures level-0 pixels in µm with the pixel spacing', () => {
    expect(measureUm({ x: 0, y: 0 }, { x: 300, y: 400 }, 0.5)).toBe(250);
    expect(measureUm({ x: 0, y: 0 }, { x: 0, y: 100 }, 0.5, 0.25)).toBe(25);
    expect(formatMeasurement(250)).toBe('250 µm');
    expect(formatMeasurement(12.345)).toBe('12.3 µm');
    expect(formatMeasurement(1500)).toBe('1.50 mm');
  });
});
