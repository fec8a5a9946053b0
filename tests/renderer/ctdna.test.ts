import { describe, expect, it } from 'vitest';
import { buildChartModel, decadeTicks } from '../../renderer/panes/ctdna/chartModel.js';
import type { CtdnaSeries } from '../../shared/model/ctdna.js';

const series: CtdnaSeries = {
  points: [
    { date: '2023-01-20', value: 48.3, unit: 'MTM/mL', status: 'DETECTED', lod: 0.01 },
    { date: '2023-05-10', value: null, unit: 'MTM/mL', status: 'NOT_DETECTED', lod: 0.01 },
    { date: '2023-07-10', value: null, unit: 'MTM/mL', status: 'QNS' },
    { date: 'not a date', value: 1, unit: 'MTM/mL', status: 'DETECTED' },
  ],
  events: [
    { type: 'surgery', label: 'Colectomy', start: '2023-02-08' },
    { type: 'treatment', label: 'FOLFOX', start: '2023-03-15', end: '2023-08-30' },
    { type: 'treatment', label: 'Trial drug', start: '2023-06-01' },
    { type: 'imaging', label: 'CT', start: '2023-09-10', result: 'NED' },
  ],
  warnings: [],
};

describe('buildChartModel', () => {
  const m = buildChartModel(series, new Date('2026-01-01'));
  it('places not detected results at the LOD and keeps the rest apart', () => {
    expect(m.lod).toBe(0.01);
    expect(m.points.map((p) => [p.kind, p.y])).toEqual([
      ['detected', 48.3],
      ['notDetected', 0.01],
      ['notReportable', 0.01],
    ]);
    expect(m.skipped).toBe(1);
  });
  it('spans the data (an ongoing treatment ends with the chart)', () => {
    expect(m.xDomain[0].getTime()).toBeLessThan(Date.UTC(2023, 0, 20));
    expect(m.xDomain[1].getTime()).toBeGreaterThan(Date.UTC(2023, 8, 10));
    expect(m.xDomain[1].getTime()).toBeLessThan(Date.UTC(2024, 0, 1));
    const trial = m.lanes.find((l) => l.label === 'Trial drug');
    expect(trial?.ongoing).toBe(true);
    expect(trial?.t2?.getTime()).toBe(m.xDomain[1].getTime());
  });
  it('stacks overlapping treatments on their own rows', () => {
    const rows = m.lanes.filter((l) => l.lane === 'treatment').map((l) => l.row);
    expect(new Set(rows).size).toBe(2);
    expect(m.rows.map((r) => r.label)).toEqual(['Treatment', '', 'Procedures', 'Imaging']);
  });
  it('has a log domain of whole decades around the data', () => {
    expect(m.yLogDomain).toEqual([0.001, 100]);
    expect(decadeTicks(m.yLogDomain)).toEqual([0.001, 0.01, 0.1, 1, 10, 100]);
  });
});
