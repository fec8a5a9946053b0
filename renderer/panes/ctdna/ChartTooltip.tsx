/** The chart's tooltip: a result, a VAF of a tracked variant, a specimen or an event, in words. */
import { hex, type SemanticKey } from '../../theme/palette.js';
import { formatSig } from '../../util/format.js';
import {
  STATUS_TEXT,
  pointContext,
  type ChartModel,
  type LaneItem,
  type PlacedPoint,
  type SpecimenMark,
  type VariantPoint,
} from './chartModel.js';
import type { TimeAxis } from './timeAxis.js';

/** What is under the pointer, and where (px in the chart). */
export type Hover = {
  point?: PlacedPoint;
  event?: LaneItem;
  specimen?: SpecimenMark;
  variant?: VariantPoint;
  x: number;
  y: number;
};

/** The tooltip is dark in both themes: its colours come from the dark palette. */
const KIND_COLOR: Record<PlacedPoint['kind'], SemanticKey> = {
  detected: 'detected',
  notDetected: 'notDetected',
  notReportable: 'indeterminate',
};

function foldText(ratio: number): string {
  return ratio >= 1 ? `↑ ${formatSig(ratio, 2)}×` : `↓ ${formatSig(1 / ratio, 2)}×`;
}

export function Tooltip({
  hover,
  model,
  axis,
  width,
  height,
}: {
  hover: Hover;
  model: ChartModel;
  axis: TimeAxis;
  width: number;
  height: number;
}) {
  const flip = hover.x > width - 250;
  const top = Math.max(120, Math.min(hover.y, height - 120));
  const style = { left: flip ? hover.x - 12 : hover.x + 12, top, transform: `translate(${flip ? '-100%' : '0'}, -50%)` };
  const unit = model.unit;
  if (hover.point) {
    const p = hover.point;
    const { lastEvent, fold } = pointContext(model, p);
    return (
      <div className="chart-tooltip" style={style} role="tooltip" data-testid="ctdna-tooltip">
        <div className="tt-date">{axis.describe(p.t)}</div>
        <div className="tt-status" style={{ color: hex('dark', KIND_COLOR[p.kind]) }}>
          {STATUS_TEXT[p.status]}
          {p.qualified ? <span className="tt-flag"> · qualified</span> : null}
        </div>
        <div className="tt-value tabular">
          {p.kind === 'detected' && p.value !== null ? (
            <>
              <strong>
                {p.comparator && p.comparator !== '=' ? `${p.comparator} ` : ''}
                {formatSig(p.value, 3)}
              </strong>{' '}
              {p.unit || unit}
            </>
          ) : p.kind === 'notDetected' ? (
            <>below LOD{p.lod ? ` (< ${formatSig(p.lod, 2)} ${p.unit || unit})` : ''}</>
          ) : (
            <>no reportable value</>
          )}
        </div>
        {p.variantsTracked !== undefined || p.variantsDetected !== undefined ? (
          <div className="tt-row tabular">
            Variants detected {p.variantsDetected ?? '—'} of {p.variantsTracked ?? '—'} tracked
          </div>
        ) : null}
        {fold ? (
          <div className="tt-row tabular">
            {foldText(fold.ratio)} from {formatSig(fold.from.value ?? 0, 3)} ({axis.describe(fold.from.t)})
          </div>
        ) : null}
        {lastEvent ? (
          <div className="tt-row tabular">
            {lastEvent.days} day{lastEvent.days === 1 ? '' : 's'} after {lastEvent.label}
          </div>
        ) : null}
        {p.assay ? (
          <div className="tt-row muted">
            {p.assay}
            {p.vendor ? ` · ${p.vendor}` : ''}
          </div>
        ) : null}
        {p.specimenId || p.reportDate ? (
          <div className="tt-row muted">
            {p.specimenId ? `Specimen ${p.specimenId}` : ''}
            {p.specimenId && p.reportDate ? ' · ' : ''}
            {p.reportDate ? `reported ${p.reportDate}` : ''}
          </div>
        ) : null}
      </div>
    );
  }
  if (hover.variant) {
    const v = hover.variant;
    return (
      <div className="chart-tooltip" style={style} role="tooltip">
        <div className="tt-date">{axis.describe(v.t)}</div>
        <div className="tt-value">
          <strong>{v.gene}</strong> {v.proteinChange ?? ''}
        </div>
        <div className="tt-status" style={{ color: hex('dark', v.status === 'DETECTED' ? 'detected' : 'notDetected') }}>
          {v.status === 'DETECTED' ? `VAF ${formatSig((v.vaf ?? 0) * 100, 2)}%` : 'Not detected'}
        </div>
      </div>
    );
  }
  if (hover.specimen) {
    const s = hover.specimen;
    return (
      <div className="chart-tooltip" style={{ ...style, transform: `translate(${flip ? '-100%' : '0'}, -100%)` }} role="tooltip">
        <div className="tt-date">{axis.describe(s.t)}</div>
        <div className="tt-status">Specimen {s.id}</div>
        <div className="tt-value">{s.label}</div>
        {s.sampleId ? <div className="tt-row">Sample {s.sampleId}</div> : null}
        <div className="tt-row muted">Click to select it for the other panes</div>
      </div>
    );
  }
  const ev = hover.event!;
  return (
    <div className="chart-tooltip" style={{ ...style, transform: `translate(${flip ? '-100%' : '0'}, -100%)` }} role="tooltip">
      <div className="tt-date">
        {axis.describe(ev.t1)}
        {ev.t2 && ev.lane === 'treatment' ? ` → ${ev.ongoing ? 'ongoing' : axis.describe(ev.t2)}` : ''}
      </div>
      <div className="tt-status" style={{ color: hex('dark', ev.type) }}>
        {ev.type.charAt(0).toUpperCase() + ev.type.slice(1)}
      </div>
      <div className="tt-value">{ev.label}</div>
      {ev.result ? <div className="tt-row">Result: {ev.result}</div> : null}
      {model.leadTime?.to === ev ? (
        <div className="tt-row">
          ctDNA positive {model.leadTime.days} days earlier ({axis.describe(model.leadTime.from.t)})
        </div>
      ) : null}
    </div>
  );
}
