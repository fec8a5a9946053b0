/**
 * What the user picked in the ctDNA pane: a timepoint (a plasma draw) or a specimen (the tissue of a
 * slide, the sample of a variant file). A small store outside React so that other panes can read and
 * follow it later (`useCtdnaSelection`, `ctdnaSelection.subscribe`).
 */
import { useSyncExternalStore } from 'react';

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

let current: CtdnaSelection = null;
const listeners = new Set<() => void>();

export const ctdnaSelection = {
  get: (): CtdnaSelection => current,
  set(next: CtdnaSelection): void {
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    current = next;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useCtdnaSelection(): CtdnaSelection {
  return useSyncExternalStore(ctdnaSelection.subscribe, ctdnaSelection.get, ctdnaSelection.get);
}
