/**
 * One selection shared by the panes (issue 6, "Linking"): the specimen, the timepoint and the
 * variant the user last picked, and the pane that picked it. A small store outside React; panes read
 * it with `useSelection()` and write it with `selection.publish()`. Each field is replaced on its own
 * (choosing a specimen keeps the chosen variant). Linking can be switched off per pane: a pane that
 * is not linked neither follows nor publishes (`useLinked`, `linking`).
 */
import { createStore, useStore } from '../util/store.js';
import type { PaneId } from '../../shared/model/settings.js';

export type SharedSelection = {
  /** A specimen of the case (case.json id): a tissue specimen or a plasma draw. */
  specimenId?: string;
  /** The date (ISO 8601) of a chosen timepoint or specimen. */
  timepointDate?: string;
  /** A variant as `<gene> <protein change>` (e.g. "FGFR3 p.S249C"), or the gene alone. */
  variantKey?: string;
  /** The same variant exactly, as `chrom:pos:ref>alt` (variantFlagKey), when the chooser knows it. */
  variantLocus?: string;
  /** A slide of the case (its id), when one was chosen rather than a specimen. */
  slideId?: string;
  /** The pane that made the last change, or the tumor-board agenda stepping through the case. */
  source: SelectionSource;
};

/** 'agenda': the tumor-board agenda; 'session': the selection restored when a case reopens. */
export type SelectionSource = PaneId | 'agenda' | 'session';

export type SelectionPatch = Partial<Omit<SharedSelection, 'source'>>;

const SELECTION_FIELDS = ['specimenId', 'timepointDate', 'variantKey', 'variantLocus', 'slideId'] as const;

const shared = createStore<SharedSelection | null>(null);
const links = createStore<Partial<Record<PaneId, boolean>>>({});

export const selection = {
  get: shared.get,
  subscribe: shared.subscribe,
  /** Change some fields as `source` (an undefined field is cleared); ignored when that pane is not linked. */
  publish(source: SelectionSource, patch: SelectionPatch): void {
    if (source !== 'agenda' && source !== 'session' && !linking.isLinked(source)) return;
    const next: SharedSelection = { ...(shared.get() ?? {}), ...patch, source };
    for (const k of SELECTION_FIELDS) if (next[k] === undefined) delete next[k];
    shared.set(SELECTION_FIELDS.some((k) => next[k]) ? next : null);
  },
};

export const linking = {
  isLinked: (pane: PaneId): boolean => links.get()[pane] !== false,
  set(pane: PaneId, linked: boolean): void {
    links.set({ ...links.get(), [pane]: linked });
  },
  subscribe: links.subscribe,
};

export function useSelection(): SharedSelection | null {
  return useStore(shared);
}

/** Whether the pane follows (and publishes) the shared selection; linked unless switched off. */
export function useLinked(pane: PaneId): boolean {
  return useStore(links)[pane] !== false;
}

/** The shared selection as a pane sees it: null while the pane is not linked. */
export function useLinkedSelection(pane: PaneId): SharedSelection | null {
  const linked = useLinked(pane);
  const current = useSelection();
  return linked ? current : null;
}

/** The key the variants table and the ctDNA tracks share: "FGFR3 p.S249C" (or the gene alone). */
export function variantKeyOf(gene: string | undefined, protein: string | undefined): string | undefined {
  if (!gene) return undefined;
  const p = protein?.trim();
  return p ? `${gene} ${p.startsWith('p.') ? p : `p.${p}`}` : gene;
}
