import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../electron/services/ctdna/csv.js';
import { isoDate } from '../../../electron/services/ctdna/isoDate.js';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside quotes, any line ending', () => {
    const { rows, problems } = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""",1\r"two\nlines",,\n\n3,4,5');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { cells: ['a', 'b', 'c'], lineNumber: 1 },
      { cells: ['x, y', 'say "hi"', '1'], lineNumber: 2 },
      { cells: ['two\nlines', '', ''], lineNumber: 3 },
      { cells: ['3', '4', '5'], lineNumber: 6 },
    ]);
  });

  it('reports a quote that is never closed', () => {
    expect(parseCsv('a,b\n"open,1\n').problems).toEqual([{ lineNumber: 2, message: 'a quoted cell is never closed' }]);
  });
});

describe('isoDate', () => {
  it.each([
    ['2025-05-06', '2025-05-06'],
    [' 2025-05-06 ', '2025-05-06'],
    ['2025-05-06T23:30:00+02:00', '2025-05-06'],
    ['2025-05-06T09:30Z', '2025-05-06'],
    ['2024-02-29', '2024-02-29'],
    ['2025-02-29', undefined],
    ['2025-13-01', undefined],
    ['05/06/2025', undefined],
    ['2025-5-6', undefined],
    ['20250506', undefined],
  ])('%j -> %s', (text, expected) => expect(isoDate(text)).toBe(expected));
});
