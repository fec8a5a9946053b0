/**
 * What the one-page summary shows, gathered from the contract (not from the panes' state, so it is
 * the same whatever the panes display) and from the screen where only the screen has it (the slide
 * view as drawn, the ctDNA chart as drawn).
 */
import type { FlaggedAnnotation } from '../../shared/model/annotations.js';
import type { CaseSummary } from '../../shared/model/case.js';
import type { CaseNotes } from '../../shared/model/notes.js';
import { variantFlagKey } from '../../shared/model/notes.js';
import { api } from '../api/index.js';
import { chartSvg } from '../panes/ctdna/exportChart.js';
import { TUMOR_BOARD, applyFilters, sortRows, BASE_COLUMNS, toRows, type VariantRow } from '../panes/variants/tableModel.js';

export type SummaryData = {
  variants: VariantRow[];
  /** Whether `variants` are the flagged ones (else the board preset). */
  flagged: boolean;
  variantTotal: number;
  /** Slide annotations flagged for discussion (any slide of the case). */
  annotations: FlaggedAnnotation[];
  notes: CaseNotes | null;
  /** The slide view as a PNG data URL, with its scale bar's label. */
  slide: { image: string; scale: string | null } | null;
  /**
   * The ctDNA chart as drawn (styles inlined), as a data: URL of its SVG: the PNG export copies the
   * page into an image, where only data: URLs travel (connect-src stays 'self').
   */
  chart: { url: string; width: number; height: number } | null;
};

const MAX_VARIANTS = 12;

export async function gatherSummary(summary: CaseSummary): Promise<SummaryData> {
  const tables = await Promise.all(
    summary.variantFileIds.map((fileId) => api.call('variants.table', { fileId }).catch(() => null)),
  );
  const rows = tables.flatMap((table) => (table ? toRows(table) : []));
  // The variants flagged for discussion; without flags, the board's preset (PASS, coding, VAF ≥ 5 %).
  const flagged = new Set((await api.call('flags.get', {}).catch(() => [])).map((f) => f.key));
  const chosen = flagged.size ? rows.filter((r) => flagged.has(variantFlagKey(r))) : applyFilters(rows, TUMOR_BOARD);
  const shown = sortRows(chosen, { column: 'vaf', desc: true }, BASE_COLUMNS);
  const notes = await api.call('notes.get', {}).catch(() => null);
  const annotations = await api.call('annotations.flagged', {}).catch(() => []);
  return {
    variants: shown.slice(0, MAX_VARIANTS),
    flagged: flagged.size > 0,
    variantTotal: shown.length,
    annotations: annotations.slice(0, MAX_VARIANTS),
    notes,
    slide: slideSnapshot(),
    chart: chartCopy(),
  };
}

/** The slide view as drawn, with its scale bar burnt in (a caption alone would not scale with the picture). */
function slideSnapshot(): SummaryData['slide'] {
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=slide-viewer] canvas');
  if (!canvas || canvas.width === 0) return null;
  const scale = document.querySelector('[data-testid=slide-scale-bar] .scale-bar-label')?.textContent ?? null;
  const line = document.querySelector<HTMLElement>('[data-testid=slide-scale-bar] .scale-bar-line');
  try {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    // The annotations as drawn over it (their own canvas, the same size).
    const overlay = document.querySelector<HTMLCanvasElement>('[data-testid=annotation-canvas]');
    if (overlay && overlay.width > 0) context.drawImage(overlay, 0, 0, copy.width, copy.height);
    if (scale && line) {
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const length = line.getBoundingClientRect().width * ratio;
      const x = 16 * ratio;
      const y = copy.height - 18 * ratio;
      context.fillStyle = 'rgba(0, 0, 0, 0.65)';
      context.fillRect(x - 6 * ratio, y - 18 * ratio, length + 12 * ratio, 26 * ratio);
      context.fillStyle = '#fff';
      context.fillRect(x, y, length, 3 * ratio);
      context.font = `${12 * ratio}px system-ui, sans-serif`;
      context.fillText(scale, x, y - 5 * ratio);
    }
    return { image: copy.toDataURL('image/png'), scale };
  } catch {
    return null; // a canvas the page may not read back: no picture rather than a failed summary
  }
}

function chartCopy(): SummaryData['chart'] {
  const root = document.querySelector<HTMLElement>('[data-testid=ctdna-chart]');
  const drawn = root ? chartSvg(root, 'ctDNA') : null;
  if (!drawn) return null;
  return { url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(drawn.svg)}`, width: drawn.width, height: drawn.height };
}
