/**
 * Plane geometry of annotation shapes, in level-0 pixels (flat [x0, y0, x1, y1, …] arrays). Pure.
 *
 * Written here rather than taken from a library: the shapes are few kinds, kept as flat number
 * arrays for speed with tens of thousands of them, and the formulas are short (shoelace area,
 * Ramanujan's ellipse perimeter, Douglas–Peucker simplification).
 */
import type { Shape } from '../model/annotations.js';

export type Bounds = { minX: number; minY: number; maxX: number; maxY: number };

/** Points of the ellipse outline when one is written as a polygon (QuPath writes ellipses so too). */
export const ELLIPSE_POLYGON_POINTS = 72;

export function bounds(shape: Shape): Bounds {
  switch (shape.type) {
    case 'rectangle':
    case 'ellipse':
      return { minX: shape.x, minY: shape.y, maxX: shape.x + shape.width, maxY: shape.y + shape.height };
    case 'point':
    case 'line':
      return coordsBounds(shape.coords);
    case 'polygon': {
      // The outer rings hold the holes: their bounds are the shape's.
      const b = emptyBounds();
      for (const polygon of shape.polygons) extend(b, coordsBounds(polygon[0]));
      return b;
    }
  }
}

export const emptyBounds = (): Bounds => ({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });

export function extend(into: Bounds, b: Bounds): Bounds {
  if (b.minX < into.minX) into.minX = b.minX;
  if (b.minY < into.minY) into.minY = b.minY;
  if (b.maxX > into.maxX) into.maxX = b.maxX;
  if (b.maxY > into.maxY) into.maxY = b.maxY;
  return into;
}

export function coordsBounds(c: ArrayLike<number>): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < c.length; i += 2) {
    const x = c[i];
    const y = c[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/** Signed area of a closed ring (shoelace; positive when clockwise on screen, y down), scaled per axis. */
export function ringSignedArea(ring: ArrayLike<number>, sx = 1, sy = 1): number {
  const n = ring.length;
  if (n < 6) return 0;
  let sum = 0;
  // Relative to the first point: exact for rings far from the origin too.
  const x0 = ring[0];
  const y0 = ring[1];
  for (let i = 2; i + 3 < n; i += 2) {
    sum += (ring[i] - x0) * (ring[i + 3] - y0) - (ring[i + 2] - x0) * (ring[i + 1] - y0);
  }
  return (sum / 2) * sx * sy;
}

/** Length of an open polyline (closed: adds the segment back to the first point), scaled per axis. */
export function polylineLength(c: ArrayLike<number>, closed: boolean, sx = 1, sy = 1): number {
  const n = c.length;
  let sum = 0;
  for (let i = 0; i + 3 < n; i += 2) sum += Math.hypot((c[i + 2] - c[i]) * sx, (c[i + 3] - c[i + 1]) * sy);
  if (closed && n >= 4) sum += Math.hypot((c[0] - c[n - 2]) * sx, (c[1] - c[n - 1]) * sy);
  return sum;
}

/** Area of a polygon shape: outer rings minus their holes, scaled per axis. */
export function polygonArea(polygons: number[][][], sx = 1, sy = 1): number {
  let area = 0;
  for (const [outer, ...holes] of polygons) {
    area += Math.abs(ringSignedArea(outer, sx, sy));
    for (const hole of holes) area -= Math.abs(ringSignedArea(hole, sx, sy));
  }
  return area;
}

/** Ramanujan's second approximation of an ellipse's perimeter (semi-axes a, b): error below 1e-9 relative for a/b ≤ 5. */
export function ellipsePerimeter(a: number, b: number): number {
  if (a === 0 || b === 0) return 4 * Math.max(a, b);
  const h = ((a - b) / (a + b)) ** 2;
  return Math.PI * (a + b) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));
}

/** The outline of an axis-aligned ellipse as a ring of `n` points. */
export function ellipseRing(x: number, y: number, width: number, height: number, n = ELLIPSE_POLYGON_POINTS): number[] {
  const cx = x + width / 2;
  const cy = y + height / 2;
  const ring: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    ring.push(cx + (width / 2) * Math.cos(t), cy + (height / 2) * Math.sin(t));
  }
  return ring;
}

export const rectangleRing = (x: number, y: number, width: number, height: number): number[] => [
  x,
  y,
  x + width,
  y,
  x + width,
  y + height,
  x,
  y + height,
];

/** Is (px, py) inside the ring (even–odd rule)? */
export function pointInRing(ring: ArrayLike<number>, px: number, py: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i];
    const yi = ring[i + 1];
    const xj = ring[j];
    const yj = ring[j + 1];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  let t = len > 0 ? ((px - ax) * dx + (py - ay) * dy) / len : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const x = ax + t * dx - px;
  const y = ay + t * dy - py;
  return x * x + y * y;
}

/** Distance from a point to a polyline (closed: its last segment back to the first point too). */
export function polylineDistance(c: ArrayLike<number>, closed: boolean, px: number, py: number): number {
  const n = c.length;
  if (n === 2) return Math.hypot(c[0] - px, c[1] - py);
  let best = Infinity;
  for (let i = 0; i + 3 < n; i += 2) best = Math.min(best, segmentDistanceSq(px, py, c[i], c[i + 1], c[i + 2], c[i + 3]));
  if (closed && n >= 6) best = Math.min(best, segmentDistanceSq(px, py, c[n - 2], c[n - 1], c[0], c[1]));
  return Math.sqrt(best);
}

/**
 * Is the point on the shape: inside an area (within `tolerance` of its outline counts), or within
 * `tolerance` of a line or a point. Units are level-0 pixels.
 */
export function hitShape(shape: Shape, px: number, py: number, tolerance: number): boolean {
  switch (shape.type) {
    case 'point':
      for (let i = 0; i + 1 < shape.coords.length; i += 2) {
        if (Math.hypot(shape.coords[i] - px, shape.coords[i + 1] - py) <= tolerance) return true;
      }
      return false;
    case 'line':
      return polylineDistance(shape.coords, false, px, py) <= tolerance;
    case 'rectangle':
      return (
        px >= shape.x - tolerance &&
        px <= shape.x + shape.width + tolerance &&
        py >= shape.y - tolerance &&
        py <= shape.y + shape.height + tolerance
      );
    case 'ellipse': {
      const rx = shape.width / 2 + tolerance;
      const ry = shape.height / 2 + tolerance;
      const dx = px - (shape.x + shape.width / 2);
      const dy = py - (shape.y + shape.height / 2);
      return rx > 0 && ry > 0 && (dx * dx) / (rx * rx) + (dy * dy) / (ry * ry) <= 1;
    }
    case 'polygon':
      for (const [outer, ...holes] of shape.polygons) {
        if (polylineDistance(outer, true, px, py) <= tolerance) return true;
        if (pointInRing(outer, px, py) && !holes.some((h) => pointInRing(h, px, py))) return true;
      }
      return false;
  }
}

/** Move a shape by (dx, dy). */
export function translate(shape: Shape, dx: number, dy: number): Shape {
  const move = (c: number[]) => c.map((v, i) => v + (i % 2 === 0 ? dx : dy));
  switch (shape.type) {
    case 'point':
    case 'line':
      return { ...shape, coords: move(shape.coords) };
    case 'rectangle':
    case 'ellipse':
      return { ...shape, x: shape.x + dx, y: shape.y + dy };
    case 'polygon':
      return { ...shape, polygons: shape.polygons.map((rings) => rings.map(move)) };
  }
}

/**
 * Douglas–Peucker simplification of a flat polyline: points closer than `tolerance` to the kept
 * outline are dropped (the first and last always stay). Iterative, so long freehand outlines do not
 * overflow the stack.
 */
export function simplify(c: ArrayLike<number>, tolerance: number): number[] {
  const n = c.length / 2;
  if (n <= 2 || tolerance <= 0) return Array.from(c);
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  const tolSq = tolerance * tolerance;
  while (stack.length) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    let worst = -1;
    let worstSq = tolSq;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistanceSq(c[2 * i], c[2 * i + 1], c[2 * first], c[2 * first + 1], c[2 * last], c[2 * last + 1]);
      if (d > worstSq) {
        worst = i;
        worstSq = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(first, worst, worst, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(c[2 * i], c[2 * i + 1]);
  return out;
}

/**
 * Smooth a freehand trace (what the brush draws): drop points closer than `spacing` to the last
 * kept one, then a few passes of a [1 2 1] moving average over the closed ring. Removes the hand's
 * and the mouse's jitter without shrinking the outline much.
 */
export function smoothRing(c: ArrayLike<number>, spacing: number, passes = 2): number[] {
  let ring: number[] = [];
  for (let i = 0; i + 1 < c.length; i += 2) {
    const n = ring.length;
    if (n >= 2 && Math.hypot(c[i] - ring[n - 2], c[i + 1] - ring[n - 1]) < spacing) continue;
    ring.push(c[i], c[i + 1]);
  }
  const count = ring.length / 2;
  if (count < 4) return ring;
  for (let pass = 0; pass < passes; pass++) {
    const next = new Array<number>(ring.length);
    for (let i = 0; i < count; i++) {
      const p = (i - 1 + count) % count;
      const q = (i + 1) % count;
      next[2 * i] = (ring[2 * p] + 2 * ring[2 * i] + ring[2 * q]) / 4;
      next[2 * i + 1] = (ring[2 * p + 1] + 2 * ring[2 * i + 1] + ring[2 * q + 1]) / 4;
    }
    ring = next;
  }
  return ring;
}

/** The vertices a user can drag, with a path to each (for editing). */
export type VertexRef = { polygon: number; ring: number; index: number } | { index: number };

/** Every editable vertex of a shape, in level-0 pixels. Rectangles and ellipses: their 4 corners of the box. */
export function vertices(shape: Shape): Array<{ x: number; y: number; ref: VertexRef }> {
  switch (shape.type) {
    case 'point':
    case 'line': {
      const out = [];
      for (let i = 0; i + 1 < shape.coords.length; i += 2)
        out.push({ x: shape.coords[i], y: shape.coords[i + 1], ref: { index: i / 2 } });
      return out;
    }
    case 'rectangle':
    case 'ellipse': {
      const { x, y, width: w, height: h } = shape;
      return [
        { x, y, ref: { index: 0 } },
        { x: x + w, y, ref: { index: 1 } },
        { x: x + w, y: y + h, ref: { index: 2 } },
        { x, y: y + h, ref: { index: 3 } },
      ];
    }
    case 'polygon': {
      const out = [];
      for (let p = 0; p < shape.polygons.length; p++)
        for (let r = 0; r < shape.polygons[p].length; r++) {
          const ring = shape.polygons[p][r];
          for (let i = 0; i + 1 < ring.length; i += 2)
            out.push({ x: ring[i], y: ring[i + 1], ref: { polygon: p, ring: r, index: i / 2 } });
        }
      return out;
    }
  }
}

/** The shape with one vertex moved to (x, y). A box's corner moves, the opposite corner stays. */
export function moveVertex(shape: Shape, ref: VertexRef, x: number, y: number): Shape {
  switch (shape.type) {
    case 'point':
    case 'line': {
      const coords = shape.coords.slice();
      coords[2 * ref.index] = x;
      coords[2 * ref.index + 1] = y;
      return { ...shape, coords };
    }
    case 'rectangle':
    case 'ellipse': {
      const corners = [
        [shape.x, shape.y],
        [shape.x + shape.width, shape.y],
        [shape.x + shape.width, shape.y + shape.height],
        [shape.x, shape.y + shape.height],
      ];
      const [ox, oy] = corners[(ref.index + 2) % 4];
      return { ...shape, x: Math.min(ox, x), y: Math.min(oy, y), width: Math.abs(x - ox), height: Math.abs(y - oy) };
    }
    case 'polygon': {
      if (!('polygon' in ref)) return shape;
      const polygons = shape.polygons.map((rings, p) =>
        p !== ref.polygon
          ? rings
          : rings.map((ring, r) => {
              if (r !== ref.ring) return ring;
              const next = ring.slice();
              next[2 * ref.index] = x;
              next[2 * ref.index + 1] = y;
              return next;
            }),
      );
      return { ...shape, polygons };
    }
  }
}

/** The shape without one vertex, or null when it would be too few to stay a shape of its kind. */
export function removeVertex(shape: Shape, ref: VertexRef): Shape | null {
  switch (shape.type) {
    case 'point':
    case 'line': {
      const min = shape.type === 'point' ? 1 : 2;
      if (shape.coords.length / 2 <= min) return null;
      const coords = shape.coords.slice();
      coords.splice(2 * ref.index, 2);
      return { ...shape, coords };
    }
    case 'rectangle':
    case 'ellipse':
      return null;
    case 'polygon': {
      if (!('polygon' in ref)) return null;
      const ring = shape.polygons[ref.polygon]?.[ref.ring];
      if (!ring || ring.length / 2 <= 3) return null;
      const polygons = shape.polygons.map((rings, p) =>
        p !== ref.polygon
          ? rings
          : rings.map((r, k) => {
              if (k !== ref.ring) return r;
              const next = r.slice();
              next.splice(2 * ref.index, 2);
              return next;
            }),
      );
      return { ...shape, polygons };
    }
  }
}
