import { describe, expect, it } from 'vitest';
import {
  baseMagnification,
  formatLength,
  formatMagnification,
  imageZoomFor,
  magnificationAt,
  scaleBar,
} from '../../renderer/panes/slide/scale.js';

describe('magnification', () => {
  it('reads 0.25 µm/px at one image pixel per screen pixel as 40×', () => {
    const base = baseMagnification(0.25);
    expect(base).toBe(40);
    expect(magnificationAt(1, base)).toBe(40);
    expect(magnificationAt(0.125, base)).toBe(5);
    expect(imageZoomFor(20, 40)).toBe(0.5);
  });
  it('falls back to the objective power, else unknown', () => {
    expect(baseMagnification(null, 20)).toBe(20);
    expect(baseMagnification(null)).toBeNull();
    expect(formatMagnification(null)).toBe('—');
  });
  it('formats', () => {
    expect(formatMagnification(40)).toBe('40×');
    expect(formatMagnification(12.34)).toBe('12.3×');
    expect(formatMagnification(0.68)).toBe('0.68×');
  });
});

describe('scaleBar', () => {
  it('picks the longest 1-2-5 length that fits', () => {
    // 0.25 µm per screen px, 140 px max -> 35 µm -> 20 µm bar of 80 px
    expect(scaleBar(0.25)).toEqual({ lengthUm: 20, px: 80, label: '20 µm' });
    // 16 µm per px -> 2240 µm max -> 2 mm
    expect(scaleBar(16)?.label).toBe('2 mm');
  });
  it('formats lengths', () => {
    expect(formatLength(500)).toBe('500 µm');
    expect(formatLength(1000)).toBe('1 mm');
    expect(formatLength(0.5)).toBe('500 nm');
  });
  it('refuses nonsense', () => {
    expect(scaleBar(0)).toBeNull();
    expect(scaleBar(Number.NaN)).toBeNull();
  });
});
