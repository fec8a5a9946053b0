/** The ctDNA pane's pure parts: lead time, per-variant tracks, tooltip context, time axes. */
import { describe, expect, it } from 'vitest';
import { buildChartModel, pointContext, variantTracks } from '../../renderer/panes/ctdna/chartModel.js';
import { timeAxis, timeModes } from '../../renderer/panes/ctdna/timeAxis.js';
import { anchorCtdnaSeries, type CtdnaSeries } from '../../shared/model/ctdna.js';

const p = (date: string, status: 'DETECTED' | 'NOT_DETECTED' | 'QNS' | 'INDETERMINATE', value: number | null = null) => ({
  date,
  value,
  unit: 'MTM/mL',
  status,
  lod: 0.01,
});
const series: CtdnaSeries = {
  points: [
    p('2025-01-21', 'DETECTED', 48.2),
    p('2025-06-03', 'NOT_DETECTED'),
    p('2025-10-07', 'INDETERMINATE'),
    p('2025-11-04', 'DETECTED', 0.08),
    p('2026-01-20', 'DETECTED', 6.4),
  ],
  events: [
    { type: 'diagnosis', label: 'TURBT', start: '2025-01-08', specimenId: 'TS-1' },
    { type: 'surgery', label: 'Cystectomy', start: '2025-05-06' },
    { type: 'imaging', label: 'CT', start: '2025-11-18', result: 'NED' },
    { type: 'imaging', label: 'CT', start: '2026-03-03', result: 'progression: new pelvic nodes' },
  ],
  warnings: [],
  variants: [
    { date: '2025-01-21', gene: 'FGFR3', proteinChange: 'p.S249C', vaf: 0.03, status: 'DETECTED' },
    { date: '2025-06-03', gene: 'FGFR3', proteinChange: 'p.S249C', vaf: null, status: 'NOT_DETECTED' },
    { date: '2025-01-21', gene: 'TP53', vaf: 0.05, status: 'DETECTED' },
  ],
  specimens: [
    { id: 'PL-1', date: '2025-01-21', type: 'plasma' },
    { id: 'TS-2', date: '2025-05-06', type: 'tissue', label: 'Cystectomy, residual tumor' },
  ],
};

describe('the ctDNA journey model', () => {
  const m = buildChartModel(series, new Date('2026-06-01'), '2025-01-08');

  it('finds the molecular lead time: positive again after not detected, before imaging shows progression', () => {
    expect(m.leadTime?.from.date).toBe('2025-11-04');
    expect(m.leadTime?.to.result).toMatch(/progression/);
    expect(m.leadTime?.days).toBe(119);
  });

  it('has no lead time when ctDNA never cleared, or imaging shows none', () => {
    const never = buildChartModel({
      ...series,
      points: series.points.filter((q) => q.status === 'DETECTED' && q.date > '2025-10-01'),
    });
    expect(never.leadTime).toBeNull();
    const quiet = buildChartModel({ ...series, events: series.events.filter((e) => !e.result?.startsWith('progression')) });
    expect(quiet.leadTime).toBeNull();
    const ned = buildChartModel({
      ...series,
      events: [{ type: 'imaging', label: 'CT', start: '2026-03-03', result: 'no evidence of progression' }],
    });
    expect(ned.leadTime).toBeNull();
  });

  it('marks tissue specimens, not plasma draws', () => {
    expect(m.specimens.map((s) => s.id)).toEqual(['TS-1', 'TS-2']);
  });

  it('builds per-variant tracks, not detected at the floor, strongest first', () => {
    expect(m.variants.map((t) => t.key)).toEqual(['TP53', 'FGFR3 p.S249C']);
    const fgfr3 = m.variants[1]!;
    expect(fgfr3.points.map((q) => q.y)).toEqual([0.03, fgfr3.floor]);
    expect(fgfr3.floor).toBe(0.015);
    expect(variantTracks([])).toEqual([]);
  });

  it('says, for a point, the last event before it and the fold change from the previous detected value', () => {
    const last = m.points[m.points.length - 1]!;
    const { lastEvent, fold } = pointContext(m, last);
    expect(lastEvent).toEqual({ label: 'CT', days: 63 });
    expect(fold?.ratio).toBeCloseTo(80);
    expect(fold?.from.date).toBe('2025-11-04');
    expect(pointContext(m, m.points[1]!).fold).toBeNull();
  });

  it('offers dates, days from diagnosis and days from surgery', () => {
    expect(timeModes(m)).toEqual(['date', 'diagnosis', 'surgery']);
    const fromDx = timeAxis(m, 'diagnosis');
    expect(fromDx.type).toBe('linear');
    expect(fromDx.xOf(m.points[0]!.t)).toBe(13);
    expect(fromDx.describe(m.points[0]!.t)).toBe('21 Jan 2025 · day +13');
    expect(timeAxis(m, 'surgery').xOf(m.points[0]!.t)).toBe(-105);
    expect(timeAxis(m, 'date').type).toBe('utc');
  });

  it('draws a relative-day series on days, and on dates once anchored', () => {
    const relative: CtdnaSeries = {
      axis: 'relative-days',
      points: [{ date: '', day: 7, value: 2, unit: 'MTM/mL', status: 'DETECTED' }],
      events: [{ type: 'treatment', label: 'FOLFOX', start: '', startDay: 30, endDay: 200 }],
      warnings: [],
    };
    const rm = buildChartModel(relative);
    expect(rm.relativeOnly).toBe(true);
    expect(timeModes(rm)).toEqual([]);
    const axis = timeAxis(rm, 'date');
    expect(axis.xOf(rm.points[0]!.t)).toBe(7);
    expect(axis.describe(rm.lanes[0]!.t2!)).toBe('Day 200');
    const anchored = anchorCtdnaSeries(relative, '2024-03-04');
    expect(anchored.points[0]).toMatchObject({ date: '2024-03-11', day: 7 });
    expect(anchored.events[0]).toMatchObject({ start: '2024-04-03', end: '2024-09-20' });
    expect(anchored.axis).toBeUndefined();
  });
});
