/**
 * A slide's editable annotations with undo and redo. Every edit is a step: the affected annotations
 * before and after (absent = not there), so that undoing it is applying it backwards, and each
 * step turns into one change for the store (added or replaced ones, removed ids). Pure.
 */
import type { Annotation } from '../../../../shared/model/annotations.js';

export type Step = { before: Annotation[]; after: Annotation[] };
export type StoreChange = { upsert: Annotation[]; remove: string[] };

export type History = {
  /** In drawing order (the last is on top). */
  annotations: Annotation[];
  undo: Step[];
  redo: Step[];
};

const MAX_STEPS = 200;

export const emptyHistory = (annotations: Annotation[] = []): History => ({ annotations, undo: [], redo: [] });

/** Apply `step` forwards: ids in `before` but not `after` go, the others are added or replaced in place. */
function applyStep(list: Annotation[], step: Step): { annotations: Annotation[]; change: StoreChange } {
  const after = new Map(step.after.map((a) => [a.id, a]));
  const gone = new Set(step.before.filter((a) => !after.has(a.id)).map((a) => a.id));
  const seen = new Set<string>();
  const next: Annotation[] = [];
  for (const a of list) {
    if (gone.has(a.id)) continue;
    const replaced = after.get(a.id);
    if (replaced) seen.add(a.id);
    next.push(replaced ?? a);
  }
  for (const a of step.after) if (!seen.has(a.id)) next.push(a);
  return { annotations: next, change: { upsert: step.after, remove: [...gone] } };
}

const reversed = (step: Step): Step => ({ before: step.after, after: step.before });

/** Do a new step (clears what could be redone). */
export function perform(history: History, step: Step): { history: History; change: StoreChange } {
  const { annotations, change } = applyStep(history.annotations, step);
  return { history: { annotations, undo: [...history.undo, step].slice(-MAX_STEPS), redo: [] }, change };
}

export function undo(history: History): { history: History; change: StoreChange } | null {
  const step = history.undo[history.undo.length - 1];
  if (!step) return null;
  const { annotations, change } = applyStep(history.annotations, reversed(step));
  return { history: { annotations, undo: history.undo.slice(0, -1), redo: [...history.redo, step] }, change };
}

export function redo(history: History): { history: History; change: StoreChange } | null {
  const step = history.redo[history.redo.length - 1];
  if (!step) return null;
  const { annotations, change } = applyStep(history.annotations, step);
  return { history: { annotations, undo: [...history.undo, step], redo: history.redo.slice(0, -1) }, change };
}

/** Changes waiting to be saved, merged: the last word on each id wins. */
export function mergeChanges(a: StoreChange, b: StoreChange): StoreChange {
  const upsert = new Map(a.upsert.map((x) => [x.id, x]));
  const remove = new Set(a.remove);
  for (const id of b.remove) {
    upsert.delete(id);
    remove.add(id);
  }
  for (const x of b.upsert) {
    remove.delete(x.id);
    upsert.set(x.id, x);
  }
  return { upsert: [...upsert.values()], remove: [...remove] };
}
