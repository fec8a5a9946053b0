import { describe, expect, it } from 'vitest';
import { decideRange } from '../../../electron/services/binary/httpRange.js';

describe('decideRange', () => {
  const size = 1000;
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=900-', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
  ])('%s is one partial range', (header, range) => {
    expect(decideRange(header, size)).toEqual({ kind: 'partial', range });
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('%s cannot be satisfied', (header) => {
    expect(decideRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([null, 'bytes=5-1', 'items=0-10', 'bytes=abc', 'bytes=0-1,5-9', 'bytes=-', 'bytes=99999999999999999999-'])(
    '%s is ignored: the whole body',
    (header) => {
      expect(decideRange(header, size)).toEqual({ kind: 'whole' });
    },
  );
});
