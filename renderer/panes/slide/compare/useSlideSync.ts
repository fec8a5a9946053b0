/**
 * Two slides in step (issue 8): whichever viewer the user is working in (the last one pressed,
 * scrolled or typed in) leads, and the other follows it in slide units — same centre plus the
 * offset, same µm per screen pixel, same rotation — once per animation frame of the leader.
 *
 * The alignment (alignment.ts: an offset in µm and a rotation in degrees) is set by moving one
 * slide while holding Alt (then the other stays put and the offset becomes the difference), by
 * turning one with Alt+Shift+drag or the rotation field of the bar, or from landmark pairs. Unlinked, each
 * moves alone and the offset is kept for when they are linked again.
 *
 * Each side's element carries its view in µm (data-um-x, data-um-y, data-px-per-um,
 * data-rotation), for the tests and the offset readout.
 */
import { useEffect, useRef } from 'react';
import { leftViewOf, normalDegrees, offsetFor, rightViewOf, type Alignment } from './alignment.js';
import { applyMicronView, readMicronView, type MicronOffset, type SyncSide } from './slideUnits.js';

type Which = 'left' | 'right';

export function useSlideSync({
  left,
  right,
  elements,
  linked,
  offset,
  rotation,
  onOffset,
  onAlign,
}: {
  left: SyncSide | null;
  right: SyncSide | null;
  elements: { left: HTMLElement | null; right: HTMLElement | null };
  linked: boolean;
  offset: MicronOffset;
  /** Degrees the right slide is shown turned more than the left (its tissue lies turned the other way). */
  rotation: number;
  onOffset(offset: MicronOffset): void;
  /** Alt+Shift+drag turned one slide against the other: the new rotation and the offset that goes with it. */
  onAlign(alignment: Alignment): void;
}): void {
  const leader = useRef<Which>('left');
  /** Adjusting the offset: Alt is held, or was until the slide stopped gliding after the drag. */
  const altDown = useRef(false);
  const releasing = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The offset as the sync knows it: set at once while adjusting (React's copy follows a render
  // later), replaced when the prop changes from outside (reset, session).
  const current = useRef<Alignment>({ offset, rotation });
  const seen = useRef<Alignment>({ offset, rotation });
  /** The rotation was changed alone (the bar's field): turn the follower about the tissue it shows. */
  const turnedAlone = useRef(false);
  if (seen.current.offset.x !== offset.x || seen.current.offset.y !== offset.y || seen.current.rotation !== rotation) {
    turnedAlone.current =
      seen.current.rotation !== rotation && seen.current.offset.x === offset.x && seen.current.offset.y === offset.y;
    seen.current = { offset, rotation };
    current.current = { offset, rotation };
  }
  const state = useRef({ linked, onOffset, onAlign, left, right });
  state.current = { linked, onOffset, onAlign, left, right };

  // Alt held (from the keyboard or on the pointer) = adjusting the offset.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Alt') return;
      if (releasing.current) clearTimeout(releasing.current);
      releasing.current = null;
      if (e.type === 'keydown') altDown.current = true;
      // Released: the dragged slide still glides to where it was let go; it ends adjusting.
      else releasing.current = setTimeout(() => (altDown.current = false), 700);
    };
    const onBlur = () => (altDown.current = false);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
      window.removeEventListener('blur', onBlur);
    };
  }, []);

  // The side the user works in leads.
  useEffect(() => {
    const cleanups: Array<() => void> = [];
    for (const which of ['left', 'right'] as const) {
      const element = elements[which];
      if (!element) continue;
      const take = (e: Event) => {
        leader.current = which;
        if (e.type === 'pointerdown' || e.type === 'wheel') {
          if (releasing.current) clearTimeout(releasing.current);
          releasing.current = null;
          altDown.current = (e as PointerEvent).altKey;
        }
      };
      for (const type of ['pointerdown', 'wheel', 'keydown'] as const) {
        element.addEventListener(type, take, { capture: true, passive: true });
        cleanups.push(() => element.removeEventListener(type, take, { capture: true }));
      }
      // Alt+Shift+drag on a slide turns it about its centre against the other (the rotation
      // between them); OpenSeadragon and the annotation tools never see that drag.
      const turn = (down: PointerEvent) => {
        const stage = element.querySelector<HTMLElement>('.slide-stage');
        if (!down.altKey || !down.shiftKey || down.button !== 0 || !state.current.linked) return;
        if (!stage?.contains(down.target as Node)) return;
        down.preventDefault();
        down.stopPropagation();
        const box = stage.getBoundingClientRect();
        const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        const angleOf = (e: PointerEvent) => (Math.atan2(e.clientY - centre.y, e.clientX - centre.x) * 180) / Math.PI;
        const start = angleOf(down);
        const from = current.current.rotation;
        leader.current = which === 'left' ? 'right' : 'left';
        const move = (e: PointerEvent) => {
          e.preventDefault();
          e.stopPropagation();
          const { left: l, right: r, onAlign } = state.current;
          const dragged = which === 'left' ? l : r;
          const still = which === 'left' ? r : l;
          const draggedView = dragged && readMicronView(dragged);
          const stillView = still && readMicronView(still);
          if (!dragged || !draggedView || !stillView) return;
          // Clockwise on screen turns the dragged slide clockwise: the right one more, the left one
          // less; about the tissue at its centre (the offset follows).
          const by = angleOf(e) - start;
          const rotation = normalDegrees(which === 'right' ? from + by : from - by);
          const offset =
            which === 'right' ? offsetFor(stillView, draggedView, rotation) : offsetFor(draggedView, stillView, rotation);
          current.current = { offset, rotation };
          seen.current = current.current;
          applyMicronView(
            dragged,
            which === 'right' ? rightViewOf(stillView, current.current) : leftViewOf(stillView, current.current),
          );
          onAlign(current.current);
        };
        const up = (e: PointerEvent) => {
          e.stopPropagation();
          window.removeEventListener('pointermove', move, true);
          window.removeEventListener('pointerup', up, true);
        };
        window.addEventListener('pointermove', move, true);
        window.addEventListener('pointerup', up, true);
      };
      element.addEventListener('pointerdown', turn, { capture: true });
      cleanups.push(() => element.removeEventListener('pointerdown', turn, { capture: true }));
    }
    return () => cleanups.forEach((c) => c());
  }, [elements.left, elements.right]);

  useEffect(() => {
    if (!left || !right) return;
    const sides = { left, right };
    const publish = (which: Which) => {
      const element = elements[which];
      const view = readMicronView(sides[which]);
      if (!element || !view) return;
      element.dataset.umX = view.x.toFixed(3);
      element.dataset.umY = view.y.toFixed(3);
      element.dataset.pxPerUm = view.pxPerMicron.toFixed(6);
      element.dataset.rotation = String(Math.round(view.rotation * 1000) / 1000);
    };
    const follow = (which: Which) => {
      publish(which);
      if (leader.current !== which) return;
      const other: Which = which === 'left' ? 'right' : 'left';
      const { linked, onOffset } = state.current;
      const alignment = current.current;
      const { offset } = alignment;
      if (!linked) return;
      const view = readMicronView(sides[which]);
      const otherView = readMicronView(sides[other]);
      if (!view || !otherView) return;
      if (altDown.current) {
        // Adjusting: the other stays; the offset puts the two centres together where the dragged
        // slide is heading (not where its glide is now: a slow machine may end Alt's grace first).
        const target = readMicronView(sides[which], false) ?? view;
        const next =
          which === 'right' ? offsetFor(otherView, target, alignment.rotation) : offsetFor(target, otherView, alignment.rotation);
        if (Math.abs(next.x - offset.x) > 1e-6 || Math.abs(next.y - offset.y) > 1e-6) {
          current.current = { ...alignment, offset: next };
          seen.current = current.current;
          onOffset(next);
        }
        return;
      }
      applyMicronView(sides[other], which === 'left' ? rightViewOf(view, alignment) : leftViewOf(view, alignment));
      publish(other);
    };
    const handlers = (['left', 'right'] as const).map((which) => {
      const handler = () => follow(which);
      for (const event of ['animation', 'viewport-change', 'rotate', 'resize'] as const)
        sides[which].viewer.addHandler(event, handler);
      return () => {
        for (const event of ['animation', 'viewport-change', 'rotate', 'resize'] as const)
          sides[which].viewer.removeHandler(event, handler);
      };
    });
    // Put them in step now (the leader's view, with the offset).
    follow(leader.current);
    publish('left');
    publish('right');
    return () => handlers.forEach((h) => h());
  }, [left, right, elements.left, elements.right]);

  // Linking again, or a new offset or rotation set elsewhere (reset, session, the bar's field):
  // bring the follower in step. A rotation changed alone turns the right slide about the tissue
  // at the centres, so the offset is worked out again for it.
  useEffect(() => {
    if (!linked) turnedAlone.current = false;
    if (!left || !right || !linked || altDown.current) return;
    const which = leader.current;
    const view = readMicronView(which === 'left' ? left : right);
    if (!view) return;
    if (turnedAlone.current) {
      turnedAlone.current = false;
      const other = readMicronView(which === 'left' ? right : left);
      if (other) {
        const next = which === 'left' ? offsetFor(view, other, rotation) : offsetFor(other, view, rotation);
        current.current = { offset: next, rotation };
        seen.current = { offset: next, rotation };
        state.current.onOffset(next);
      }
    }
    const a = current.current;
    applyMicronView(which === 'left' ? right : left, which === 'left' ? rightViewOf(view, a) : leftViewOf(view, a));
  }, [linked, offset.x, offset.y, rotation, left, right]);
}
