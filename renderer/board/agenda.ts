/**
 * The tumor-board agenda: the case as steps the presenter walks through — each slide, each variant
 * flagged for discussion, then the ctDNA course. Pure: built from the case and the flags.
 */
import type { CaseSummary } from '../../shared/model/case.js';
import type { PaneId } from '../../shared/model/settings.js';
import type { VariantFlag } from '../../shared/model/notes.js';
import type { SelectionPatch } from '../selection/selectionStore.js';

export type AgendaStep = {
  id: string;
  kind: 'slide' | 'variant' | 'ctdna';
  label: string;
  /** The pane the room should look at. */
  pane: PaneId;
  /** What the step selects in the panes (every field given, so the previous step's choice is cleared). */
  select: SelectionPatch;
};

const NOTHING: SelectionPatch = {
  specimenId: undefined,
  timepointDate: undefined,
  variantKey: undefined,
  variantLocus: undefined,
  slideId: undefined,
};

export function buildAgenda(summary: CaseSummary, flags: readonly VariantFlag[]): AgendaStep[] {
  const slides = summary.slides.map((slide): AgendaStep => {
    const specimen = summary.specimens.find((s) => s.slideIds.includes(slide.id));
    return {
      id: `slide:${slide.id}`,
      kind: 'slide',
      label: specimen?.label ?? slide.name,
      pane: 'slide',
      select: { ...NOTHING, slideId: slide.id, specimenId: specimen?.id, timepointDate: specimen?.collected },
    };
  });
  const variants = flags.map((flag): AgendaStep => ({
    id: `variant:${flag.key}`,
    kind: 'variant',
    label: flag.label,
    pane: 'variants',
    // The label is "<gene> <protein change>" (or the gene) when the variant has one: the ctDNA key.
    select: { ...NOTHING, variantLocus: flag.key, variantKey: flag.label === flag.key ? undefined : flag.label },
  }));
  const ctdna: AgendaStep[] =
    summary.ctdnaFileIds.length > 0
      ? [{ id: 'ctdna', kind: 'ctdna', label: 'ctDNA over time', pane: 'ctdna', select: { ...NOTHING } }]
      : [];
  return [...slides, ...variants, ...ctdna];
}
