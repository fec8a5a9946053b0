/** The ruler's segment, its length and its hint, over the slide. */
import { formatMeasurement, measureUm } from './scale.js';
import type { Measure, Point } from './useRuler.js';

export function RulerOverlay({
  ruler,
  measure,
  mppX,
  mppY,
  toScreen,
}: {
  ruler: boolean;
  measure: Measure | null;
  mppX: number | undefined;
  mppY: number | undefined;
  toScreen(p: Point): Point | null;
}) {
  const a = measure ? toScreen(measure.a) : null;
  const b = measure ? toScreen(measure.b) : null;
  const measured = measure && mppX ? measureUm(measure.a, measure.b, mppX, mppY) : null;
  return (
    <>
      {a && b ? (
        <svg className="ruler-overlay" aria-hidden>
          <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="ruler-line-halo" />
          <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="ruler-line" />
          <circle cx={a.x} cy={a.y} r={3.5} className="ruler-end" />
          <circle cx={b.x} cy={b.y} r={3.5} className="ruler-end" />
        </svg>
      ) : null}
      {measured !== null && a && b ? (
        <div
          className="ruler-readout tabular"
          style={{ left: (a.x + b.x) / 2, top: (a.y + b.y) / 2 }}
          data-testid="slide-ruler-readout"
          data-um={measured.toFixed(3)}
        >
          {formatMeasurement(measured)}
        </div>
      ) : null}
      {ruler && !measure ? (
        <div className="ruler-hint" data-testid="slide-ruler-hint">
          Drag on the slide to measure · Esc cancels · M leaves the ruler
        </div>
      ) : null}
    </>
  );
}
