import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../shared/model/case.js';
import { buildAgenda } from '../../renderer/board/agenda.js';
import { selection } from '../../renderer/selection/selectionStore.js';

const summary = (overrides: Partial<CaseSummary> = {}): CaseSummary => ({
  root: '/cases/7',
  title: 'Case 7',
  isDemo: false,
  patient: {},
  files: [],
  slides: [
    { id: 's1', name: 'Block A1, H&E', fileIds: [] },
    { id: 's2', name: 'Block A1, PD-L1', fileIds: [] },
  ],
  variantFileIds: [],
  ctdnaFileIds: ['c1'],
  specimens: [{ id: 'TS-1', type: 'tissue', label: 'TURBT', collected: '2025-01-08', slideIds: ['s1'], variantFileIds: [] }],
  warnings: [],
  ...overrides,
});

describe('the tumor-board agenda', () => {
  it('lists the slides, the flagged variants in flag order, then ctDNA; each step names its pane', () => {
    const steps = buildAgenda(summary(), [
      { key: 'chr4:1801841:C>G', label: 'FGFR3 p.S249C' },
      { key: 'chr17:7674220:C>T', label: 'chr17:7674220:C>T' },
    ]);
    expect(steps.map((s) => [s.kind, s.label, s.pane])).toEqual([
      ['slide', 'TURBT', 'slide'],
      ['slide', 'Block A1, PD-L1', 'slide'],
      ['variant', 'FGFR3 p.S249C', 'variants'],
      ['variant', 'chr17:7674220:C>T', 'variants'],
      ['ctdna', 'ctDNA over time', 'ctdna'],
    ]);
    expect(steps[0]!.select).toMatchObject({ slideId: 's1', specimenId: 'TS-1', timepointDate: '2025-01-08' });
    expect(steps[2]!.select).toMatchObject({ variantLocus: 'chr4:1801841:C>G', variantKey: 'FGFR3 p.S249C' });
    expect(steps[3]!.select.variantKey).toBeUndefined(); // no gene: no ctDNA track to match
  });

  it('has no ctDNA step without ctDNA, and each step clears what the one before chose', () => {
    const steps = buildAgenda(summary({ ctdnaFileIds: [] }), [{ key: 'chr4:1801841:C>G', label: 'FGFR3 p.S249C' }]);
    expect(steps.map((s) => s.kind)).toEqual(['slide', 'slide', 'variant']);
    selection.publish('agenda', steps[0]!.select);
    expect(selection.get()).toMatchObject({ slideId: 's1', specimenId: 'TS-1', source: 'agenda' });
    selection.publish('agenda', steps[2]!.select);
    expect(selection.get()).toEqual({ variantLocus: 'chr4:1801841:C>G', variantKey: 'FGFR3 p.S249C', source: 'agenda' });
    selection.publish('agenda', { variantLocus: undefined, variantKey: undefined });
    expect(selection.get()).toBeNull();
  });

  it('puts each flagged slide region right after its slide, with the bounds to fly to', () => {
    const region = {
      slideId: 's2',
      slideName: 'Block A1, PD-L1',
      id: 'a1',
      label: '',
      className: 'Tumor',
      shapeType: 'rectangle' as const,
      bounds: { x: 10, y: 20, width: 30, height: 40 },
    };
    const steps = buildAgenda(summary(), [], [region]);
    expect(steps.map((s) => [s.kind, s.label])).toEqual([
      ['slide', 'TURBT'],
      ['slide', 'Block A1, PD-L1'],
      ['region', 'Tumor'],
      ['ctdna', 'ctDNA over time'],
    ]);
    expect(steps[2]!.region).toEqual({ slideId: 's2', x: 10, y: 20, width: 30, height: 40 });
    expect(steps[2]!.select).toMatchObject({ slideId: 's2' });
  });
});
