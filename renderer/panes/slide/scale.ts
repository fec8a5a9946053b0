/**
 * Magnification and scale bar from the slide's resolution. Pure.
 *
 * Magnification is the objective-equivalent of what the screen shows: 10 µm/px ≈ 1×, so
 * 0.25 µm/px at one image pixel per screen pixel reads 40× (the convention of QuPath, Slim and most
 * scanners). Without a pixel spacing, the scanner's objective power stands in for full resolution.
 */
import { formatLengthUm } from '../../../shared/annotations/measure.js';

export const MAG_PRESETS = [5, 10, 20, 40] as const;

/** Objective-equivalent magnification at full resolution (one image pixel per screen pixel). */
export function baseMagnification(mpp: number | null, objectivePower?: number): number | null {
  if (mpp && mpp > 0) return 10 / mpp;
  if (objectivePower && objectivePower > 0) return objectivePower;
  return null;
}

/** Magnification shown at `imageZoom` (screen pixels per full-resolution image pixel). */
export function magnificationAt(imageZoom: number, base: number | null): number | null {
  return base === null || !(imageZoom > 0) ? null : base * imageZoom;
}

/** The imageZoom that shows `magnification`. */
export function imageZoomFor(magnification: number, base: number): number {
  return magnification / base;
}

export function formatMagnification(mag: number | null): string {
  if (mag === null || !Number.isFinite(mag)) return '—';
  if (mag >= 10) return `${mag.toFixed(mag >= 100 ? 0 : 1).replace(/\.0$/, '')}×`;
  return `${mag.toFixed(mag >= 1 ? 1 : 2).replace(/\.?0+$/, '')}×`;
}

export type ScaleBar = { lengthUm: number; px: number; label: string };

const STEPS = [1, 2, 5];

/**
 * The longest "nice" length (1, 2, 5 × 10ⁿ µm) that fits in `maxPx` screen pixels, given how many
 * micrometres one screen pixel covers.
 */
export function scaleBar(umPerScreenPx: number, maxPx = 140): ScaleBar | null {
  if (!(umPerScreenPx > 0) || !Number.isFinite(umPerScreenPx)) return null;
  const maxUm = umPerScreenPx * maxPx;
  const exp = Math.floor(Math.log10(maxUm));
  let best = 0;
  for (let e = exp - 1; e <= exp; e++) {
    for (const s of STEPS) {
      const v = s * 10 ** e;
      if (v <= maxUm && v > best) best = v;
    }
  }
  if (best <= 0) return null;
  const lengthUm = Number(best.toPrecision(3));
  return { lengthUm, px: lengthUm / umPerScreenPx, label: formatLength(lengthUm) };
}

export function formatLength(um: number): string {
  if (um >= 1000) return `${Number((um / 1000).toPrecision(3))} mm`;
  if (um >= 1) return `${Number(um.toPrecision(3))} µm`;
  return `${Number((um * 1000).toPrecision(3))} nm`;
}

/** Length in µm of the segment between two level-0 image points, given the pixel spacing. */
export function measureUm(a: { x: number; y: number }, b: { x: number; y: number }, mppX: number, mppY: number = mppX): number {
  return Math.hypot((b.x - a.x) * mppX, (b.y - a.y) * mppY);
}

/** A measured length as the ruler shows it: µm below 1 mm (3 significant figures), mm above. */
export const formatMeasurement = formatLengthUm;
