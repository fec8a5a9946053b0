/**
 * The edge between the variant table and the genome view: drag it (or focus it and use ↑/↓) to give
 * the genome view more or less of the pane. The height is kept in the case's session.
 */
import { useRef, type PointerEvent as ReactPointerEvent } from 'react';

export const GENOME_VIEW_HEIGHT = { min: 140, initial: 270, step: 40 };

export function GenomeViewResizer({
  height,
  maxHeight,
  onResize,
  onResizeEnd,
}: {
  height: number;
  /** The most the pane can give the view (the table keeps a few rows). */
  maxHeight: () => number;
  onResize(height: number): void;
  onResizeEnd(height: number): void;
}) {
  const drag = useRef<{ startY: number; startHeight: number; last: number } | null>(null);
  const clamp = (h: number) =>
    Math.round(Math.min(Math.max(h, GENOME_VIEW_HEIGHT.min), Math.max(GENOME_VIEW_HEIGHT.min, maxHeight())));

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startHeight: height, last: height };
    e.preventDefault();
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    // Dragging up gives the genome view more room.
    d.last = clamp(d.startHeight + (d.startY - e.clientY));
    onResize(d.last);
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (d && d.last !== d.startHeight) onResizeEnd(d.last);
  };

  return (
    <div
      className="gv-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the genome view"
      aria-valuenow={height}
      aria-valuemin={GENOME_VIEW_HEIGHT.min}
      tabIndex={0}
      data-testid="genome-view-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        const next = clamp(height + (e.key === 'ArrowUp' ? GENOME_VIEW_HEIGHT.step : -GENOME_VIEW_HEIGHT.step));
        onResize(next);
        onResizeEnd(next);
      }}
    />
  );
}
