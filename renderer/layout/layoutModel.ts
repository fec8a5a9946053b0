/**
 * Pure layout logic of the three panes (no DOM, no React): the persisted `Layout` of the settings
 * and the percent map the resizable group works with.
 */
import { DEFAULT_LAYOUT, PANE_IDS, type Layout, type PaneId } from '../../shared/model/settings.js';

export type Sizes = [number, number, number];
export type GroupLayout = { [id: string]: number };

export const PANES: readonly PaneId[] = PANE_IDS;

export const PANE_TITLES: Record<PaneId, string> = {
  slide: 'Slide',
  variants: 'Variants',
  ctdna: 'ctDNA',
};

/** Sizes that are finite, positive and sum to 100 (falls back to the default layout). */
export function normalizeSizes(sizes: readonly number[] | undefined): Sizes {
  if (!sizes || sizes.length !== 3 || sizes.some((s) => !Number.isFinite(s) || s < 0)) return [...DEFAULT_LAYOUT.sizes];
  const total = sizes[0] + sizes[1] + sizes[2];
  if (total <= 0) return [...DEFAULT_LAYOUT.sizes];
  const scaled = sizes.map((s) => Math.round((s / total) * 100 * 100) / 100) as Sizes;
  // Put the rounding remainder on the largest pane, so the sum is exactly 100.
  const rest = Math.round((100 - (scaled[0] + scaled[1] + scaled[2])) * 100) / 100;
  const largest = scaled.indexOf(Math.max(...scaled));
  scaled[largest] = Math.round((scaled[largest] + rest) * 100) / 100;
  return scaled;
}

export function toGroupLayout(sizes: Sizes): GroupLayout {
  return { slide: sizes[0], variants: sizes[1], ctdna: sizes[2] };
}

export function fromGroupLayout(layout: GroupLayout): Sizes {
  return normalizeSizes([layout.slide ?? 0, layout.variants ?? 0, layout.ctdna ?? 0]);
}

/** A layout read from settings, made safe to apply: known panes only, never all three collapsed. */
export function sanitizeLayout(layout: Partial<Layout> | undefined): Layout {
  const sizes = normalizeSizes(layout?.sizes);
  const collapsed = PANES.filter((p) => layout?.collapsed?.includes(p));
  const maximized = layout?.maximized && PANES.includes(layout.maximized) ? layout.maximized : null;
  if (collapsed.length === PANES.length) collapsed.pop();
  return { sizes, collapsed: maximized ? collapsed.filter((p) => p !== maximized) : collapsed, maximized };
}

/** Whether `pane` may be collapsed now: at least one pane must stay open. */
export function canCollapse(pane: PaneId, collapsed: readonly PaneId[]): boolean {
  return !collapsed.includes(pane) && PANES.filter((p) => !collapsed.includes(p) && p !== pane).length > 0;
}

export function sameLayout(a: Layout, b: Layout): boolean {
  return (
    a.maximized === b.maximized &&
    a.sizes.every((s, i) => Math.abs(s - b.sizes[i]) < 0.05) &&
    a.collapsed.length === b.collapsed.length &&
    a.collapsed.every((p) => b.collapsed.includes(p))
  );
}
