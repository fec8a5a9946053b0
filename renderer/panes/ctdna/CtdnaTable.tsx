/**
 * The chart's data as tables — results, then events — for reading aloud and for screen readers:
 * real <table>s with captions and header cells. A row click selects the timepoint, as in the chart.
 */
import { formatSig } from '../../util/format.js';
import { STATUS_TEXT, pointContext, type ChartModel } from './chartModel.js';
import { ctdnaSelection, useCtdnaSelection } from './selection.js';
import type { TimeAxis } from './timeAxis.js';

export function CtdnaTable({ model, axis }: { model: ChartModel; axis: TimeAxis }) {
  const selection = useCtdnaSelection();
  const hasVariants = model.points.some((p) => p.variantsTracked !== undefined || p.variantsDetected !== undefined);
  const vafKeys = model.variants.map((t) => t.key);
  return (
    <div className="ctdna-table-wrap" data-testid="ctdna-table">
      <table className="ctdna-table">
        <caption>
          ctDNA results: {model.points.length} draws, values in {model.unit}
          {model.lod ? `, limit of detection ${formatSig(model.lod, 2)}` : ''}
          {model.leadTime ? `. Molecular lead time ${model.leadTime.days} days before ${model.leadTime.to.label}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              LOD
            </th>
            {hasVariants ? (
              <th scope="col" className="num">
                Variants
              </th>
            ) : null}
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col">Since last event</th>
            <th scope="col">Specimen</th>
            {vafKeys.map((k) => (
              <th scope="col" className="num" key={k}>
                VAF {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.points.map((p) => {
            const { lastEvent, fold } = pointContext(model, p);
            const selected = selection?.kind === 'timepoint' && (p.date ? selection.date === p.date : selection.day === p.day);
            return (
              <tr
                key={`${p.date}-${p.day ?? ''}-${p.specimenId ?? ''}`}
                className={selected ? 'selected' : undefined}
                aria-selected={selected}
                onClick={() =>
                  ctdnaSelection.set({
                    kind: 'timepoint',
                    date: p.date,
                    ...(p.day !== undefined ? { day: p.day } : {}),
                    ...(p.specimenId ? { specimenId: p.specimenId } : {}),
                  })
                }
              >
                <th scope="row" className="tabular">
                  {axis.describe(p.t)}
                </th>
                <td>
                  <span className={`status-chip ${p.kind}`}>{STATUS_TEXT[p.status]}</span>
                  {p.qualified ? <span className="muted"> qualified</span> : null}
                </td>
                <td className="num">
                  {p.kind === 'detected' && p.value !== null
                    ? `${p.comparator && p.comparator !== '=' ? p.comparator : ''}${formatSig(p.value, 3)}`
                    : p.kind === 'notDetected'
                      ? '<LOD'
                      : '—'}
                </td>
                <td className="num">{p.lod !== undefined ? formatSig(p.lod, 2) : '—'}</td>
                {hasVariants ? (
                  <td className="num">
                    {p.variantsDetected ?? '—'} / {p.variantsTracked ?? '—'}
                  </td>
                ) : null}
                <td className="num">
                  {fold ? (fold.ratio >= 1 ? `↑ ${formatSig(fold.ratio, 2)}×` : `↓ ${formatSig(1 / fold.ratio, 2)}×`) : '—'}
                </td>
                <td>{lastEvent ? `${lastEvent.days} d after ${lastEvent.label}` : '—'}</td>
                <td className="mono">{p.specimenId ?? '—'}</td>
                {model.variants.map((track) => {
                  const v = track.points.find((q) => q.t.getTime() === p.t.getTime());
                  return (
                    <td className="num" key={track.key}>
                      {!v ? '—' : v.status === 'DETECTED' ? `${formatSig((v.vaf ?? 0) * 100, 2)}%` : 'ND'}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {model.lanes.length ? (
        <table className="ctdna-table">
          <caption>Treatments, procedures and imaging: {model.lanes.length} events</caption>
          <thead>
            <tr>
              <th scope="col">Start</th>
              <th scope="col">End</th>
              <th scope="col">Kind</th>
              <th scope="col">Event</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {model.lanes.map((e, i) => (
              <tr key={i}>
                <th scope="row" className="tabular">
                  {axis.describe(e.t1)}
                </th>
                <td className="tabular">
                  {e.lane === 'treatment' ? (e.ongoing ? 'ongoing' : e.t2 ? axis.describe(e.t2) : '—') : '—'}
                </td>
                <td>{e.type}</td>
                <td>
                  {e.label}
                  {e.specimenId ? <span className="muted"> (specimen {e.specimenId})</span> : null}
                </td>
                <td>{e.result ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
