/**
 * Two slides in step (issue 8): whichever viewer the user is working in (the last one pressed,
 * scrolled or typed in) leads, and the other follows it in slide units — same centre plus the
 * offset, same µm per screen pixel, same rotation — once per animation frame of the leader.
 *
 * The offset (µm, the right slide's centre minus the left's) is set by moving one slide while
 * holding Alt: then the other stays put and the offset becomes the difference. Unlinked, each
 * moves alone and the offset is kept for when they are linked again.
 *
 * Each side's element carries its view in µm (data-um-x, data-um-y, data-px-per-um,
 * data-rotation), for the tests and the offset readout.
 */
import { useEffect, useRef } from 'react';
import { applyMicronView, readMicronView, shifted, type MicronOffset, type SyncSide } from './slideUnits.js';

type Which = 'left' | 'right';

export function useSlideSync({
  left,
  right,
  elements,
  linked,
  offset,
  onOffset,
}: {
  left: SyncSide | null;
  right: SyncSide | null;
  elements: { left: HTMLElement | null; right: HTMLElement | null };
  linked: boolean;
  offset: MicronOffset;
  onOffset(offset: MicronOffset): void;
}): void {
  const leader = useRef<Which>('left');
  /** Adjusting the offset: Alt is held, or was until the slide stopped gliding after the drag. */
  const altDown = useRef(false);
  const releasing = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The offset as the sync knows it: set at once while adjusting (React's copy follows a render
  // later), replaced when the prop changes from outside (reset, session).
  const current = useRef(offset);
  const seen = useRef(offset);
  if (seen.current.x !== offset.x || seen.current.y !== offset.y) {
    seen.current = offset;
    current.current = offset;
  }
  const state = useRef({ linked, onOffset });
  state.current = { linked, onOffset };

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
      const offset = current.current;
      if (!linked) return;
      const view = readMicronView(sides[which]);
      const otherView = readMicronView(sides[other]);
      if (!view || !otherView) return;
      if (altDown.current) {
        // Adjusting: the other stays; the offset is now the difference (right − left).
        const next =
          which === 'right'
            ? { x: view.x - otherView.x, y: view.y - otherView.y }
            : { x: otherView.x - view.x, y: otherView.y - view.y };
        if (Math.abs(next.x - offset.x) > 1e-6 || Math.abs(next.y - offset.y) > 1e-6) {
          current.current = next;
          seen.current = next;
          onOffset(next);
        }
        return;
      }
      applyMicronView(sides[other], shifted(view, offset, which === 'left' ? 1 : -1));
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

  // Linking again, or a new offset set elsewhere (reset, session): bring the follower in step.
  useEffect(() => {
    if (!left || !right || !linked || altDown.current) return;
    const which = leader.current;
    const view = readMicronView(which === 'left' ? left : right);
    if (view) applyMicronView(which === 'left' ? right : left, shifted(view, current.current, which === 'left' ? 1 : -1));
  }, [linked, offset.x, offset.y, left, right]);
}
