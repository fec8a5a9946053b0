/**
 * Variants flagged "for discussion" before the board: loaded with the case, saved through the
 * contract (beside the notes, atomically) on every change. The table marks them, the detail strip
 * toggles them, the summary lists them.
 */
import { variantFlagKey, type VariantFlag } from '../../shared/model/notes.js';
import { api } from '../api/index.js';
import { createStore, useStore } from '../util/store.js';

const flags = createStore<VariantFlag[]>([]);

export const variantFlags = {
  get: flags.get,
  /** Load the open case's flags (call when a case opens). */
  async load(): Promise<void> {
    flags.set(await api.call('flags.get', {}).catch(() => []));
  },
  async toggle(variant: {
    chrom: string;
    pos: number;
    ref: string;
    alt: string;
    gene?: string;
    protein?: string;
  }): Promise<void> {
    const key = variantFlagKey(variant);
    const current = flags.get();
    const next = current.some((f) => f.key === key)
      ? current.filter((f) => f.key !== key)
      : [...current, { key, label: [variant.gene, variant.protein].filter(Boolean).join(' ') || key }];
    flags.set(next);
    flags.set(await api.call('flags.set', { variants: next }));
  },
};

/** The flagged variants' keys, for marking rows. */
export function useFlaggedKeys(): Set<string> {
  const list = useStore(flags);
  return new Set(list.map((f) => f.key));
}

/** The flagged variants, in the order they were flagged (the agenda's order). */
export function useFlags(): VariantFlag[] {
  return useStore(flags);
}
