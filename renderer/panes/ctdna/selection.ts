/**
 * What the user picked in the ctDNA pane: a timepoint (a plasma draw) or a specimen (the tissue of a
 * slide, the sample of a variant file). The pane keeps the details it draws here; every change is
 * also published to the selection the panes share (`renderer/selection/selectionStore.ts`), which the
 * slide and variants panes follow.
 */
import { selection } from '../../selection/selectionStore.js';
import { createStore, useStore } from '../../util/store.js';

export type CtdnaSelection =
  | { kind: 'timepoint'; date: string; day?: number; specimenId?: string }
  | {
      kind: 'specimen';
      id: string;
      date: string;
      day?: number;
      label: string;
      sampleId?: string;
      /** From case.json: the slides (slide ids) and variant files (file ids) of this specimen. */
      slideIds?: string[];
      variantFileIds?: string[];
    }
  | null;

const store = createStore<CtdnaSelection>(null);

export const ctdnaSelection = {
  get: store.get,
  set(next: CtdnaSelection): void {
    const changed = JSON.stringify(next) !== JSON.stringify(store.get());
    store.set(next);
    if (!changed) return;
    selection.publish('ctdna', {
      specimenId: next?.kind === 'specimen' ? next.id : next?.specimenId,
      timepointDate: next?.date || undefined,
    });
  },
  /** Show a choice made in another pane, without publishing it back as this pane's. */
  follow(next: CtdnaSelection): void {
    if (JSON.stringify(next) !== JSON.stringify(store.get())) store.set(next);
  },
  subscribe: store.subscribe,
};

export function useCtdnaSelection(): CtdnaSelection {
  return useStore(store);
}
