import { describe, expect, it } from 'vitest';
import { displayName, maskName } from '../../renderer/header/mask.js';
import { canCollapse, normalizeSizes, sanitizeLayout } from '../../renderer/layout/layoutModel.js';
import { ageInYears, formatDate, formatSig } from '../../renderer/util/format.js';

describe('patient name', () => {
  it('masks every part but its first letter', () => {
    expect(maskName('DOE^JANE')).toBe('D••^J•••');
    expect(maskName('Jane Doe')).toBe('J••• D••');
    expect(maskName('DOE, JANE')).toBe('D••, J•••');
    expect(maskName('Li')).toBe('L••');
  });
  it('reads a DICOM person name', () => {
    expect(displayName('DOE^JANE^Q')).toBe('DOE, JANE Q');
    expect(displayName('Jane Doe')).toBe('Jane Doe');
  });
});

describe('layout', () => {
  it('normalizes sizes to 100', () => {
    expect(normalizeSizes([1, 1, 2])).toEqual([25, 25, 50]);
    expect(normalizeSizes([50, 28, 22])).toEqual([50, 28, 22]);
    expect(normalizeSizes([Number.NaN, 1, 1])).toEqual([50, 28, 22]);
  });
  it('never keeps all three panes collapsed, nor the maximized one', () => {
    expect(
      sanitizeLayout({ sizes: [50, 28, 22], collapsed: ['slide', 'variants', 'ctdna'], maximized: null }).collapsed,
    ).toHaveLength(2);
    expect(sanitizeLayout({ sizes: [50, 28, 22], collapsed: ['slide'], maximized: 'slide' }).collapsed).toEqual([]);
    expect(canCollapse('slide', ['variants', 'ctdna'])).toBe(false);
    expect(canCollapse('slide', ['variants'])).toBe(true);
  });
});

describe('format', () => {
  it('formats dates unambiguously and ages in whole years', () => {
    expect(formatDate('2024-03-14')).toBe('14 Mar 2024');
    expect(ageInYears('1966-04-19', new Date(Date.UTC(2026, 3, 18)))).toBe(59);
    expect(ageInYears('1966-04-19', new Date(Date.UTC(2026, 3, 19)))).toBe(60);
  });
  it('keeps significant digits', () => {
    expect(formatSig(48.3)).toBe('48.3');
    expect(formatSig(0.0123, 2)).toBe('0.012');
    expect(formatSig(1234.5)).toBe('1,235');
  });
});
