/** Pseudo-colours of fluorescence channels. Pure. */
import type { OpticalPath } from '../../../shared/model/slide.js';

export type Rgb = [number, number, number];

/** The usual order when the file gives no wavelength: DAPI blue, then green, red, magenta, cyan, yellow. */
const PALETTE: Rgb[] = [
  [40, 110, 255],
  [40, 255, 60],
  [255, 50, 40],
  [255, 40, 255],
  [40, 240, 255],
  [255, 230, 40],
  [255, 140, 20],
  [255, 255, 255],
];

/** Approximate colour of visible light of this wavelength (nm); ≥ 700 nm (far red) shown magenta. */
export function wavelengthColour(nm: number): Rgb {
  if (nm < 440) return [110, 60, 255];
  if (nm < 490) return [40, Math.round(((nm - 440) / 50) * 200), 255];
  if (nm < 510) return [40, 255, Math.round(255 - ((nm - 490) / 20) * 215)];
  if (nm < 580) return [Math.round(((nm - 510) / 70) * 255), 255, 40];
  if (nm < 645) return [255, Math.round(255 - ((nm - 580) / 65) * 215), 40];
  if (nm < 700) return [255, 40, 40];
  return [255, 40, 255];
}

export function defaultChannelColour(path: OpticalPath, index: number): Rgb {
  return path.wavelength ? wavelengthColour(path.wavelength) : PALETTE[index % PALETTE.length];
}

export const rgbToHex = ([r, g, b]: Rgb): string => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [255, 255, 255];
}

/** Blend channels additively (fluorescence) rather than show one at a time. */
export function isFluorescence(paths: OpticalPath[], samplesPerPixel: number | undefined): boolean {
  return paths.some((p) => p.fluorescence) || (paths.length > 1 && samplesPerPixel === 1);
}
