/**
 * Geometry and measurements of annotation shapes in slide units, against simple definitions:
 * a polygon's area against a pixel count of its inside, an ellipse's perimeter against a fine
 * polygon, µm from the pixel spacing of any level.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bounds,
  ellipsePerimeter,
  ellipseRing,
  hitShape,
  moveVertex,
  pointInRing,
  polygonArea,
  polylineLength,
  removeVertex,
  simplify,
  smoothRing,
  translate,
} from '../../../shared/annotations/geometry.js';
import {
  formatAreaUm2,
  formatLengthUm,
  level0Spacing,
  measureShape,
  qupathMeasurements,
} from '../../../shared/annotations/measure.js';
import type { Shape } from '../../../shared/model/annotations.js';

const spacing = { x: 0.5, y: 0.5 };

describe('pixel spacing of level 0', () => {
  it('is level 0’s own when it says', () => {
    expect(level0Spacing([{ width: 1000, height: 800, mppX: 0.25, mppY: 0.26 }])).toEqual({ x: 0.25, y: 0.26 });
  });
  it('comes from any level that says, scaled by the real size ratio (not a power of two)', () => {
    const levels = [
      { width: 30_000, height: 20_000 },
      { width: 10_000, height: 6_667, mppX: 0.75, mppY: 0.75 },
    ];
    const s = level0Spacing(levels)!;
    expect(s.x).toBeCloseTo(0.25, 12);
    expect(s.y).toBeCloseTo((0.75 * 6667) / 20000, 12);
  });
  it('is unknown when no level says', () => {
    expect(level0Spacing([{ width: 10, height: 10 }])).toBeNull();
    expect(level0Spacing([])).toBeNull();
  });
  it('gives the same µm for a segment measured on any level, once scaled to level 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.double({ min: 0.1, max: 2, noNaN: true }), (downsample, mpp0) => {
        const level0 = { width: 4096 * downsample, height: 2048 * downsample };
        const lower = { width: 4096, height: 2048, mppX: mpp0 * downsample, mppY: mpp0 * downsample };
        const s = level0Spacing([level0, lower])!;
        const line: Shape = { type: 'line', coords: [0, 0, 1000, 0] };
        expect(measureShape(line, s).lengthUm).toBeCloseTo(1000 * mpp0, 6);
      }),
      { numRuns: 50 },
    );
  });
});

describe('measurements of each kind of shape', () => {
  it('a line: the sum of its segments, per-axis spacing', () => {
    expect(measureShape({ type: 'line', coords: [0, 0, 30, 40] }, spacing).lengthUm).toBeCloseTo(25, 12);
    expect(measureShape({ type: 'line', coords: [0, 0, 10, 0, 10, 10] }, { x: 1, y: 2 }).lengthUm).toBeCloseTo(30, 12);
  });
  it('a rectangle: width × height, 2 (w + h)', () => {
    const m = measureShape({ type: 'rectangle', x: 100, y: 50, width: 200, height: 100 }, spacing);
    expect(m.areaUm2).toBeCloseTo(100 * 50, 9);
    expect(m.perimeterUm).toBeCloseTo(2 * (100 + 50), 9);
    expect(m.circularity).toBeCloseTo((4 * Math.PI * 5000) / 300 ** 2, 9);
  });
  it('an ellipse: π a b, and a perimeter within 1e-6 of a 100,000-gon', () => {
    const shape: Shape = { type: 'ellipse', x: 0, y: 0, width: 400, height: 100 };
    const m = measureShape(shape, spacing);
    expect(m.areaUm2).toBeCloseTo(Math.PI * 100 * 25, 9);
    const fine = ellipseRing(0, 0, 400, 100, 100_000);
    expect(Math.abs(m.perimeterUm! - polylineLength(fine, true, 0.5, 0.5)) / m.perimeterUm!).toBeLessThan(1e-6);
    expect(measureShape({ type: 'ellipse', x: 0, y: 0, width: 10, height: 10 }, spacing).circularity).toBeCloseTo(1, 9);
    expect(ellipsePerimeter(3, 0)).toBe(12);
  });
  it('a polygon with a hole: outer minus hole; the perimeter counts both outlines', () => {
    const outer = [0, 0, 100, 0, 100, 100, 0, 100];
    const hole = [25, 25, 75, 25, 75, 75, 25, 75];
    const m = measureShape({ type: 'polygon', polygons: [[outer, hole]] }, { x: 1, y: 1 });
    expect(m.areaUm2).toBe(10_000 - 2_500);
    expect(m.perimeterUm).toBe(400 + 200);
    // Circularity of the outer ring only (QuPath's rule).
    expect(m.circularity).toBeCloseTo((4 * Math.PI * 10_000) / 400 ** 2, 12);
  });
  it('a multipolygon: the sum of its parts; no circularity', () => {
    const a = [0, 0, 10, 0, 10, 10, 0, 10];
    const b = [20, 0, 30, 0, 30, 10];
    const m = measureShape({ type: 'polygon', polygons: [[a], [b]] }, { x: 2, y: 3 });
    expect(m.areaUm2).toBeCloseTo((100 + 50) * 6, 9);
    expect(m.circularity).toBeUndefined();
  });
  it('a point: how many', () => {
    expect(measureShape({ type: 'point', coords: [1, 2, 3, 4] }, spacing)).toEqual({ points: 2 });
  });

  it('any simple polygon: the shoelace area equals a count of the pixel centres inside it (within its outline’s reach)', () => {
    // Star-shaped polygons around a centre: simple, of any orientation, far from the origin.
    const star = fc.array(fc.double({ min: 8, max: 40, noNaN: true }), { minLength: 3, maxLength: 12 });
    fc.assert(
      fc.property(star, fc.boolean(), (radii, reversed) => {
        const cx = 50_000.3;
        const cy = 70_000.7;
        let ring: number[] = [];
        radii.forEach((r, i) => {
          const t = (2 * Math.PI * i) / radii.length;
          ring.push(cx + r * Math.cos(t), cy + r * Math.sin(t));
        });
        if (reversed) ring = reverseRing(ring);
        const area = polygonArea([[ring]]);
        const b = bounds({ type: 'polygon', polygons: [[ring]] });
        let inside = 0;
        for (let y = Math.floor(b.minY); y <= b.maxY; y++)
          for (let x = Math.floor(b.minX); x <= b.maxX; x++) if (pointInRing(ring, x + 0.5, y + 0.5)) inside++;
        const perimeter = polylineLength(ring, true);
        expect(area).toBeGreaterThan(0);
        // Pixel counting errs by at most about half a pixel along the outline.
        expect(Math.abs(inside - area)).toBeLessThanOrEqual(perimeter * 0.75 + 4);
      }),
      { numRuns: 60 },
    );
  });

  it('area and perimeter do not change when a shape moves, and scale with the spacing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.double({ min: 0.05, max: 4, noNaN: true }),
        (dx, dy, s) => {
          const shape: Shape = { type: 'polygon', polygons: [[[0, 0, 120, 10, 90, 80, 10, 60]]] };
          const a = measureShape(shape, { x: 1, y: 1 });
          const b = measureShape(translate(shape, dx, dy), { x: s, y: s });
          expect(b.areaUm2!).toBeCloseTo(a.areaUm2! * s * s, 3);
          expect(b.perimeterUm!).toBeCloseTo(a.perimeterUm! * s, 3);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('writes QuPath’s measurement names', () => {
    const m = measureShape({ type: 'rectangle', x: 0, y: 0, width: 10, height: 20 }, { x: 1, y: 1 });
    expect(Object.keys(qupathMeasurements(m))).toEqual(['Area µm^2', 'Length µm', 'Circularity']);
    expect(qupathMeasurements(measureShape({ type: 'line', coords: [0, 0, 3, 4] }, { x: 1, y: 1 }))).toEqual({ 'Length µm': 5 });
  });
  it('formats µm, mm, µm² and mm²', () => {
    expect(formatLengthUm(512)).toBe('512 µm');
    expect(formatLengthUm(1530)).toBe('1.53 mm');
    expect(formatAreaUm2(2500)).toBe('2,500 µm²');
    expect(formatAreaUm2(12.5)).toBe('12.5 µm²');
    expect(formatAreaUm2(1_250_000)).toBe('1.25 mm²');
    expect(formatAreaUm2(40_000)).toBe('0.040 mm²');
  });
});

describe('hit-testing and editing', () => {
  const square: Shape = {
    type: 'polygon',
    polygons: [
      [
        [0, 0, 100, 0, 100, 100, 0, 100],
        [40, 40, 60, 40, 60, 60, 40, 60],
      ],
    ],
  };
  it('a polygon is hit inside, near its outline, not in its hole', () => {
    expect(hitShape(square, 10, 10, 1)).toBe(true);
    expect(hitShape(square, 50, 50, 1)).toBe(false);
    expect(hitShape(square, 103, 50, 4)).toBe(true);
    expect(hitShape(square, 110, 50, 4)).toBe(false);
  });
  it('lines and points within the tolerance, ellipses inside', () => {
    expect(hitShape({ type: 'line', coords: [0, 0, 100, 0] }, 50, 3, 4)).toBe(true);
    expect(hitShape({ type: 'line', coords: [0, 0, 100, 0] }, 50, 6, 4)).toBe(false);
    expect(hitShape({ type: 'point', coords: [5, 5] }, 7, 7, 3)).toBe(true);
    expect(hitShape({ type: 'ellipse', x: 0, y: 0, width: 100, height: 50 }, 50, 25, 0)).toBe(true);
    expect(hitShape({ type: 'ellipse', x: 0, y: 0, width: 100, height: 50 }, 2, 2, 0)).toBe(false);
  });
  it('moving a box corner keeps the opposite corner; a polygon vertex moves alone', () => {
    const r = moveVertex({ type: 'rectangle', x: 10, y: 10, width: 20, height: 20 }, { index: 2 }, 5, 50);
    expect(r).toEqual({ type: 'rectangle', x: 5, y: 10, width: 5, height: 40 });
    const p = moveVertex(square, { polygon: 0, ring: 1, index: 0 }, 41, 41);
    expect(p.type === 'polygon' && p.polygons[0][1].slice(0, 2)).toEqual([41, 41]);
    expect(p.type === 'polygon' && p.polygons[0][0]).toEqual(square.type === 'polygon' && square.polygons[0][0]);
  });
  it('a vertex is removed unless too few would remain', () => {
    const tri: Shape = { type: 'polygon', polygons: [[[0, 0, 10, 0, 0, 10]]] };
    expect(removeVertex(tri, { polygon: 0, ring: 0, index: 1 })).toBeNull();
    const quad = removeVertex(square, { polygon: 0, ring: 0, index: 1 });
    expect(quad?.type === 'polygon' && quad.polygons[0][0]).toEqual([0, 0, 100, 100, 0, 100]);
  });
});

describe('simplification and smoothing', () => {
  it('Douglas–Peucker keeps every point farther than the tolerance from the kept outline', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 4, maxLength: 200 }), (ys) => {
        const line = ys.flatMap((y, i) => [i * 10, y]);
        const kept = simplify(line, 5);
        expect(kept.slice(0, 2)).toEqual(line.slice(0, 2));
        expect(kept.slice(-2)).toEqual(line.slice(-2));
        for (let i = 0; i < line.length; i += 2) {
          let best = Infinity;
          for (let k = 0; k + 3 < kept.length; k += 2) {
            const d = Math.sqrt(segDistSq(line[i], line[i + 1], kept[k], kept[k + 1], kept[k + 2], kept[k + 3]));
            best = Math.min(best, d);
          }
          expect(best).toBeLessThanOrEqual(5 + 1e-9);
        }
      }),
      { numRuns: 60 },
    );
  });
  it('smoothing a jittery circle keeps its area within 3% and removes the jitter', () => {
    const jittery: number[] = [];
    for (let i = 0; i < 720; i++) {
      const t = (2 * Math.PI * i) / 720;
      const r = 200 + (i % 2 ? 3 : -3);
      jittery.push(r * Math.cos(t), r * Math.sin(t));
    }
    const smooth = smoothRing(jittery, 2);
    expect(Math.abs(polygonArea([[smooth]]) - Math.PI * 200 ** 2) / (Math.PI * 200 ** 2)).toBeLessThan(0.03);
    expect(polylineLength(smooth, true)).toBeLessThan(polylineLength(jittery, true));
    expect(polylineLength(smooth, true)).toBeGreaterThan(2 * Math.PI * 200 * 0.97);
  });
});

function reverseRing(ring: number[]): number[] {
  const out: number[] = [];
  for (let i = ring.length - 2; i >= 0; i -= 2) out.push(ring[i], ring[i + 1]);
  return out;
}

function segDistSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return (ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2;
}
