/**
 * The ctDNA chart's data, ready to draw: points placed (not detected at the limit of detection),
 * the LOD, the domains, and the event lanes packed into rows. Pure: no DOM, no Plot.
 */
import type { CtdnaEvent, CtdnaPoint, CtdnaSeries, CtdnaVariantResult } from '../../../shared/model/ctdna.js';
import { parseIsoDate } from '../../util/format.js';

export type PlacedPoint = CtdnaPoint & {
  t: Date;
  /** Where the point is drawn: the value, or the LOD for not detected / not reportable results. */
  y: number;
  kind: 'detected' | 'notDetected' | 'notReportable';
};

export type LaneId = 'treatment' | 'procedure' | 'imaging' | 'other';
export const LANE_LABELS: Record<LaneId, string> = {
  treatment: 'Treatment',
  procedure: 'Procedures',
  imaging: 'Imaging',
  other: 'Other',
};

export type LaneItem = CtdnaEvent & {
  t1: Date;
  /** End of a bar (treatments): the event's end, or the end of the chart when ongoing. */
  t2: Date | null;
  ongoing: boolean;
  lane: LaneId;
  /** "treatment#1": lane row, so overlapping treatments stack. */
  row: string;
};

export type ChartModel = {
  points: PlacedPoint[];
  unit: string;
  /** One LOD for the whole series, or null when results give none. */
  lod: number | null;
  /** LOD steps when it changes over time (e.g. a new assay version). */
  lodSteps: Array<{ t: Date; lod: number }>;
  xDomain: [Date, Date];
  yLogDomain: [number, number];
  yLinearMax: number;
  lanes: LaneItem[];
  /** Lane rows in display order, with the label to show (only on each lane's first row). */
  rows: Array<{ key: string; label: string }>;
  latest: PlacedPoint | null;
  skipped: number;
  /** The series counts days from an anchor it does not name: `t` is that day from 1970-01-01. */
  relativeOnly: boolean;
  /** Where positivity returned before imaging showed recurrence, when it did. */
  leadTime: LeadTime | null;
  /** Tissue and other specimens to mark (not the plasma draws, which are the points). */
  specimens: SpecimenMark[];
  /** Per-variant VAF tracks, in the order of their first detection. */
  variants: VariantTrack[];
  /** Day 0 of the relative axes, when the data give one. */
  anchors: { diagnosis: Date | null; surgery: Date | null };
};

export type LeadTime = { from: PlacedPoint; to: LaneItem; days: number };
export type SpecimenMark = { id: string; t: Date; label: string; type?: string; sampleId?: string };
export type VariantPoint = CtdnaVariantResult & { t: Date; y: number; key: string };
export type VariantTrack = { key: string; gene: string; proteinChange?: string; points: VariantPoint[]; floor: number };

export const DAY = 86_400_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function laneOf(type: CtdnaEvent['type']): LaneId {
  if (type === 'treatment') return 'treatment';
  if (type === 'surgery' || type === 'biopsy' || type === 'diagnosis') return 'procedure';
  if (type === 'imaging') return 'imaging';
  return 'other';
}

const dateOrDay = (date: string, day: number | undefined, relative: boolean): Date | null =>
  relative ? (day === undefined ? null : new Date(day * DAY)) : parseIsoDate(date);

/** Imaging that shows the disease back: recurrence, progression, new lesions — not "no progression". */
export const RECURRENCE = /progress|recurr|relapse|metasta|new (lesion|node|nodal|pelvic|liver|lung)|\bPD\b/i;
const NEGATED = /\bno (evidence|progress|recurr|new|sign)|without (progress|recurr)|\bNED\b/i;

export function buildChartModel(series: CtdnaSeries, today: Date = new Date(), diagnosisDate?: string): ChartModel {
  const relativeOnly = series.axis === 'relative-days';
  const lods = series.points.map((p) => p.lod).filter((v): v is number => typeof v === 'number' && v > 0);
  const lod = median(lods);
  const detectedValues = series.points
    .filter((p) => p.status === 'DETECTED' && p.value !== null && p.value > 0)
    .map((p) => p.value as number);
  const floor = lod ?? (detectedValues.length ? Math.min(...detectedValues) / 2 : 0.01);

  let skipped = 0;
  const points: PlacedPoint[] = [];
  for (const p of series.points) {
    const t = dateOrDay(p.date, p.day, relativeOnly);
    if (!t) {
      skipped++;
      continue;
    }
    const at = p.lod && p.lod > 0 ? p.lod : floor;
    if (p.status === 'DETECTED' && p.value !== null && p.value > 0) points.push({ ...p, t, y: p.value, kind: 'detected' });
    else if (p.status === 'DETECTED' || p.status === 'NOT_DETECTED')
      points.push({ ...p, t, y: at, kind: p.status === 'DETECTED' ? 'detected' : 'notDetected' });
    else points.push({ ...p, t, y: at, kind: 'notReportable' });
  }
  points.sort((a, b) => a.t.getTime() - b.t.getTime());

  const lodSteps: Array<{ t: Date; lod: number }> = [];
  for (const p of points) {
    if (p.lod && p.lod > 0 && (lodSteps.length === 0 || lodSteps[lodSteps.length - 1].lod !== p.lod))
      lodSteps.push({ t: p.t, lod: p.lod });
  }

  // Lanes: events with a date; treatments as bars, packed into rows so overlaps stack.
  const events = series.events
    .map((e) => ({
      e,
      t1: dateOrDay(e.start, e.startDay, relativeOnly),
      t2: relativeOnly ? dateOrDay('', e.endDay, true) : parseIsoDate(e.end),
    }))
    .filter((x): x is { e: CtdnaEvent; t1: Date; t2: Date | null } => x.t1 !== null)
    .sort((a, b) => a.t1.getTime() - b.t1.getTime());
  skipped += series.events.length - events.length;

  const times = [
    ...points.map((p) => p.t.getTime()),
    ...events.flatMap((x) => [x.t1.getTime(), ...(x.t2 ? [x.t2.getTime()] : [])]),
  ];
  // An ongoing treatment runs to the end of the chart, which ends with the data (not "today", which
  // may be long after the last result and would squeeze it).
  let t0 = times.length ? Math.min(...times) : today.getTime() - 365 * DAY;
  let t1 = times.length ? Math.max(...times) : today.getTime();
  if (t1 - t0 < 30 * DAY) {
    t0 -= 15 * DAY;
    t1 += 15 * DAY;
  }
  const pad = (t1 - t0) * 0.03;
  const xDomain: [Date, Date] = [new Date(t0 - pad), new Date(t1 + pad)];

  const rowEnds: Record<LaneId, number[]> = { treatment: [], procedure: [], imaging: [], other: [] };
  const lanes: LaneItem[] = events.map(({ e, t1: start, t2 }) => {
    const lane = laneOf(e.type);
    const ongoing = lane === 'treatment' && !t2;
    const end = lane === 'treatment' ? (t2 ?? new Date(xDomain[1].getTime())) : null;
    let row = 0;
    if (lane === 'treatment') {
      const ends = rowEnds.treatment;
      row = ends.findIndex((e2) => e2 < start.getTime());
      if (row < 0) row = ends.length;
      ends[row] = (end ?? start).getTime();
    } else {
      rowEnds[lane][0] = 0;
    }
    return { ...e, t1: start, t2: end, ongoing, lane, row: `${lane}#${row}` };
  });

  const rows: Array<{ key: string; label: string }> = [];
  for (const lane of ['treatment', 'procedure', 'imaging', 'other'] as LaneId[]) {
    const n = lanes.some((l) => l.lane === lane) ? Math.max(1, rowEnds[lane].length) : 0;
    for (let i = 0; i < n; i++) rows.push({ key: `${lane}#${i}`, label: i === 0 ? LANE_LABELS[lane] : '' });
  }

  const ys = points.map((p) => p.y).filter((v) => v > 0);
  const lo = Math.min(...ys, lod ?? Infinity, floor);
  const hi = Math.max(...ys, lod ?? 0, floor);
  const yLogDomain: [number, number] = [10 ** Math.floor(Math.log10(lo / 1.5)), 10 ** Math.ceil(Math.log10(hi * 1.5))];
  const yLinearMax = Math.max(hi, lod ?? 0) * 1.12 || 1;

  const reportable = points.filter((p) => p.kind !== 'notReportable');
  const firstOf = (type: CtdnaEvent['type']) => lanes.find((l) => l.type === type)?.t1 ?? null;
  return {
    relativeOnly,
    leadTime: findLeadTime(points, lanes),
    specimens: specimenMarks(series, relativeOnly),
    variants: variantTracks(series.variants ?? [], relativeOnly),
    anchors: {
      diagnosis: (!relativeOnly && parseIsoDate(diagnosisDate)) || firstOf('diagnosis'),
      surgery: firstOf('surgery'),
    },
    points,
    unit: series.points.find((p) => p.unit)?.unit ?? 'MTM/mL',
    lod,
    lodSteps,
    xDomain,
    yLogDomain,
    yLinearMax,
    lanes,
    rows,
    latest: reportable[reportable.length - 1] ?? points[points.length - 1] ?? null,
    skipped,
  };
}

/** Powers of ten inside a log domain, for uncluttered ticks. */
export function decadeTicks([lo, hi]: [number, number]): number[] {
  const ticks: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) ticks.push(10 ** e);
  return ticks;
}

export const STATUS_TEXT: Record<CtdnaPoint['status'], string> = {
  DETECTED: 'Detected',
  NOT_DETECTED: 'Not detected',
  INDETERMINATE: 'Indeterminate',
  QNS: 'Insufficient sample (QNS)',
};

/**
 * The molecular lead time: the first detected result after a not-detected one, when every result
 * from it on stays detected (or not reportable) until an imaging event shows recurrence.
 */
export function findLeadTime(points: PlacedPoint[], lanes: LaneItem[]): LeadTime | null {
  const recurrences = lanes.filter(
    (l) => l.type === 'imaging' && RECURRENCE.test(`${l.result ?? ''} ${l.label}`) && !NEGATED.test(l.result ?? ''),
  );
  for (const to of recurrences) {
    const before = points.filter((p) => p.t.getTime() <= to.t1.getTime() && p.kind !== 'notReportable');
    let from: PlacedPoint | null = null;
    for (let i = before.length - 1; i > 0; i--) {
      if (before[i].kind !== 'detected') break;
      if (before[i - 1].kind === 'notDetected') {
        from = before[i];
        break;
      }
    }
    if (from) return { from, to, days: Math.round((to.t1.getTime() - from.t.getTime()) / DAY) };
  }
  return null;
}

/** Tissue specimens: from the events that yielded them and the series' specimens (plasma left out). */
function specimenMarks(series: CtdnaSeries, relative: boolean): SpecimenMark[] {
  const marks = new Map<string, SpecimenMark>();
  const drawn = new Set(series.points.map((p) => p.specimenId).filter(Boolean));
  for (const s of series.specimens ?? []) {
    const t = dateOrDay(s.date, s.day, relative);
    if (!t || drawn.has(s.id) || /plasma|blood|cfdna/i.test(s.type ?? '')) continue;
    marks.set(s.id, { id: s.id, t, label: s.label ?? s.type ?? 'Specimen', type: s.type, sampleId: s.sampleId });
  }
  for (const e of series.events) {
    const t = dateOrDay(e.start, e.startDay, relative);
    if (!e.specimenId || !t || marks.has(e.specimenId)) continue;
    marks.set(e.specimenId, { id: e.specimenId, t, label: e.label, type: 'tissue' });
  }
  return [...marks.values()].sort((a, b) => a.t.getTime() - b.t.getTime());
}

/** Per-variant tracks; a not-detected result sits at the track's floor (half its smallest VAF). */
export function variantTracks(results: CtdnaVariantResult[], relative = false): VariantTrack[] {
  const tracks = new Map<string, VariantTrack>();
  for (const r of results) {
    const t = dateOrDay(r.date, r.day, relative);
    if (!t) continue;
    const key = r.proteinChange ? `${r.gene} ${r.proteinChange}` : r.gene;
    const track = tracks.get(key) ?? { key, gene: r.gene, proteinChange: r.proteinChange, points: [], floor: 0 };
    track.points.push({ ...r, t, y: r.vaf ?? 0, key });
    tracks.set(key, track);
  }
  const all = results.map((r) => r.vaf).filter((v): v is number => typeof v === 'number' && v > 0);
  const floor = all.length ? Math.min(...all) / 2 : 1e-4;
  for (const track of tracks.values()) {
    track.points.sort((a, b) => a.t.getTime() - b.t.getTime());
    track.floor = floor;
    for (const p of track.points) if (p.status !== 'DETECTED' || !p.vaf) p.y = floor;
  }
  const firstDetected = (t: VariantTrack) => {
    const hit = t.points.find((p) => p.status === 'DETECTED');
    return hit ? -(hit.vaf ?? 0) : Infinity;
  };
  return [...tracks.values()].sort((a, b) => firstDetected(a) - firstDetected(b));
}

/** What the tooltip says about a point beyond its own fields: the last event before it, the change. */
export function pointContext(
  model: ChartModel,
  point: PlacedPoint,
): { lastEvent: { label: string; days: number } | null; fold: { ratio: number; from: PlacedPoint } | null } {
  const t = point.t.getTime();
  const past = model.lanes.filter((l) => l.t1.getTime() <= t);
  const last = past[past.length - 1];
  const lastEvent = last ? { label: last.label, days: Math.round((t - last.t1.getTime()) / DAY) } : null;
  let fold: { ratio: number; from: PlacedPoint } | null = null;
  if (point.kind === 'detected' && point.value) {
    const earlier = model.points.filter((p) => p.t.getTime() < t && p.kind === 'detected' && p.value);
    const from = earlier[earlier.length - 1];
    if (from?.value) fold = { ratio: point.value / from.value, from };
  }
  return { lastEvent, fold };
}
