/**
 * Two slides' alignment (rotation and offset in µm): the right view follows from the left and back
 * again; a move on the left's screen is the same move on the right's screen; two landmark pairs
 * give back the rotation and offset that made them.
 */
import { describe, expect, it } from 'vitest';
import {
  alignmentFromPairs,
  leftViewOf,
  normalDegrees,
  offsetFor,
  rightViewOf,
  turned,
  type Alignment,
} from '../../renderer/panes/slide/compare/alignment.js';

/** Where level-0 point p (µm) lands on screen for a view (centre, px per µm, rotation), screen centre at 0. */
function onScreen(view: { x: number; y: number; pxPerMicron: number; rotation: number }, p: { x: number; y: number }) {
  const d = turned({ x: p.x - view.x, y: p.y - view.y }, view.rotation);
  return { x: d.x * view.pxPerMicron, y: d.y * view.pxPerMicron };
}

describe('slide alignment', () => {
  const a: Alignment = { offset: { x: 120, y: -40 }, rotation: 30 };
  const left = { x: 500, y: 800, pxPerMicron: 2, rotation: 90 };

  it('the right view of the left view comes back to it', () => {
    const right = rightViewOf(left, a);
    expect(right.rotation).toBe(120);
    const back = leftViewOf(right, a);
    expect(back.x).toBeCloseTo(left.x, 9);
    expect(back.y).toBeCloseTo(left.y, 9);
    expect(back.rotation).toBe(left.rotation);
    // Without rotation it is the plain offset.
    expect(rightViewOf(left, { offset: a.offset, rotation: 0 })).toMatchObject({ x: 620, y: 760 });
  });

  it('the same tissue is at the same place on both screens, and a pan moves both the same way', () => {
    // Tissue point q of the left is the right's point turn(q, −rotation) + offset.
    const tissue = (q: { x: number; y: number }) => {
      const t = turned(q, -a.rotation);
      return { x: t.x + a.offset.x, y: t.y + a.offset.y };
    };
    for (const view of [left, { ...left, x: 530, y: 760, rotation: -45 }]) {
      const right = rightViewOf(view, a);
      for (const q of [
        { x: 510, y: 790 },
        { x: 300, y: 1000 },
      ]) {
        const l = onScreen(view, q);
        const r = onScreen(right, tissue(q));
        expect(r.x).toBeCloseTo(l.x, 6);
        expect(r.y).toBeCloseTo(l.y, 6);
      }
    }
  });

  it('two landmark pairs give the rotation and offset back; the offset keeps a pair together', () => {
    const l: [{ x: number; y: number }, { x: number; y: number }] = [
      { x: 100, y: 200 },
      { x: 900, y: 650 },
    ];
    const r = l.map((q) => {
      const t = turned(q, -a.rotation);
      return { x: t.x + a.offset.x, y: t.y + a.offset.y };
    }) as typeof l;
    const found = alignmentFromPairs(l, r)!;
    expect(found.rotation).toBeCloseTo(30, 3);
    expect(found.offset.x).toBeCloseTo(120, 1);
    expect(found.offset.y).toBeCloseTo(-40, 1);
    expect(alignmentFromPairs([l[0], l[0]], r)).toBeNull();
    const o = offsetFor(l[1], r[1], a.rotation);
    expect(o.x).toBeCloseTo(120, 6);
    expect(o.y).toBeCloseTo(-40, 6);
    expect(normalDegrees(350)).toBe(-10);
    expect(normalDegrees(-190)).toBe(170);
    expect(normalDegrees(180)).toBe(180);
  });
});
