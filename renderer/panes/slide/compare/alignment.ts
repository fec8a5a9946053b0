/**
 * Where the right slide's tissue is against the left's, in µm and degrees, and the views that
 * follow from it (pure: the sync, the point-pair alignment and the tests use it).
 */
import type { MicronOffset, MicronView } from './slideUnits.js';

/**
 * How the right slide's tissue lies against the left's: a point p (µm) of the left is the point
 * turn(p, −rotation) + offset of the right, and the right is shown turned `rotation` degrees more
 * (clockwise, as OpenSeadragon turns) so that the tissue looks the same way up on both. A move on
 * screen then moves both slides the same way on screen, whatever the rotation.
 */
export type Alignment = { offset: MicronOffset; rotation: number };

/** `p` turned by `degrees` (clockwise on screen: image y points down). */
export function turned(p: { x: number; y: number }, degrees: number): { x: number; y: number } {
  const r = (degrees * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  return { x: c * p.x - s * p.y, y: s * p.x + c * p.y };
}

/** The right slide's view that shows what `view` shows on the left. */
export function rightViewOf(view: MicronView, a: Alignment): MicronView {
  const p = turned(view, -a.rotation);
  return { ...view, x: p.x + a.offset.x, y: p.y + a.offset.y, rotation: view.rotation + a.rotation };
}

/** The left slide's view that shows what `view` shows on the right. */
export function leftViewOf(view: MicronView, a: Alignment): MicronView {
  const p = turned({ x: view.x - a.offset.x, y: view.y - a.offset.y }, a.rotation);
  return { ...view, x: p.x, y: p.y, rotation: view.rotation - a.rotation };
}

/** The offset that puts right point `right` over left point `left` at `rotation`. */
export function offsetFor(left: { x: number; y: number }, right: { x: number; y: number }, rotation: number): MicronOffset {
  const p = turned(left, -rotation);
  return { x: right.x - p.x, y: right.y - p.y };
}

/**
 * The alignment from two landmark pairs (µm; each the same tissue on the left and on the right):
 * the rotation that turns the left pair's direction into the right's, then the offset of the first.
 */
export function alignmentFromPairs(
  left: [{ x: number; y: number }, { x: number; y: number }],
  right: [{ x: number; y: number }, { x: number; y: number }],
): Alignment | null {
  const l = { x: left[1].x - left[0].x, y: left[1].y - left[0].y };
  const r = { x: right[1].x - right[0].x, y: right[1].y - right[0].y };
  if (Math.hypot(l.x, l.y) < 1e-9 || Math.hypot(r.x, r.y) < 1e-9) return null;
  const rotation = normalDegrees(((Math.atan2(l.y, l.x) - Math.atan2(r.y, r.x)) * 180) / Math.PI);
  return { rotation, offset: offsetFor(left[0], right[0], rotation) };
}

/** In (−180, 180], rounded to a thousandth of a degree (what the readout and the session keep). */
export function normalDegrees(degrees: number): number {
  let d = degrees % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return Math.round(d * 1000) / 1000;
}
