/**
 * The page's annotation edits: each a step that undoes and redoes exactly, each turned into the
 * store change that makes the saved set equal the one on screen; pending changes merged in order.
 */
import { describe, expect, it } from 'vitest';
import {
  emptyHistory,
  mergeChanges,
  perform,
  redo,
  undo,
  type History,
  type StoreChange,
} from '../../renderer/panes/slide/annotations/annotationHistory.js';
import type { Annotation } from '../../shared/model/annotations.js';
import { annotation, manyAnnotations } from '../services/annotations/annotationFixtures.js';

/** What the store holds after a series of changes (as AnnotationStore.change applies them). */
function applyToStore(store: Map<string, Annotation>, change: StoreChange): Map<string, Annotation> {
  const next = new Map(store);
  for (const id of change.remove) next.delete(id);
  for (const a of change.upsert) next.set(a.id, a);
  return next;
}

describe('annotation history', () => {
  it('adds, edits, removes; undo and redo walk back and forth, and the store follows each step', () => {
    const [a, b, c] = manyAnnotations(3);
    let h: History = emptyHistory([a]);
    let store = new Map([[a.id, a]]);
    const step = (next: { history: History; change: StoreChange } | null) => {
      expect(next).not.toBeNull();
      h = next!.history;
      store = applyToStore(store, next!.change);
      // The saved set is always the one on screen.
      expect([...store.values()].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
        [...h.annotations].sort((x, y) => x.id.localeCompare(y.id)),
      );
    };
    step(perform(h, { before: [], after: [b] }));
    const b2 = { ...b, label: 'edited' };
    step(perform(h, { before: [b], after: [b2] }));
    step(perform(h, { before: [a], after: [] }));
    step(perform(h, { before: [], after: [c] }));
    expect(h.annotations.map((x) => x.id)).toEqual([b.id, c.id]);
    // An edit keeps the annotation's place in the drawing order.
    expect(h.annotations[0].label).toBe('edited');

    step(undo(h)); // c gone
    step(undo(h)); // a back (at the end)
    expect(h.annotations.map((x) => x.id)).toEqual([b.id, a.id]);
    step(undo(h)); // label back
    expect(h.annotations.find((x) => x.id === b.id)?.label).toBe(b.label);
    step(redo(h));
    expect(h.annotations.find((x) => x.id === b.id)?.label).toBe('edited');
    step(undo(h));
    step(undo(h));
    expect(h.annotations.map((x) => x.id)).toEqual([a.id]);
    expect(undo(h)).toBeNull();
    step(redo(h));
    // A new step drops what could be redone.
    step(perform(h, { before: [], after: [annotation('z', { type: 'point', coords: [1, 1] })] }));
    expect(redo(h)).toBeNull();
  });

  it('merges pending changes: the last word on each id wins, removals stay removals', () => {
    const [a, b] = manyAnnotations(2);
    const a2 = { ...a, label: 'two' };
    expect(mergeChanges({ upsert: [a], remove: [] }, { upsert: [a2], remove: [] })).toEqual({ upsert: [a2], remove: [] });
    expect(mergeChanges({ upsert: [a, b], remove: [] }, { upsert: [], remove: [a.id] })).toEqual({ upsert: [b], remove: [a.id] });
    expect(mergeChanges({ upsert: [], remove: [a.id] }, { upsert: [a2], remove: [] })).toEqual({ upsert: [a2], remove: [] });
  });
});
