import { describe, expect, it } from 'vitest';
import { buildPyramid, tileUrl } from '../../renderer/panes/slide/pyramid.js';
import type { SlideLevel } from '../../shared/model/slide.js';

const level = (index: number, width: number, height: number, tile = 256, mppX?: number): SlideLevel => ({
  index,
  width,
  height,
  tileWidth: tile,
  tileHeight: tile,
  columns: Math.ceil(width / tile),
  rows: Math.ceil(height / tile),
  downsample: 46000 / width,
  tileCount: Math.ceil(width / tile) * Math.ceil(height / tile),
  mppX,
  mppY: mppX,
});

describe('buildPyramid', () => {
  const levels = [level(0, 46000, 32000, 256, 0.25), level(1, 11500, 8000), level(2, 2875, 2000)];

  it('orders levels smallest first with real scales (not powers of two)', () => {
    const p = buildPyramid({ levels: [levels[2], levels[0], levels[1]], associated: [] });
    expect(p.width).toBe(46000);
    expect(p.levels.map((l) => l.dicomIndex)).toEqual([2, 1, 0]);
    expect(p.levels.map((l) => l.scale)).toEqual([2875 / 46000, 0.25, 1]);
    expect(p.levels[0].columns).toBe(12);
    expect(p.mpp).toBe(0.25);
    expect(p.lowestLevelTiles).toBe(96);
  });

  it('adds the THUMBNAIL below the smallest level when it frames the same image', () => {
    const p = buildPyramid({ levels, associated: [{ type: 'THUMBNAIL', width: 720, height: 501, url: '/t' }] });
    expect(p.levels[0]).toMatchObject({ kind: 'thumbnail', columns: 1, rows: 1, tileWidth: 720, url: '/t' });
    expect(p.levels[0].scale).toBeCloseTo(720 / 46000);
    expect(p.lowestLevelTiles).toBe(1);
  });

  it('ignores a thumbnail of another aspect ratio (it would not line up)', () => {
    const p = buildPyramid({ levels, associated: [{ type: 'THUMBNAIL', width: 720, height: 720, url: '/t' }] });
    expect(p.levels[0].kind).toBe('dicom');
  });

  it('derives the full-resolution pixel spacing from another level', () => {
    const p = buildPyramid({ levels: [level(0, 40000, 30000), level(1, 10000, 7500, 256, 1.0)], associated: [] });
    expect(p.mpp).toBeCloseTo(0.25);
  });

  it('keeps per-level tile sizes and drops duplicate levels', () => {
    const p = buildPyramid({
      levels: [level(0, 8000, 6000, 512), level(3, 8000, 6000, 256), level(1, 2000, 1500, 240)],
      associated: [],
    });
    expect(p.levels.map((l) => [l.dicomIndex, l.tileWidth])).toEqual([
      [1, 240],
      [0, 512],
    ]);
  });

  it('throws on a slide without levels', () => {
    expect(() => buildPyramid({ levels: [], associated: [] })).toThrow(/no readable/);
  });
});

describe('tileUrl', () => {
  it('fills {level} with the DICOM level index', () => {
    const p = buildPyramid({ levels: [level(0, 1000, 1000), level(5, 250, 250)], associated: [] });
    expect(tileUrl('/binary/slides/s/tiles/{level}/{col}/{row}?z=0', p.levels[0], 0, 0)).toBe('/binary/slides/s/tiles/5/0/0?z=0');
    expect(tileUrl('/binary/slides/s/tiles/{level}/{col}/{row}', p.levels[1], 3, 2)).toBe('/binary/slides/s/tiles/0/3/2');
  });
});
