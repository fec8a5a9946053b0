import { describe, expect, it } from 'vitest';
import { linking, selection } from '../../renderer/selection/selectionStore.js';

describe('the shared selection', () => {
  it('keeps each field on its own, names the pane that changed it, and clears to null', () => {
    const seen: unknown[] = [];
    const stop = selection.subscribe(() => seen.push(selection.get()));
    selection.publish('ctdna', { specimenId: 'TS-1', timepointDate: '2025-01-08' });
    selection.publish('variants', { variantKey: 'FGFR3 p.S249C' });
    expect(selection.get()).toEqual({
      specimenId: 'TS-1',
      timepointDate: '2025-01-08',
      variantKey: 'FGFR3 p.S249C',
      source: 'variants',
    });
    selection.publish('variants', { variantKey: 'FGFR3 p.S249C' }); // no change: no notification
    selection.publish('ctdna', { specimenId: undefined, timepointDate: undefined, variantKey: undefined });
    expect(selection.get()).toBeNull();
    expect(seen).toHaveLength(3);
    stop();
  });

  it('ignores a pane whose linking is off, and hears it again once it is back on', () => {
    linking.set('variants', false);
    selection.publish('variants', { variantKey: 'TP53 p.R248Q' });
    expect(selection.get()).toBeNull();
    linking.set('variants', true);
    selection.publish('variants', { variantKey: 'TP53 p.R248Q' });
    expect(selection.get()).toMatchObject({ variantKey: 'TP53 p.R248Q', source: 'variants' });
  });
});
