/**
 * Colour management (issue 8): what applying the slide's ICC transform costs per 256 × 256 tile in
 * the decode workers, against the work a decoded tile already gets (toRgba) and against LittleCMS
 * itself transforming the same pixels (the peer: what a per-tile lcms call in the worker would
 * cost), and the one-off table build per slide, in tiles' worth of lookups.
 */
import { join } from 'node:path';
import { TYPE_RGB_8 } from 'lcms-wasm';
import { buildColourLut, toSlideColour, withTransform } from '../electron/services/slides/colour/colourLut.js';
import { lcms } from '../electron/services/slides/colour/lcms.js';
import { readSlideIccProfile } from '../electron/services/slides/colour/iccProfile.js';
import { applyColourLut, decodeColourLut } from '../renderer/panes/slide/decode/colourLut.js';
import { toRgba } from '../renderer/panes/slide/decode/pixels.js';
import type { Figure } from './run.js';

const SIZE = 256;

function timePer(run: () => void, minMs = 400): number {
  run();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    run();
    n++;
  }
  return (performance.now() - start) / n;
}

export default async function (): Promise<Figure[]> {
  const profile = (await readSlideIccProfile([join(import.meta.dirname, '../../shared/testdata/dicom/sm_image.dcm')]))!.bytes;
  const buildStart = performance.now();
  const colour = toSlideColour(await buildColourLut(profile), profile.length, 0);
  const buildMs = performance.now() - buildStart;
  const lut = decodeColourLut(colour.lutSize, colour.lut);

  const rgb = new Uint8Array(SIZE * SIZE * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 2654435761) >>> 24;
  const frame = { width: SIZE, height: SIZE, components: 3, bitsPerSample: 8, signed: false, data: rgb };
  const rgba = toRgba(frame);

  const toRgbaMs = timePer(() => toRgba(frame));
  const lutMs = timePer(() => applyColourLut(rgba.slice(), lut));
  const cms = await lcms();
  const lcmsMs = withTransform(cms, profile, (t) => timePer(() => cms.cmsDoTransform(t, rgb, SIZE * SIZE)), TYPE_RGB_8);
  return [
    { name: 'table lookup / toRgba, per 256² tile', value: lutMs / toRgbaMs, unit: '×', note: 'extra work per decoded tile' },
    { name: 'table lookup / lcms cmsDoTransform, per tile', value: lutMs / lcmsMs, unit: '×', note: 'lcms-wasm 8-bit transform' },
    { name: 'table build (once per slide) / one tile lookup', value: buildMs / lutMs, unit: 'tiles', note: '33³ grid via lcms' },
  ];
}
