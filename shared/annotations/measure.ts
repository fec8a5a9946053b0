/**
 * Measurements of annotations in slide units, from the slide's pixel spacing at level 0. Pure.
 *
 * Lengths in µm, areas in µm² (mm and mm² when shown large). For an area shape the perimeter is its
 * outline's length, holes included, as QuPath counts it.
 */
import type { Shape } from '../model/annotations.js';
import type { SlideLevel } from '../model/slide.js';
import { ellipsePerimeter, polygonArea, polylineLength, ringSignedArea } from './geometry.js';

/** Micrometres per level-0 pixel, across (x) and down (y). */
export type PixelSpacing = { x: number; y: number };

/**
 * The spacing of level 0, from level 0 when it says, else from any level that does, scaled by
 * the real size ratio of the two levels (levels need not be powers of two apart).
 */
export function level0Spacing(levels: Array<Pick<SlideLevel, 'width' | 'height' | 'mppX' | 'mppY'>>): PixelSpacing | null {
  const valid = levels.filter((l) => l.width > 0 && l.height > 0);
  if (valid.length === 0) return null;
  const base = valid.reduce((a, b) => (b.width > a.width ? b : a));
  for (const level of [base, ...valid.filter((l) => l !== base)]) {
    const x = level.mppX;
    if (!x || !(x > 0)) continue;
    const y = level.mppY && level.mppY > 0 ? level.mppY : x;
    return { x: (x * level.width) / base.width, y: (y * level.height) / base.height };
  }
  return null;
}

export type ShapeMeasurements = {
  /** Line: its length; point: none. */
  lengthUm?: number;
  /** Area shapes. */
  areaUm2?: number;
  perimeterUm?: number;
  /** 4πA/P² of a single polygon without holes' outline (1 for a circle), as QuPath computes it. */
  circularity?: number;
  /** Points of a point annotation. */
  points?: number;
};

export function measureShape(shape: Shape, spacing: PixelSpacing): ShapeMeasurements {
  const { x: sx, y: sy } = spacing;
  switch (shape.type) {
    case 'point':
      return { points: shape.coords.length / 2 };
    case 'line':
      return { lengthUm: polylineLength(shape.coords, false, sx, sy) };
    case 'rectangle': {
      const w = shape.width * sx;
      const h = shape.height * sy;
      const areaUm2 = w * h;
      const perimeterUm = 2 * (w + h);
      return { areaUm2, perimeterUm, circularity: circularity(areaUm2, perimeterUm) };
    }
    case 'ellipse': {
      const a = (shape.width / 2) * sx;
      const b = (shape.height / 2) * sy;
      const areaUm2 = Math.PI * a * b;
      const perimeterUm = ellipsePerimeter(a, b);
      return { areaUm2, perimeterUm, circularity: circularity(areaUm2, perimeterUm) };
    }
    case 'polygon': {
      const areaUm2 = polygonArea(shape.polygons, sx, sy);
      let perimeterUm = 0;
      for (const rings of shape.polygons) for (const ring of rings) perimeterUm += polylineLength(ring, true, sx, sy);
      const single = shape.polygons.length === 1 ? shape.polygons[0][0] : null;
      return {
        areaUm2,
        perimeterUm,
        ...(single
          ? { circularity: circularity(Math.abs(ringSignedArea(single, sx, sy)), polylineLength(single, true, sx, sy)) }
          : {}),
      };
    }
  }
}

const circularity = (area: number, perimeter: number) => (perimeter > 0 ? (4 * Math.PI * area) / (perimeter * perimeter) : 0);

/** A length as shown: µm below 1 mm (3 significant figures), mm above. */
export function formatLengthUm(um: number): string {
  if (!Number.isFinite(um)) return '—';
  if (um >= 1000) return `${(um / 1000).toFixed(um >= 10_000 ? 1 : 2)} mm`;
  return `${um >= 100 ? um.toFixed(0) : um >= 10 ? um.toFixed(1) : um.toFixed(2)} µm`;
}

/** An area as shown: µm² below 0.01 mm² (10,000 µm²), mm² above. */
export function formatAreaUm2(um2: number): string {
  if (!Number.isFinite(um2)) return '—';
  if (um2 >= 10_000) {
    const mm2 = um2 / 1e6;
    return `${mm2 >= 10 ? mm2.toFixed(1) : mm2 >= 1 ? mm2.toFixed(2) : mm2.toFixed(3)} mm²`;
  }
  return `${um2 >= 100 ? Math.round(um2).toLocaleString('en-US') : um2.toPrecision(3)} µm²`;
}

/**
 * The measurements QuPath writes for an object ("Add shape features"), in µm: `Area µm^2`, and
 * `Length µm` (the perimeter, for an area), `Circularity`.
 */
export function qupathMeasurements(m: ShapeMeasurements): Record<string, number> {
  const out: Record<string, number> = {};
  if (m.areaUm2 !== undefined) out['Area µm^2'] = m.areaUm2;
  if (m.perimeterUm !== undefined) out['Length µm'] = m.perimeterUm;
  else if (m.lengthUm !== undefined) out['Length µm'] = m.lengthUm;
  if (m.circularity !== undefined) out['Circularity'] = m.circularity;
  return out;
}
