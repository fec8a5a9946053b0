/**
 * Level-0 image ↔ viewer element coordinates for the annotation overlay, as one affine transform
 * of the current (animated) view: zoom, pan, rotation, and OSD's flip (a mirror of the element,
 * which OSD's own coordinate helpers leave out).
 */
import OpenSeadragon from 'openseadragon';
import type { Bounds } from '../../../../shared/annotations/geometry.js';
import type { Affine } from './annotationScene.js';

export type Point = { x: number; y: number };

export function viewAffine(viewer: OpenSeadragon.Viewer, item: OpenSeadragon.TiledImage): Affine {
  const size = Math.max(1, item.getContentSize().x);
  const p0 = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(0, 0));
  const px = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(size, 0));
  const py = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(0, size));
  const t = {
    a: (px.x - p0.x) / size,
    b: (px.y - p0.y) / size,
    c: (py.x - p0.x) / size,
    d: (py.y - p0.y) / size,
    e: p0.x,
    f: p0.y,
  };
  if (!viewer.viewport.getFlip()) return t;
  const width = viewer.viewport.getContainerSize().x;
  return { a: -t.a, b: t.b, c: -t.c, d: t.d, e: width - t.e, f: t.f };
}

export const apply = (t: Affine, p: Point): Point => ({ x: t.a * p.x + t.c * p.y + t.e, y: t.b * p.x + t.d * p.y + t.f });

export function invert(t: Affine, p: Point): Point {
  const det = t.a * t.d - t.b * t.c;
  const x = p.x - t.e;
  const y = p.y - t.f;
  return { x: (t.d * x - t.c * y) / det, y: (t.a * y - t.b * x) / det };
}

/** Screen pixels per image pixel. */
export const scaleOf = (t: Affine): number => Math.hypot(t.a, t.b);

/** The level-0 bounds of what the element shows (its four corners, whatever the rotation). */
export function visibleBounds(t: Affine, width: number, height: number): Bounds {
  const corners = [
    invert(t, { x: 0, y: 0 }),
    invert(t, { x: width, y: 0 }),
    invert(t, { x: 0, y: height }),
    invert(t, { x: width, y: height }),
  ];
  return {
    minX: Math.min(...corners.map((c) => c.x)),
    maxX: Math.max(...corners.map((c) => c.x)),
    minY: Math.min(...corners.map((c) => c.y)),
    maxY: Math.max(...corners.map((c) => c.y)),
  };
}
