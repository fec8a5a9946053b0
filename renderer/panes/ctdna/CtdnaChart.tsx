/**
 * ctDNA over time (Observable Plot): the value on a log scale (or linear), the LOD dashed and named,
 * detected results filled, not detected hollow at the LOD with "<LOD", indeterminate / QNS as grey
 * diamonds apart at the foot of the chart, qualified results ringed; the molecular lead time shaded;
 * optional per-variant VAF tracks; event lanes and specimens under it on the same time axis; a
 * tooltip on hover; click (or arrow keys) selects a timepoint or a specimen. Redraws on resize.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useLinkedSelection } from '../../selection/selectionStore.js';
import { color, eventColor } from '../../theme/palette.js';
import { formatSig } from '../../util/format.js';
import {
  decadeTicks,
  type ChartModel,
  type LaneItem,
  type PlacedPoint,
  type SpecimenMark,
  type VariantPoint,
} from './chartModel.js';
import { Tooltip, type Hover } from './ChartTooltip.js';
import { CHAR_PX, fit, laneLabels } from './laneLabels.js';
import { ctdnaSelection, useCtdnaSelection } from './selection.js';
import type { TimeAxis } from './timeAxis.js';

const MARGIN_LEFT = 100;
const MARGIN_RIGHT = 56;
const LANE_ROW = 22;
const TRACK_ROW = 30;
const FONT = {
  fontFamily: 'var(--font-ui)',
  fontSize: '11px',
  fontVariantNumeric: 'tabular-nums',
  background: 'transparent',
  overflow: 'visible',
};
const SPECIMEN_ROW = 'specimen#0';
const NO_TRACKS: ChartModel['variants'] = [];

type Hit = { point?: PlacedPoint; event?: LaneItem; specimen?: SpecimenMark; variant?: VariantPoint };
type Target = Hit & { x: number; y: number; w: number; h: number };

export type ChartOptions = {
  scale: 'log' | 'linear';
  axis: TimeAxis;
  showVariants: boolean;
  /** The slides and variant files of each case specimen, handed on with a specimen selection. */
  specimenLinks?: Map<string, { slideIds: string[]; variantFileIds: string[] }>;
};

export function CtdnaChart({ model, options }: { model: ChartModel; options: ChartOptions }) {
  const { scale, axis, showVariants } = options;
  const wrap = useRef<HTMLDivElement>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  const variantsEl = useRef<HTMLDivElement>(null);
  const lanesEl = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number }>({ width: 0, height: 0 });
  const [hover, setHover] = useState<Hover | null>(null);
  const [selectedAt, setSelectedAt] = useState<{ x: number; y: number } | null>(null);
  const targets = useRef<Target[]>([]);
  const selection = useCtdnaSelection();
  // Linking: the variant chosen in the variants pane, when the chart tracks it.
  const linkedKey = useLinkedSelection('ctdna')?.variantKey;
  const [linkedAt, setLinkedAt] = useState<{ top: number; height: number; key: string } | null>(null);

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

  const rows = useMemo(
    () => [...model.rows, ...(model.specimens.length ? [{ key: SPECIMEN_ROW, label: 'Specimens' }] : [])],
    [model],
  );
  const lanesHeight = rows.length ? rows.length * LANE_ROW + (axis.label ? 52 : 38) : 0;
  const tracks = showVariants ? model.variants : NO_TRACKS;
  const linkedTrack = linkedKey ? (tracks.find((t) => t.key === linkedKey || t.gene === linkedKey) ?? null) : null;
  const variantsHeight = tracks.length ? tracks.length * TRACK_ROW + 22 : 0;
  const chartHeight = Math.max(150, size.height - lanesHeight - variantsHeight);
  const showLabels = model.points.filter((p) => p.kind === 'detected').length <= 14;
  const selectedPoint =
    selection?.kind === 'timepoint' ? (model.points.find((p) => sameTime(p, selection.date, selection.day)) ?? null) : null;
  const selectedSpecimen = selection?.kind === 'specimen' ? (model.specimens.find((s) => s.id === selection.id) ?? null) : null;

  useEffect(() => {
    const { width } = size;
    if (width < 120 || !chartEl.current) return;
    const X = axis.xOf;
    const x = (d: { t: Date }) => X(d.t);
    const detected = model.points.filter((p) => p.kind === 'detected');
    const notDetected = model.points.filter((p) => p.kind === 'notDetected');
    const reportable = model.points.filter((p) => p.kind !== 'notReportable');
    const qualified = model.points.filter((p) => p.qualified);
    const guides = model.lanes.filter((l) => l.type === 'surgery' || l.type === 'treatment');
    const yFloor = scale === 'log' ? model.yLogDomain[0] * 1.7 : model.yLinearMax * 0.025;
    const yTop = scale === 'log' ? model.yLogDomain[1] : model.yLinearMax;
    const other = model.points.filter((p) => p.kind === 'notReportable').map((p) => ({ ...p, y: yFloor }));
    const y =
      scale === 'log'
        ? {
            type: 'log' as const,
            domain: model.yLogDomain,
            ticks: decadeTicks(model.yLogDomain),
            tickFormat: (d: number) => formatSig(d, 2),
          }
        : { type: 'linear' as const, domain: [0, model.yLinearMax], ticks: 5, tickFormat: (d: number) => formatSig(d, 3) };
    const xScale = { type: axis.type, domain: axis.domain, grid: true } as const;
    const lead = model.leadTime;
    const [d0, d1] = axis.domain.map(Number);
    const pxOf = (t: Date) => MARGIN_LEFT + ((Number(X(t)) - d0) / (d1 - d0)) * (width - MARGIN_LEFT - MARGIN_RIGHT);
    let lastLabel = -Infinity;
    const ndLabelled = notDetected.filter((p) => {
      const px = pxOf(p.t);
      if (px - lastLabel < 34) return false;
      lastLabel = px;
      return true;
    });
    const lodEnd = model.lodSteps.length ? model.lodSteps[model.lodSteps.length - 1].lod : model.lod;

    const chart = Plot.plot({
      width,
      height: chartHeight,
      marginLeft: MARGIN_LEFT,
      marginRight: MARGIN_RIGHT,
      marginTop: 22,
      marginBottom: lanesHeight || variantsHeight ? 8 : 36,
      style: FONT,
      x: { ...xScale, axis: lanesHeight || variantsHeight ? null : 'bottom', label: axis.label },
      y: { ...y, grid: true, label: model.unit, labelAnchor: 'top', labelArrow: 'none', tickSize: 0 },
      marks: [
        // The molecular lead time: from the return of ctDNA to the imaging that showed recurrence.
        lead
          ? Plot.rectX([lead], {
              x1: (d: typeof lead) => X(d.from.t),
              x2: (d: typeof lead) => X(d.to.t1),
              fill: color.detected,
              fillOpacity: 0.09,
              className: 'ctdna-lead-interval',
            })
          : null,
        lead
          ? Plot.arrow([lead], {
              x1: (d: typeof lead) => X(d.from.t),
              x2: (d: typeof lead) => X(d.to.t1),
              y1: yTop,
              y2: yTop,
              stroke: color.detected,
              strokeWidth: 1.2,
              headLength: 6,
              dy: 6,
              bend: 0,
            })
          : null,
        lead
          ? Plot.text([lead], {
              x: (d: typeof lead) => X(d.to.t1),
              y: yTop,
              text: (d: typeof lead) => `Molecular lead time ${d.days} days`,
              textAnchor: 'end',
              dy: -6,
              dx: -2,
              fill: color.detected,
              fontWeight: 600,
              fontSize: 10.5,
              className: 'ctdna-lead-label',
            })
          : null,
        // When the surgery and treatments happened, faintly, through the chart.
        Plot.ruleX(guides, {
          x: (d: LaneItem) => X(d.t1),
          stroke: (d: LaneItem) => eventColor[d.type],
          strokeOpacity: 0.35,
          strokeDasharray: '2,3',
        }),
        selectedPoint || selectedSpecimen
          ? Plot.ruleX([selectedPoint?.t ?? selectedSpecimen!.t], {
              x: (t: Date) => X(t),
              stroke: color.accent,
              strokeWidth: 1.2,
              strokeOpacity: 0.8,
            })
          : null,
        model.lodSteps.length > 1
          ? Plot.line([...model.lodSteps, { t: model.xDomain[1], lod: model.lodSteps[model.lodSteps.length - 1].lod }], {
              x,
              y: 'lod',
              curve: 'step-after',
              stroke: color.notDetected,
              strokeDasharray: '5,4',
              strokeWidth: 1.2,
              className: 'ctdna-lod',
            })
          : model.lod
            ? Plot.ruleY([model.lod], {
                stroke: color.notDetected,
                strokeDasharray: '5,4',
                strokeWidth: 1.2,
                className: 'ctdna-lod',
              })
            : null,
        lodEnd
          ? Plot.text([lodEnd], {
              x: () => X(model.xDomain[1]),
              y: (d: number) => d,
              text: (d: number) => `LOD ${formatSig(d, 2)}`,
              textAnchor: 'start',
              dx: 4,
              fill: color.notDetected,
              fontSize: 10,
              className: 'ctdna-lod-label',
            })
          : null,
        Plot.line(reportable, { x, y: 'y', stroke: 'var(--text-faint)', strokeOpacity: 0.55, strokeWidth: 1.2 }),
        Plot.dot(qualified, {
          x,
          y: (d: PlacedPoint) => (d.kind === 'notReportable' ? yFloor : d.y),
          r: 8.5,
          stroke: 'var(--text-muted)',
          strokeDasharray: '2,2',
          fill: 'none',
          className: 'ctdna-qualified',
        }),
        Plot.dot(notDetected, { x, y: 'y', r: 4.5, stroke: color.notDetected, strokeWidth: 1.6, fill: 'var(--bg-pane)' }),
        Plot.text(ndLabelled, { x, y: 'y', text: () => '<LOD', dy: 13, fill: color.notDetected, fontSize: 9.5 }),
        Plot.dot(other, {
          x,
          y: 'y',
          r: 5.5,
          symbol: 'diamond',
          stroke: color.indeterminate,
          strokeWidth: 1.5,
          fill: 'var(--bg-pane)',
        }),
        Plot.text(other, {
          x,
          y: 'y',
          text: (d: PlacedPoint) => (d.status === 'QNS' ? 'QNS' : 'IND'),
          dy: -11,
          fill: color.indeterminate,
          fontSize: 9.5,
        }),
        Plot.dot(detected, { x, y: 'y', r: 4.8, fill: color.detected, stroke: 'var(--bg-pane)', strokeWidth: 1.2 }),
        showLabels
          ? Plot.text(detected, {
              x,
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
    chart.querySelector('.ctdna-lead-label text')?.setAttribute('data-testid', 'ctdna-lead-time');
    chart.querySelector('.ctdna-lod-label text')?.setAttribute('data-testid', 'ctdna-lod');
    chartEl.current.replaceChildren(chart);

    const next: Target[] = [];
    const xs = chart.scale('x');
    const ys = chart.scale('y');
    if (xs && ys) {
      for (const p of model.points) {
        const py = p.kind === 'notReportable' ? yFloor : p.y;
        next.push({ x: xs.apply(X(p.t)) - 8, y: ys.apply(py) - 8, w: 16, h: 16, point: p });
      }
      const sel = selectedPoint;
      const at = sel ? { x: xs.apply(X(sel.t)), y: ys.apply(sel.kind === 'notReportable' ? yFloor : sel.y) } : null;
      setSelectedAt((old) => (old?.x === at?.x && old?.y === at?.y ? old : at));
    }

    // Per-variant VAF tracks, small multiples on the same time axis.
    if (tracks.length && variantsEl.current) {
      const all = tracks.flatMap((t) => t.points);
      const hi = Math.max(...all.map((p) => p.y));
      const vaf = Plot.plot({
        width,
        height: variantsHeight,
        marginLeft: MARGIN_LEFT,
        marginRight: MARGIN_RIGHT,
        marginTop: 18,
        marginBottom: 4,
        style: FONT,
        x: { ...xScale, axis: null },
        y: { type: 'log', domain: [tracks[0].floor * 0.6, hi * 1.6], axis: null },
        fy: { domain: tracks.map((t) => t.key), axis: 'left', label: null, tickSize: 0, padding: 0.12 },
        marks: [
          Plot.frame({ stroke: 'var(--border)', strokeOpacity: 0.6 }),
          Plot.text(['VAF per tracked variant (log scale)'], {
            frameAnchor: 'top-left',
            dy: -13,
            fill: 'var(--text-muted)',
            fontSize: 10.5,
            fy: () => tracks[0].key,
          }),
          Plot.line(all, { x, y: 'y', fy: 'key', stroke: 'var(--text-faint)', strokeOpacity: 0.6 }),
          ...(linkedTrack
            ? [Plot.line(linkedTrack.points, { x, y: 'y', fy: 'key', stroke: 'var(--c-accent)', strokeWidth: 2.2 })]
            : []),
          Plot.dot(
            all.filter((p) => p.status !== 'DETECTED'),
            { x, y: 'y', fy: 'key', r: 2.8, stroke: color.notDetected, fill: 'var(--bg-pane)', strokeWidth: 1.3 },
          ),
          Plot.dot(
            all.filter((p) => p.status === 'DETECTED'),
            { x, y: 'y', fy: 'key', r: 3, fill: color.detected },
          ),
          Plot.text(
            tracks.map((t) => t.points[t.points.length - 1]).filter((p) => p.status === 'DETECTED'),
            {
              x,
              y: 'y',
              fy: 'key',
              text: (p: VariantPoint) => `${formatSig((p.vaf ?? 0) * 100, 2)}%`,
              dx: 6,
              textAnchor: 'start',
              fill: 'var(--text-muted)',
              fontSize: 9.5,
            },
          ),
        ],
      });
      vaf.setAttribute('data-testid', 'ctdna-variants');
      variantsEl.current.replaceChildren(vaf);
      const vx = vaf.scale('x');
      const vy = vaf.scale('y');
      const fy = vaf.scale('fy');
      const band = fy as { apply(v: unknown): number; bandwidth?: number } | undefined;
      const at =
        linkedTrack && band ? { top: chartHeight + band.apply(linkedTrack.key), height: band.bandwidth ?? TRACK_ROW } : null;
      setLinkedAt((old) =>
        old?.top === at?.top && old?.height === at?.height && old?.key === linkedTrack?.key
          ? old
          : at && linkedTrack
            ? { ...at, key: linkedTrack.key }
            : null,
      );
      if (vx && vy && fy) {
        for (const p of all) {
          const top = chartHeight + fy.apply(p.key);
          next.push({ x: vx.apply(X(p.t)) - 6, y: top + vy.apply(p.y) - 6, w: 12, h: 12, variant: p });
        }
      }
    } else {
      variantsEl.current?.replaceChildren();
      setLinkedAt(null);
    }

    if (lanesHeight && lanesEl.current) {
      const rowKeys = rows.map((r) => r.key);
      const labelOf = new Map(rows.map((r) => [r.key, r.label]));
      const lx0 = pxOf;
      const bars = model.lanes.filter((l) => l.t2);
      const ticks = model.lanes.filter((l) => !l.t2);
      const labels = laneLabels(model.lanes, lx0, width - MARGIN_RIGHT);
      const barLabel = (l: LaneItem) => labels.get(l)?.inside ?? '';
      const afterLabel = (l: LaneItem) => labels.get(l)?.after ?? '';
      const specimens = model.specimens.map((s, i) => {
        const next = model.specimens[i + 1];
        const room = (next ? pxOf(next.t) : width - MARGIN_RIGHT + 40) - pxOf(s.t) - 14;
        return { ...s, row: SPECIMEN_ROW, text: fit(s.id, room) };
      });
      const lanes = Plot.plot({
        width,
        height: lanesHeight,
        marginLeft: MARGIN_LEFT,
        marginRight: MARGIN_RIGHT,
        marginTop: 4,
        marginBottom: axis.label ? 48 : 34,
        style: FONT,
        x: { ...xScale, label: axis.label, labelAnchor: 'center', labelArrow: 'none' },
        y: {
          type: 'band',
          domain: rowKeys,
          tickFormat: (k: string) => labelOf.get(k) ?? '',
          tickSize: 0,
          label: null,
          padding: 0.18,
        },
        marks: [
          Plot.barX(bars, {
            x1: (d: LaneItem) => X(d.t1),
            x2: (d: LaneItem) => X(d.t2!),
            y: 'row',
            fill: (d: LaneItem) => eventColor[d.type],
            fillOpacity: 0.85,
            rx: 3,
          }),
          Plot.dot(
            bars.filter((b) => b.ongoing),
            {
              x: (d: LaneItem) => X(d.t2!),
              y: 'row',
              symbol: 'triangle2',
              rotate: 90,
              r: 4.5,
              fill: (d: LaneItem) => eventColor[d.type],
              dx: 4,
            },
          ),
          Plot.text(bars, {
            x: (d: LaneItem) => X(d.t1),
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
              x: (d: LaneItem) => X(d.t2!),
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
            { x: (d: LaneItem) => X(d.t1), y: 'row', stroke: (d: LaneItem) => eventColor[d.type], strokeWidth: 3 },
          ),
          Plot.dot(
            ticks.filter((t) => t.lane !== 'procedure'),
            {
              x: (d: LaneItem) => X(d.t1),
              y: 'row',
              symbol: 'square',
              r: 4.5,
              fill: (d: LaneItem) => (d.lane === 'imaging' && d === lead?.to ? color.detected : eventColor[d.type]),
            },
          ),
          Plot.text(
            ticks.filter((t) => afterLabel(t)),
            {
              x: (d: LaneItem) => X(d.t1),
              y: 'row',
              text: afterLabel,
              textAnchor: 'start',
              dx: 8,
              fill: 'var(--text-muted)',
              fontSize: 10.5,
            },
          ),
          Plot.dot(specimens, {
            x,
            y: 'row',
            symbol: 'triangle',
            r: 5,
            fill: (d: SpecimenMark) => (d.id === selectedSpecimen?.id ? color.accent : 'var(--text-muted)'),
            stroke: (d: SpecimenMark) => (d.id === selectedSpecimen?.id ? color.accent : 'none'),
            strokeWidth: 3,
          }),
          Plot.text(specimens, {
            x,
            y: 'row',
            text: 'text',
            textAnchor: 'start',
            dx: 8,
            fill: 'var(--text-muted)',
            fontSize: 10,
          }),
        ],
      });
      lanes.setAttribute('data-testid', 'ctdna-lanes');
      lanesEl.current.replaceChildren(lanes);
      const lx = lanes.scale('x');
      const ly = lanes.scale('y');
      if (lx && ly) {
        const bw = ly.bandwidth ?? LANE_ROW;
        const top = chartHeight + variantsHeight;
        for (const l of model.lanes) {
          const x1 = lx.apply(X(l.t1));
          const x2 = l.t2 ? lx.apply(X(l.t2)) : x1;
          next.push({ x: Math.min(x1, x2) - 5, y: top + ly.apply(l.row), w: Math.abs(x2 - x1) + 10, h: bw, event: l });
        }
        for (const s of specimens) {
          const w = 16 + CHAR_PX * s.text.length;
          next.push({
            x: lx.apply(X(s.t)) - 8,
            y: top + ly.apply(SPECIMEN_ROW),
            w,
            h: bw,
            specimen: model.specimens.find((m) => m.id === s.id),
          });
        }
      }
    } else lanesEl.current?.replaceChildren();
    targets.current = next;
  }, [
    model,
    scale,
    axis,
    size,
    chartHeight,
    lanesHeight,
    variantsHeight,
    tracks,
    rows,
    showLabels,
    selectedPoint,
    selectedSpecimen,
    linkedTrack,
  ]);

  const hitAt = (mx: number, my: number): Target | null => {
    // Points first (nearest within reach), then lane items and specimens under the pointer.
    let best: Target | null = null;
    let bestD = 18 * 18;
    for (const t of targets.current) {
      if (!t.point && !t.variant) continue;
      const dx = t.x + t.w / 2 - mx;
      const dy = t.y + t.h / 2 - my;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = t;
      }
    }
    if (best) return best;
    // Lane items and specimens under the pointer: the one that starts nearest to it.
    const under = targets.current.filter(
      (t) => (t.specimen || t.event) && mx >= t.x && mx <= t.x + t.w && my >= t.y && my <= t.y + t.h,
    );
    under.sort((a, b) => Math.abs(mx - a.x) - Math.abs(mx - b.x));
    return under[0] ?? null;
  };
  const local = (e: { clientX: number; clientY: number }): { mx: number; my: number } | null => {
    const box = wrap.current?.getBoundingClientRect();
    return box ? { mx: e.clientX - box.left, my: e.clientY - box.top } : null;
  };
  const onMove = (e: PointerEvent) => {
    const at = local(e);
    const best = at ? hitAt(at.mx, at.my) : null;
    setHover(best ? { ...best, x: best.x + best.w / 2, y: best.point || best.variant ? best.y + best.h / 2 : best.y } : null);
  };
  const onClick = (e: { clientX: number; clientY: number }) => {
    const at = local(e);
    const best = at ? hitAt(at.mx, at.my) : null;
    if (best?.point) selectPoint(best.point);
    else if (best?.variant) {
      const p = model.points.find((q) => q.t.getTime() === best.variant!.t.getTime());
      if (p) selectPoint(p);
    } else if (best?.specimen) {
      const s = best.specimen;
      const links = options.specimenLinks?.get(s.id);
      ctdnaSelection.set({
        kind: 'specimen',
        id: s.id,
        date: isoOf(s.t, model),
        label: s.label,
        ...(s.sampleId ? { sampleId: s.sampleId } : {}),
        ...(links ?? {}),
      });
    } else if (!best?.event) ctdnaSelection.set(null);
  };
  const selectPoint = (p: PlacedPoint) =>
    ctdnaSelection.set({
      kind: 'timepoint',
      date: p.date,
      ...(p.day !== undefined ? { day: p.day } : {}),
      ...(p.specimenId ? { specimenId: p.specimenId } : {}),
    });
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') return ctdnaSelection.set(null);
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const i = selectedPoint ? model.points.indexOf(selectedPoint) : -1;
    const next = model.points[Math.max(0, Math.min(model.points.length - 1, i < 0 ? 0 : i + (e.key === 'ArrowRight' ? 1 : -1)))];
    if (next) selectPoint(next);
  };
  // Keyboard selection shows its tooltip too.
  const keyHover: Hover | null = !hover && selectedPoint && selectedAt ? { ...selectedAt, point: selectedPoint } : null;
  const shown = hover ?? keyHover;

  return (
    <div
      className="ctdna-chart"
      ref={wrap}
      data-testid="ctdna-chart"
      tabIndex={0}
      role="group"
      aria-label="ctDNA chart: arrow keys step through the results, Escape clears the selection"
      onPointerMove={onMove}
      onPointerLeave={() => setHover(null)}
      onClick={onClick}
      onKeyDown={onKey}
    >
      <div ref={chartEl} className="ctdna-plot" />
      <div ref={variantsEl} className="ctdna-variants" />
      <div ref={lanesEl} className="ctdna-lanes" />
      {linkedAt && linkedTrack ? (
        <div
          className="ctdna-linked-variant"
          style={{ top: linkedAt.top, height: linkedAt.height, left: MARGIN_LEFT - 4, right: MARGIN_RIGHT - 4 }}
          data-testid="ctdna-linked-variant"
          data-variant={linkedAt.key}
          aria-label={`Chosen in the variants pane: ${linkedAt.key}`}
          role="note"
        />
      ) : null}
      {selectedAt && selectedPoint ? (
        <div className="selected-ring" style={{ left: selectedAt.x, top: selectedAt.y }} aria-hidden="true" />
      ) : null}
      {hover?.point ? (
        <div className={`hover-ring ${hover.point.kind}`} style={{ left: hover.x, top: hover.y }} aria-hidden="true" />
      ) : null}
      {shown ? <Tooltip hover={shown} model={model} axis={axis} width={size.width} height={size.height} /> : null}
    </div>
  );
}

const sameTime = (p: PlacedPoint, date: string, day: number | undefined): boolean =>
  date ? p.date === date : p.day !== undefined && p.day === day;
const isoOf = (t: Date, model: ChartModel): string => (model.relativeOnly ? '' : t.toISOString().slice(0, 10));
