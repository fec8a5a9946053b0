import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDicomSlide } from '../../../electron/services/slides/dicom/index.js';
import { keyOf, seriesUID, writeInstance } from './fixtures/slideFixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'triptych-many-frames-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a slide with 200,000 frames', () => {
  it('opens without loading its frames, and reads one where it is', async () => {
    // 500 × 400 tiles of 8 × 8 px, uncompressed: 200,000 frames, 38 MB of pixel data.
    const written = await writeInstance(dir, seriesUID('many-frames'), {
      fileName: 'many.dcm',
      width: 4000,
      height: 3200,
      tileWidth: 8,
      tileHeight: 8,
      encoding: 'explicit',
    });
    expect(written.frameCount).toBe(200_000);
    global.gc?.();
    const before = process.memoryUsage();
    const slide = await openDicomSlide([written.path]);
    try {
      const [level] = slide.describe().levels;
      expect(level).toMatchObject({ columns: 500, rows: 400, tileCount: 200_000 });
      const tile = await slide.readTile(0, 437, 311);
      expect(tile?.bytes).toEqual(written.tiles.get(keyOf({ col: 437, row: 311 })));
      const after = process.memoryUsage();
      // Opening and one read hold a small fraction of the 38 MB of frames.
      expect(after.rss + after.arrayBuffers - (before.rss + before.arrayBuffers)).toBeLessThan(20 * 1024 * 1024);
    } finally {
      await slide.close();
    }
  }, 120_000);
});
