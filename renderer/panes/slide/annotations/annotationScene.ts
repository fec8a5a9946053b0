/**
 * Draws a slide's annotations on one canvas over OpenSeadragon, for tens of thousands of shapes:
 *
 * - Shapes are kept as Path2D in level-0 image coordinates and drawn through the view's affine
 *   transform (zoom, pan, rotation, flip in one setTransform), never re-projected point by point.
 * - They are bucketed in a grid of cells; each cell holds one Path2D per colour, built when the
 *   cell's content changes. A frame strokes only the cells that meet the view (culling), a few
 *   hundred calls at most whatever the number of shapes.
 * - Points are drawn at a fixed screen size, so they are kept apart and drawn per frame (culled).
 */
import type { Annotation, Rgb } from '../../../../shared/model/annotations.js';
import { type Bounds, bounds as shapeBounds } from '../../../../shared/annotations/geometry.js';

/** An annotation as drawn: its shape, colour and whether it can be edited. */
export type Drawn = { annotation: Annotation; color: Rgb; readOnly: boolean; bounds: Bounds };

/** Level-0 image → canvas CSS pixels: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Affine = { a: number; b: number; c: number; d: number; e: number; f: number };

const GRID = 24;

type Cell = { items: Drawn[]; members: Set<Drawn>; bounds: Bounds; paths: Map<string, Path2D> | null; points: Drawn[] };

export class AnnotationScene {
  private cells: Cell[] = [];
  private origin = { x: 0, y: 0, w: 1, h: 1 };
  private all: Drawn[] = [];
  /** Bumped by every set(): what was drawn from the scene before is stale. */
  version = 0;

  /** Replace what is drawn. Cells whose annotations are the same objects as before keep their paths. */
  set(items: Drawn[], imageWidth: number, imageHeight: number): void {
    this.all = items;
    this.version++;
    const w = Math.max(1, imageWidth) / GRID;
    const h = Math.max(1, imageHeight) / GRID;
    const sameGrid = this.origin.w === w && this.origin.h === h && this.cells.length === GRID * GRID;
    const next: Drawn[][] = Array.from({ length: GRID * GRID }, () => []);
    for (const item of items) {
      const cx = (item.bounds.minX + item.bounds.maxX) / 2;
      const cy = (item.bounds.minY + item.bounds.maxY) / 2;
      const col = Math.min(GRID - 1, Math.max(0, Math.floor(cx / w)));
      const row = Math.min(GRID - 1, Math.max(0, Math.floor(cy / h)));
      next[row * GRID + col].push(item);
    }
    this.cells = next.map((list, i) => {
      const old = sameGrid ? this.cells[i] : undefined;
      const unchanged = old && old.members.size === list.length && list.every((d) => old.members.has(d));
      if (unchanged && old) return old;
      const cellBounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
      for (const d of list) {
        cellBounds.minX = Math.min(cellBounds.minX, d.bounds.minX);
        cellBounds.minY = Math.min(cellBounds.minY, d.bounds.minY);
        cellBounds.maxX = Math.max(cellBounds.maxX, d.bounds.maxX);
        cellBounds.maxY = Math.max(cellBounds.maxY, d.bounds.maxY);
      }
      return {
        items: list.filter((d) => d.annotation.shape.type !== 'point'),
        points: list.filter((d) => d.annotation.shape.type === 'point'),
        members: new Set(list),
        bounds: cellBounds,
        paths: null,
      };
    });
    this.origin = { x: 0, y: 0, w, h };
  }

  get items(): readonly Drawn[] {
    return this.all;
  }

  /**
   * Draw everything that meets `view` (level-0 bounds of the visible area). `skip`: an annotation
   * being moved or edited, drawn by the caller instead. Returns how many cells were drawn.
   */
  draw(ctx: CanvasRenderingContext2D, t: Affine, dpr: number, view: Bounds, skip: string | null): number {
    const scale = Math.hypot(t.a, t.b);
    ctx.setTransform(dpr * t.a, dpr * t.b, dpr * t.c, dpr * t.d, dpr * t.e, dpr * t.f);
    ctx.lineWidth = 1.6 / scale;
    ctx.lineJoin = 'round';
    let drawn = 0;
    const points: Drawn[] = [];
    for (const cell of this.cells) {
      if (!meets(cell.bounds, view)) continue;
      drawn++;
      if (skip !== null && cell.items.some((d) => d.annotation.id === skip)) {
        // Draw this cell without the one being edited (rare: one cell, one frame at a time).
        for (const d of cell.items) {
          if (d.annotation.id === skip) continue;
          ctx.strokeStyle = css(d.color);
          ctx.stroke(pathOf(d));
        }
      } else {
        cell.paths ??= cellPaths(cell.items);
        for (const [color, path] of cell.paths) {
          ctx.strokeStyle = color;
          ctx.stroke(path);
        }
      }
      for (const p of cell.points) if (p.annotation.id !== skip && meets(p.bounds, view)) points.push(p);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawPoints(ctx, t, points);
    return drawn;
  }

  /** The topmost annotation under an image point (tolerance in image pixels). */
  hit(x: number, y: number, tolerance: number, test: (d: Drawn) => boolean): Drawn | null {
    for (let i = this.all.length - 1; i >= 0; i--) {
      const d = this.all[i];
      const b = d.bounds;
      if (x < b.minX - tolerance || x > b.maxX + tolerance || y < b.minY - tolerance || y > b.maxY + tolerance) continue;
      if (test(d)) return d;
    }
    return null;
  }
}

const drawnCache = new WeakMap<Annotation, Drawn>();
/** The drawn form of an annotation: the same object while the annotation and its colour are (so cells keep their paths). */
export function drawn(annotation: Annotation, color: Rgb, readOnly: boolean): Drawn {
  const cached = drawnCache.get(annotation);
  if (cached && cached.readOnly === readOnly && cached.color.every((v, i) => v === color[i])) return cached;
  const made = { annotation, color, readOnly, bounds: shapeBounds(annotation.shape) };
  drawnCache.set(annotation, made);
  return made;
}

const meets = (a: Bounds, b: Bounds) => a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;

export const css = ([r, g, b]: Rgb, alpha = 1) => (alpha === 1 ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${alpha})`);

function cellPaths(items: Drawn[]): Map<string, Path2D> {
  const paths = new Map<string, Path2D>();
  for (const d of items) {
    const key = css(d.color);
    let path = paths.get(key);
    if (!path) paths.set(key, (path = new Path2D()));
    addShape(path, d.annotation);
  }
  return paths;
}

const single = new WeakMap<Annotation, Path2D>();
/** One annotation's path (kept while the annotation object lives). */
export function pathOf(d: Drawn | Annotation): Path2D {
  const a = 'annotation' in d ? d.annotation : d;
  let path = single.get(a);
  if (!path) {
    path = new Path2D();
    addShape(path, a);
    single.set(a, path);
  }
  return path;
}

/** Add a shape's outline to a path, in image coordinates. */
export function addShape(path: Path2D, a: Pick<Annotation, 'shape'>): void {
  const s = a.shape;
  switch (s.type) {
    case 'point':
      return;
    case 'line':
      path.moveTo(s.coords[0], s.coords[1]);
      for (let i = 2; i + 1 < s.coords.length; i += 2) path.lineTo(s.coords[i], s.coords[i + 1]);
      return;
    case 'rectangle':
      path.rect(s.x, s.y, s.width, s.height);
      return;
    case 'ellipse': {
      const rx = s.width / 2;
      const ry = s.height / 2;
      path.moveTo(s.x + s.width, s.y + ry);
      path.ellipse(s.x + rx, s.y + ry, rx, ry, 0, 0, 2 * Math.PI);
      return;
    }
    case 'polygon':
      for (const rings of s.polygons)
        for (const ring of rings) {
          path.moveTo(ring[0], ring[1]);
          for (let i = 2; i + 1 < ring.length; i += 2) path.lineTo(ring[i], ring[i + 1]);
          path.closePath();
        }
  }
}

/** Points: a dot with a dark ring, 4 px across whatever the zoom. */
function drawPoints(ctx: CanvasRenderingContext2D, t: Affine, points: Drawn[]): void {
  if (!points.length) return;
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = 'rgba(0,0,0,0.7)';
  const byColor = new Map<string, Drawn[]>();
  for (const p of points) {
    const key = css(p.color);
    const list = byColor.get(key);
    if (list) list.push(p);
    else byColor.set(key, [p]);
  }
  for (const [color, list] of byColor) {
    const path = new Path2D();
    for (const p of list) {
      const c = (p.annotation.shape as { coords: number[] }).coords;
      for (let i = 0; i + 1 < c.length; i += 2) {
        const x = t.a * c[i] + t.c * c[i + 1] + t.e;
        const y = t.b * c[i] + t.d * c[i + 1] + t.f;
        path.moveTo(x + 4, y);
        path.arc(x, y, 4, 0, 2 * Math.PI);
      }
    }
    ctx.fillStyle = color;
    ctx.fill(path);
    ctx.stroke(path);
  }
}
