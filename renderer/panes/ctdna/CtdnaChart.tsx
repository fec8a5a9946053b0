/**
 * ctDNA over time (Observable Plot): MTM/mL on a log scale (or linear), the LOD dashed, detected
 * results filled, not detected hollow at the LOD, indeterminate / QNS as grey diamonds; event lanes
 * under it on the same time axis; a tooltip on hover; a legend. Redraws on pane resize.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { color, eventColor, hex, type SemanticKey } from '../../theme/palette.js';
import { formatDate, formatSig } from '../../util/format.js';
import { STATUS_TEXT, decadeTicks, type ChartModel, type LaneItem, type PlacedPoint } from './chartModel.js';

const MARGIN_LEFT = 92;
const MARGIN_RIGHT = 20;
const LANE_ROW = 22;
const FONT = {
  fontFamily: 'var(--font-ui)',
  fontSize: '11px',
  fontVariantNumeric: 'tabular-nums',
  background: 'transparent',
  overflow: 'visible',
};

type Hover = { x: number; y: number; point?: PlacedPoint; event?: LaneItem };
type Target = { x: number; y: number; w: number; h: number; point?: PlacedPoint; event?: LaneItem };

export function CtdnaChart({ model, scale }: { model: ChartModel; scale: 'log' | 'linear' }) {
  const wrap = useRef<HTMLDivElement>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  const lanesEl = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number }>({ width: 0, height: 0 });
  const [hover, setHover] = useState<Hover | null>(null);
  const targets = useRef<Target[]>([]);

  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const lanesHeight = model.rows.length ? model.rows.length * LANE_ROW + 40 : 0;
  const chartHeight = Math.max(140, size.height - lanesHeight);
  const showLabels = model.points.filter((p) => p.kind === 'detected').length <= 14;

  useEffect(() => {
    const { width } = size;
    if (width < 120 || !chartEl.current) return;
    const detected = model.points.filter((p) => p.kind === 'detected');
    const notDetected = model.points.filter((p) => p.kind === 'notDetected');
    const other = model.points.filter((p) => p.kind === 'notReportable');
    const reportable = model.points.filter((p) => p.kind !== 'notReportable');
    const guides = model.lanes.filter((l) => l.type === 'surgery' || l.type === 'treatment');
    const y =
      scale === 'log'
        ? {
            type: 'log' as const,
            domain: model.yLogDomain,
            ticks: decadeTicks(model.yLogDomain),
            tickFormat: (d: number) => formatSig(d, 2),
          }
        : { type: 'linear' as const, domain: [0, model.yLinearMax], ticks: 5, tickFormat: (d: number) => formatSig(d, 3) };

    const chart = Plot.plot({
      width,
      height: chartHeight,
      marginLeft: MARGIN_LEFT,
      marginRight: MARGIN_RIGHT,
      marginTop: 16,
      marginBottom: lanesHeight ? 8 : 36,
      style: FONT,
      x: { type: 'utc', domain: model.xDomain, axis: lanesHeight ? null : 'bottom', grid: true },
      y: { ...y, grid: true, label: model.unit, labelAnchor: 'top', labelArrow: 'none', tickSize: 0 },
      marks: [
        // When the surgery and treatments happened, faintly, through the chart.
        Plot.ruleX(guides, { x: 't1', stroke: (d: LaneItem) => eventColor[d.type], strokeOpacity: 0.35, strokeDasharray: '2,3' }),
        model.lodSteps.length > 1
          ? Plot.line([...model.lodSteps, { t: model.xDomain[1], lod: model.lodSteps[model.lodSteps.length - 1].lod }], {
              x: 't',
              y: 'lod',
              curve: 'step-after',
              stroke: color.notDetected,
              strokeDasharray: '5,4',
              strokeWidth: 1.2,
            })
          : model.lod
            ? Plot.ruleY([model.lod], { stroke: color.notDetected, strokeDasharray: '5,4', strokeWidth: 1.2 })
            : null,
        Plot.line(reportable, { x: 't', y: 'y', stroke: 'var(--text-faint)', strokeOpacity: 0.55, strokeWidth: 1.2 }),
        Plot.dot(notDetected, { x: 't', y: 'y', r: 4.5, stroke: color.notDetected, strokeWidth: 1.6, fill: 'var(--bg-pane)' }),
        Plot.dot(other, {
          x: 't',
          y: 'y',
          r: 5.5,
          symbol: 'diamond',
          stroke: color.indeterminate,
          strokeWidth: 1.5,
          fill: 'var(--bg-pane)',
        }),
        Plot.dot(detected, { x: 't', y: 'y', r: 4.8, fill: color.detected, stroke: 'var(--bg-pane)', strokeWidth: 1.2 }),
        showLabels
          ? Plot.text(detected, {
              x: 't',
              y: 'y',
              text: (d: PlacedPoint) => formatSig(d.y, 3),
              dy: -11,
              fill: 'var(--text-muted)',
              fontSize: 10,
            })
          : null,
      ],
    });
    chart.setAttribute('data-testid', 'ctdna-plot');
    chartEl.current.replaceChildren(chart);

    const next: Target[] = [];
    const xs = chart.scale('x');
    const ys = chart.scale('y');
    if (xs && ys) {
      for (const p of model.points) next.push({ x: xs.apply(p.t) - 8, y: ys.apply(p.y) - 8, w: 16, h: 16, point: p });
    }

    if (lanesHeight && lanesEl.current) {
      const rowKeys = model.rows.map((r) => r.key);
      const labelOf = new Map(model.rows.map((r) => [r.key, r.label]));
      const x0 = (t: Date) =>
        MARGIN_LEFT +
        ((t.getTime() - model.xDomain[0].getTime()) / (model.xDomain[1].getTime() - model.xDomain[0].getTime())) *
          (width - MARGIN_LEFT - MARGIN_RIGHT);
      const bars = model.lanes.filter((l) => l.t2);
      const ticks = model.lanes.filter((l) => !l.t2);
      const labels = laneLabels(model.lanes, x0, width - MARGIN_RIGHT);
      const barLabel = (l: LaneItem) => labels.get(l)?.inside ?? '';
      const afterLabel = (l: LaneItem) => labels.get(l)?.after ?? '';
      const lanes = Plot.plot({
        width,
        height: lanesHeight,
        marginLeft: MARGIN_LEFT,
        marginRight: MARGIN_RIGHT,
        marginTop: 4,
        marginBottom: 34,
        style: FONT,
        x: { type: 'utc', domain: model.xDomain, grid: true, label: null },
        y: {
          type: 'band',
          domain: rowKeys,
          tickFormat: (k: string) => labelOf.get(k) ?? '',
          tickSize: 0,
          label: null,
          padding: 0.18,
        },
        marks: [
          Plot.barX(bars, { x1: 't1', x2: 't2', y: 'row', fill: (d: LaneItem) => eventColor[d.type], fillOpacity: 0.85, rx: 3 }),
          Plot.dot(
            bars.filter((b) => b.ongoing),
            { x: 't2', y: 'row', symbol: 'triangle2', rotate: 90, r: 4.5, fill: (d: LaneItem) => eventColor[d.type], dx: 4 },
          ),
          Plot.text(bars, {
            x: 't1',
            y: 'row',
            text: barLabel,
            textAnchor: 'start',
            dx: 5,
            fill: 'var(--bg-pane)',
            fontWeight: 600,
            fontSize: 10.5,
          }),
          Plot.text(
            bars.filter((b) => afterLabel(b)),
            {
              x: 't2',
              y: 'row',
              text: afterLabel,
              textAnchor: 'start',
              dx: 4,
              fill: (d: LaneItem) => eventColor[d.type],
              fontSize: 10.5,
            },
          ),
          Plot.tickX(
            ticks.filter((t) => t.lane === 'procedure'),
            { x: 't1', y: 'row', stroke: (d: LaneItem) => eventColor[d.type], strokeWidth: 3 },
          ),
          Plot.dot(
            ticks.filter((t) => t.lane !== 'procedure'),
            { x: 't1', y: 'row', symbol: 'square', r: 4.5, fill: (d: LaneItem) => eventColor[d.type] },
          ),
          Plot.text(
            ticks.filter((t) => afterLabel(t)),
            { x: 't1', y: 'row', text: afterLabel, textAnchor: 'start', dx: 8, fill: 'var(--text-muted)', fontSize: 10.5 },
          ),
        ],
      });
      lanes.setAttribute('data-testid', 'ctdna-lanes');
      lanesEl.current.replaceChildren(lanes);
      const lx = lanes.scale('x');
      const ly = lanes.scale('y');
      if (lx && ly) {
        const bw = ly.bandwidth ?? LANE_ROW;
        for (const l of model.lanes) {
          const x1 = lx.apply(l.t1);
          const x2 = l.t2 ? lx.apply(l.t2) : x1;
          next.push({ x: Math.min(x1, x2) - 5, y: chartHeight + ly.apply(l.row), w: Math.abs(x2 - x1) + 10, h: bw, event: l });
        }
      }
    } else lanesEl.current?.replaceChildren();
    targets.current = next;
  }, [model, scale, size, chartHeight, lanesHeight, showLabels]);

  const onMove = (e: React.PointerEvent) => {
    const box = wrap.current?.getBoundingClientRect();
    if (!box) return;
    const mx = e.clientX - box.left;
    const my = e.clientY - box.top;
    // Points first (nearest within reach), then lane items under the pointer.
    let best: Target | null = null;
    let bestD = 18 * 18;
    for (const t of targets.current) {
      if (!t.point) continue;
      const dx = t.x + t.w / 2 - mx;
      const dy = t.y + t.h / 2 - my;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = t;
      }
    }
    if (!best)
      best = targets.current.find((t) => t.event && mx >= t.x && mx <= t.x + t.w && my >= t.y && my <= t.y + t.h) ?? null;
    setHover(
      best
        ? { x: best.x + best.w / 2, y: best.point ? best.y + best.h / 2 : best.y, point: best.point, event: best.event }
        : null,
    );
  };

  const tip = useMemo(
    () => (hover ? <Tooltip hover={hover} unit={model.unit} width={size.width} /> : null),
    [hover, model.unit, size.width],
  );

  return (
    <div
      className="ctdna-chart"
      ref={wrap}
      data-testid="ctdna-chart"
      onPointerMove={onMove}
      onPointerLeave={() => setHover(null)}
    >
      <div ref={chartEl} className="ctdna-plot" />
      <div ref={lanesEl} className="ctdna-lanes" />
      {hover?.point ? (
        <div className={`hover-ring ${hover.point.kind}`} style={{ left: hover.x, top: hover.y }} aria-hidden="true" />
      ) : null}
      {tip}
    </div>
  );
}

/** The tooltip is dark in both themes: its colours come from the dark palette. */
const KIND_COLOR: Record<PlacedPoint['kind'], SemanticKey> = {
  detected: 'detected',
  notDetected: 'notDetected',
  notReportable: 'indeterminate',
};

const CHAR_PX = 6.1; // average width of a 10.5 px UI-font character

function fit(text: string, px: number): string {
  const max = Math.floor(px / CHAR_PX);
  if (max < 4) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Lane labels that never overlap: a treatment's name inside its bar when it fits, else after the bar
 * if there is room before the next item of its row; an imaging result after its marker, cut to the
 * room before the next marker. What does not fit is in the tooltip.
 */
function laneLabels(
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

function Tooltip({ hover, unit, width }: { hover: Hover; unit: string; width: number }) {
  const left = hover.x > width - 240 ? hover.x - 12 : hover.x + 12;
  const style = { left, top: hover.y, transform: `translate(${hover.x > width - 240 ? '-100%' : '0'}, -50%)` };
  if (hover.point) {
    const p = hover.point;
    return (
      <div className="chart-tooltip" style={style} role="tooltip" data-testid="ctdna-tooltip">
        <div className="tt-date">{formatDate(p.t)}</div>
        <div className="tt-status" style={{ color: hex('dark', KIND_COLOR[p.kind]) }}>
          {STATUS_TEXT[p.status]}
        </div>
        <div className="tt-value tabular">
          {p.kind === 'detected' && p.value !== null ? (
            <>
              <strong>{formatSig(p.value, 3)}</strong> {p.unit || unit}
            </>
          ) : p.kind === 'notDetected' ? (
            <>below LOD{p.lod ? ` (${formatSig(p.lod, 2)} ${p.unit || unit})` : ''}</>
          ) : (
            <>no reportable value</>
          )}
        </div>
        {p.variantsTracked !== undefined || p.variantsDetected !== undefined ? (
          <div className="tt-row tabular">
            Variants detected {p.variantsDetected ?? '—'} / {p.variantsTracked ?? '—'} tracked
          </div>
        ) : null}
        {p.assay ? <div className="tt-row muted">{p.assay}</div> : null}
        {p.reportDate ? <div className="tt-row muted">Reported {formatDate(p.reportDate)}</div> : null}
      </div>
    );
  }
  const ev = hover.event!;
  return (
    <div
      className="chart-tooltip"
      style={{ ...style, transform: `translate(${hover.x > width - 240 ? '-100%' : '0'}, -100%)` }}
      role="tooltip"
    >
      <div className="tt-date">
        {formatDate(ev.t1)}
        {ev.t2 && ev.lane === 'treatment' ? ` → ${ev.ongoing ? 'ongoing' : formatDate(ev.t2)}` : ''}
      </div>
      <div className="tt-status" style={{ color: hex('dark', ev.type) }}>
        {ev.type.charAt(0).toUpperCase() + ev.type.slice(1)}
      </div>
      <div className="tt-value">{ev.label}</div>
      {ev.result ? <div className="tt-row">Result: {ev.result}</div> : null}
    </div>
  );
}
