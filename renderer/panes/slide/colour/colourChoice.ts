/**
 * Whether colour management is on for a slide (C, or the toolbar's colour button), kept where the
 * viewer and the slide strip both read it: the strip's thumbnail shows the slide as its open
 * viewer does. On unless switched off; for this window's life.
 */
import { useCallback, useSyncExternalStore } from 'react';

/** The slides whose colour is switched off: a new set after each change (a snapshot). */
let off: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => off;

export function setColourOn(slideId: string, on: boolean): void {
  if (on === !off.has(slideId)) return;
  const next = new Set(off);
  if (on) next.delete(slideId);
  else next.add(slideId);
  off = next;
  listeners.forEach((l) => l());
}

/** Whether the slide's colour is managed, and a toggle. */
export function useColourOn(slideId: string): [boolean, () => void] {
  const on = !useSyncExternalStore(subscribe, snapshot).has(slideId);
  const toggle = useCallback(() => setColourOn(slideId, off.has(slideId)), [slideId]);
  return [on, toggle];
}

/** The slides whose colour is switched off. */
export function useColourOffSlides(): ReadonlySet<string> {
  return useSyncExternalStore(subscribe, snapshot);
}
