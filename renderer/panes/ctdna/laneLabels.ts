/** Where the event lanes' labels go, so that they never overlap. */
import type { LaneItem } from './chartModel.js';

export const CHAR_PX = 6.1; // average width of a 10.5 px UI-font character

export function fit(text: string, px: number): string {
  const max = Math.floor(px / CHAR_PX);
  if (max < 4) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Lane labels that never overlap: a treatment's name inside its bar when it fits, else after the bar
 * if there is room before the next item of its row; an imaging result after its marker, cut to the
 * room before the next marker. What does not fit is in the tooltip.
 */
export function laneLabels(
  items: LaneItem[],
  x: (t: Date) => number,
  right: number,
): Map<LaneItem, { inside?: string; after?: string }> {
  const out = new Map<LaneItem, { inside?: string; after?: string }>();
  const byRow = new Map<string, LaneItem[]>();
  for (const l of items) byRow.set(l.row, [...(byRow.get(l.row) ?? []), l]);
  for (const row of byRow.values()) {
    row.sort((a, b) => a.t1.getTime() - b.t1.getTime());
    row.forEach((l, i) => {
      const next = row[i + 1];
      const limit = next ? x(next.t1) - 6 : right;
      if (l.t2) {
        const inside = fit(l.label, x(l.t2) - x(l.t1) - 10);
        const after = inside ? '' : fit(l.label, limit - x(l.t2) - 6);
        out.set(l, { inside, after });
      } else if (l.lane === 'imaging' || l.lane === 'other') {
        out.set(l, { after: fit(l.result ?? '', limit - x(l.t1) - 10) });
      }
    });
  }
  return out;
}
