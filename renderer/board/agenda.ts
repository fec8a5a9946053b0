/**
 * The tumor-board agenda: the case as steps the presenter walks through — each slide and its regions
 * flagged for discussion, each flagged variant, then the ctDNA course. Pure: built from the case and
 * the flags.
 */
import type { CaseSummary } from '../../shared/model/case.js';
import type { PaneId } from '../../shared/model/settings.js';
import type { FlaggedAnnotation } from '../../shared/model/annotations.js';
import type { VariantFlag } from '../../shared/model/notes.js';
import type { SelectionPatch } from '../selection/selectionStore.js';
import type { AgendaRegion } from './agendaFocus.js';

export type AgendaStep = {
  id: string;
  kind: 'slide' | 'region' | 'variant' | 'ctdna';
  label: string;
  /** The pane the room should look at. */
  pane: PaneId;
  /** What the step selects in the panes (every field given, so the previous step's choice is cleared). */
  select: SelectionPatch;
  /** A region of a slide to fly to (a flagged annotation's bounds, level-0 pixels). */
  region?: AgendaRegion;
};

const NOTHING: SelectionPatch = {
  specimenId: undefined,
  timepointDate: undefined,
  variantKey: undefined,
  variantLocus: undefined,
  slideId: undefined,
};

/** Slides in case order, each followed by its regions flagged for discussion. */
export function buildAgenda(
  summary: CaseSummary,
  flags: readonly VariantFlag[],
  regions: readonly FlaggedAnnotation[] = [],
): AgendaStep[] {
  const slides = summary.slides.flatMap((slide): AgendaStep[] => {
    const specimen = summary.specimens.find((s) => s.slideIds.includes(slide.id));
    const select = { ...NOTHING, slideId: slide.id, specimenId: specimen?.id, timepointDate: specimen?.collected };
    const own = regions.filter((r) => r.slideId === slide.id);
    return [
      { id: `slide:${slide.id}`, kind: 'slide', label: specimen?.label ?? slide.name, pane: 'slide', select },
      ...own.map((r): AgendaStep => ({
        id: `region:${slide.id}:${r.id}`,
        kind: 'region',
        label: r.label || r.className || r.shapeType,
        pane: 'slide',
        select,
        region: { slideId: slide.id, ...r.bounds },
      })),
    ];
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
