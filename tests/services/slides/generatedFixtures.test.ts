import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { groupSlideSeries, openDicomSlide, readDicomHeader } from '../../../electron/services/slides/dicom/index.js';
import { PositionalFile } from '../../../electron/services/slides/dicom/positionalFile.js';
import type { SlideSource } from '../../../electron/services/sources.js';
import {
  keyOf,
  seriesUID,
  writeInstance,
  type InstanceSpec,
  type TileKey,
  type WrittenInstance,
} from './fixtures/slideFixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'triptych-slide-fixtures-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withSlide<T>(paths: string[], use: (slide: SlideSource) => Promise<T>): Promise<T> {
  const slide = await openDicomSlide(paths);
  try {
    return await use(slide);
  } finally {
    await slide.close();
  }
}

async function single(name: string, spec: Omit<InstanceSpec, 'fileName'>): Promise<WrittenInstance> {
  return writeInstance(dir, seriesUID(name), { fileName: `${name}.dcm`, ...spec });
}

/** Every stored tile reads back byte for byte. */
async function expectAllTiles(slide: SlideSource, level: number, written: WrittenInstance) {
  for (const [key, bytes] of written.tiles) {
    const [path, plane, col, row] = key.split('/').map(Number);
    const tile = await slide.readTile(level, col, row, plane, path);
    expect(tile, `tile ${key}`).not.toBeNull();
    expect(Buffer.from(tile!.bytes).equals(Buffer.from(bytes)), `bytes of tile ${key}`).toBe(true);
  }
}

describe('generated DICOM WSI fixtures', () => {
  it('TILED_FULL JPEG with an Extended Offset Table and padded edge tiles', async () => {
    const written = await single('eot', { width: 90, height: 60, tileWidth: 16, tileHeight: 16, offsetTable: 'extended' });
    await withSlide([written.path], async (slide) => {
      const info = slide.describe();
      expect(info.tileContentType).toBe('image/jpeg');
      expect(info.transferSyntax).toBe('1.2.840.10008.1.2.4.50');
      expect(info.levels).toEqual([
        {
          index: 0,
          width: 90,
          height: 60,
          tileWidth: 16,
          tileHeight: 16,
          columns: 6,
          rows: 4,
          downsample: 1,
          tileCount: 24,
          mppX: 0.5,
          mppY: 0.5,
          pixelFormat: {
            samplesPerPixel: 3,
            bitsAllocated: 8,
            bitsStored: 8,
            pixelRepresentation: 0,
            photometricInterpretation: 'YBR_FULL',
            planarConfiguration: 0,
          },
        },
      ]);
      const corner = await slide.readTile(0, 5, 3);
      expect(Buffer.from(corner!.bytes).equals(Buffer.from(written.tiles.get(keyOf({ col: 5, row: 3 }))!))).toBe(true);
      await expectAllTiles(slide, 0, written);
      expect(await slide.readTile(0, 6, 0)).toBeNull();
      expect(await slide.readTile(1, 0, 0)).toBeNull();
    });
  });

  it.each([
    ['basic', 1],
    ['basic', 3],
    ['none', 1],
    ['none', 3],
  ] as const)('offset table %s with %i fragment(s) per frame', async (offsetTable, fragmentsPerFrame) => {
    const written = await single(`table-${offsetTable}-${fragmentsPerFrame}`, {
      width: 64,
      height: 48,
      tileWidth: 16,
      tileHeight: 16,
      offsetTable,
      fragmentsPerFrame,
    });
    await withSlide([written.path], async (slide) => {
      expect(slide.describe().levels[0]).toMatchObject({ columns: 4, rows: 3, tileCount: 12 });
      await expectAllTiles(slide, 0, written);
    });
  });

  it('a series of several files: levels by size (downsample 3), associated images, any file order', async () => {
    const series = seriesUID('pyramid');
    const level0 = await writeInstance(dir, series, {
      fileName: 'p0.dcm',
      width: 90,
      height: 60,
      tileWidth: 16,
      tileHeight: 16,
      seriesDescription: 'Pyramid fixture',
    });
    const level1 = await writeInstance(dir, series, {
      fileName: 'p1.dcm',
      width: 30,
      height: 20,
      tileWidth: 16,
      tileHeight: 16,
      level0Width: 90,
      offsetTable: 'none',
    });
    const label = await writeInstance(dir, series, { fileName: 'label.dcm', kind: 'LABEL', width: 40, height: 24 });
    const overview = await writeInstance(dir, series, { fileName: 'overview.dcm', kind: 'OVERVIEW', width: 48, height: 16 });
    const thumbnail = await writeInstance(dir, series, { fileName: 'thumb.dcm', kind: 'THUMBNAIL', width: 30, height: 20 });
    const paths = [thumbnail.path, level1.path, label.path, level0.path, overview.path];
    await withSlide(paths, async (slide) => {
      const info = slide.describe();
      expect(info.name).toBe('Pyramid fixture');
      expect(info.seriesInstanceUID).toBe(series);
      expect(info.levels.map((l) => [l.width, l.height, l.columns, l.rows, l.downsample, l.tileCount])).toEqual([
        [90, 60, 6, 4, 1, 24],
        [30, 20, 2, 2, 3, 4],
      ]);
      expect(info.levels[1].mppX).toBeCloseTo(1.5, 9);
      expect(info.objectivePower).toBe(20);
      expect(info.associated).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'LABEL', width: 40, height: 24, contentType: 'image/jpeg' }),
          expect.objectContaining({ type: 'OVERVIEW', width: 48, height: 16, contentType: 'image/jpeg' }),
          expect.objectContaining({ type: 'THUMBNAIL', width: 30, height: 20, contentType: 'image/jpeg' }),
        ]),
      );
      await expectAllTiles(slide, 1, level1);
      const labelBytes = await slide.readAssociated('LABEL');
      expect(labelBytes?.contentType).toBe('image/jpeg');
      expect(Buffer.from(labelBytes!.bytes).equals(Buffer.from([...label.tiles.values()][0]))).toBe(true);
    });
    const groups = await groupSlideSeries([
      ...paths,
      (await single('other-series', { width: 32, height: 32, tileWidth: 16, tileHeight: 16 })).path,
    ]);
    expect(groups.map((g) => [g.seriesInstanceUID, g.paths.length, g.name])).toEqual([
      [series, 5, 'Pyramid fixture'],
      [seriesUID('other-series'), 1, 'FIXTURE-SLIDE'],
    ]);
  });

  it('TILED_SPARSE: tiles stored out of order, some missing', async () => {
    const sparseTiles: TileKey[] = [
      { col: 2, row: 1 },
      { col: 0, row: 0 },
      { col: 3, row: 2 },
      { col: 1, row: 0 },
    ];
    const written = await single('sparse', {
      width: 64,
      height: 48,
      tileWidth: 16,
      tileHeight: 16,
      organization: 'TILED_SPARSE',
      sparseTiles,
      offsetTable: 'none',
    });
    await withSlide([written.path], async (slide) => {
      expect(slide.describe().levels[0]).toMatchObject({ columns: 4, rows: 3, tileCount: 4 });
      await expectAllTiles(slide, 0, written);
      expect(await slide.readTile(0, 1, 1)).toBeNull();
      expect(await slide.readTile(0, 3, 0)).toBeNull();
    });
  });

  it('TILED_FULL with two focal planes and two optical paths', async () => {
    const written = await single('planes-paths', {
      width: 32,
      height: 32,
      tileWidth: 16,
      tileHeight: 16,
      focalPlanes: 2,
      opticalPathIds: ['A', 'B'],
    });
    expect(written.frameCount).toBe(16);
    await withSlide([written.path], async (slide) => {
      const info = slide.describe();
      expect(info.focalPlanes).toBe(2);
      expect(info.opticalPaths).toEqual([
        { id: 'A', description: 'path A' },
        { id: 'B', description: 'path B' },
      ]);
      expect(info.levels[0].tileCount).toBe(4);
      await expectAllTiles(slide, 0, written);
      const a = await slide.readTile(0, 1, 1, 0, 0);
      const b = await slide.readTile(0, 1, 1, 1, 1);
      expect(Buffer.from(a!.bytes).equals(Buffer.from(b!.bytes))).toBe(false);
      expect(await slide.readTile(0, 0, 0, 2, 0)).toBeNull();
      expect(await slide.readTile(0, 0, 0, 0, 2)).toBeNull();
    });
  });

  it('TILED_SPARSE with focal planes (by Z offset) and optical paths per frame', async () => {
    const sparseTiles: TileKey[] = [
      { col: 1, row: 0, plane: 1, path: 1 },
      { col: 0, row: 0, plane: 0, path: 0 },
      { col: 0, row: 1, plane: 1, path: 0 },
    ];
    const written = await single('sparse-planes', {
      width: 32,
      height: 32,
      tileWidth: 16,
      tileHeight: 16,
      organization: 'TILED_SPARSE',
      sparseTiles,
      opticalPathIds: ['R', 'G'],
      focalPlanes: 2,
    });
    await withSlide([written.path], async (slide) => {
      expect(slide.describe().focalPlanes).toBe(2);
      expect(slide.describe().levels[0].tileCount).toBe(3);
      await expectAllTiles(slide, 0, written);
      expect(await slide.readTile(0, 1, 0, 0, 0)).toBeNull();
    });
  });

  it('a level split across two files of a concatenation', async () => {
    const series = seriesUID('concatenation');
    const base = { width: 64, height: 32, tileWidth: 16, tileHeight: 16 } as const;
    const second = await writeInstance(dir, series, {
      ...base,
      fileName: 'concat-2.dcm',
      offsetTable: 'none',
      concatenation: { uid: '2.25.311.9', start: 5, end: 8, part: 2, parts: 2 },
    });
    const first = await writeInstance(dir, series, {
      ...base,
      fileName: 'concat-1.dcm',
      concatenation: { uid: '2.25.311.9', start: 0, end: 5, part: 1, parts: 2 },
    });
    await withSlide([second.path, first.path], async (slide) => {
      expect(slide.describe().levels).toHaveLength(1);
      expect(slide.describe().levels[0]).toMatchObject({ columns: 4, rows: 2, tileCount: 8 });
      await expectAllTiles(slide, 0, first);
      await expectAllTiles(slide, 0, second);
      const lastTile = await slide.readTile(0, 3, 1);
      expect(Buffer.from(lastTile!.bytes).equals(Buffer.from(second.tiles.get(keyOf({ col: 3, row: 1 }))!))).toBe(true);
    });
  });

  it.each(['explicit', 'implicit'] as const)('uncompressed, %s VR little endian', async (encoding) => {
    const written = await single(`native-${encoding}`, { width: 40, height: 30, tileWidth: 16, tileHeight: 16, encoding });
    await withSlide([written.path], async (slide) => {
      const info = slide.describe();
      expect(info.tileContentType).toBe('application/octet-stream');
      expect(info.levels[0]).toMatchObject({ columns: 3, rows: 2, tileCount: 6 });
      const tile = await slide.readTile(0, 2, 1);
      expect(tile!.bytes.length).toBe(16 * 16 * 3);
      await expectAllTiles(slide, 0, written);
    });
  });

  it('readDicomHeader summarises a file without reading its pixel data', async () => {
    const written = await single('header', { width: 32, height: 32, tileWidth: 16, tileHeight: 16, offsetTable: 'extended' });
    const header = await readDicomHeader(written.path);
    expect(header).toMatchObject({
      sopClassUID: '1.2.840.10008.5.1.4.1.1.77.1.6',
      sopInstanceUID: written.sopInstanceUID,
      seriesInstanceUID: seriesUID('header'),
      studyInstanceUID: '2.25.311.1',
      frameOfReferenceUID: '2.25.311.4',
      imageType: ['ORIGINAL', 'PRIMARY', 'VOLUME', 'NONE'],
      transferSyntaxUID: '1.2.840.10008.1.2.4.50',
      patientName: 'FIXTURE^SLIDE',
      patientID: 'FIXTURE-1',
    });
    expect(header.extendedOffsetTable?.length).toBe(4 * 8);
    expect(header.pixelDataOffset).toBeGreaterThan(header.extendedOffsetTableLengths!.valueOffset);
  });

  it('builds the frame index of a file once: later tiles cost one read each', async () => {
    const written = await single('index-once', {
      width: 64,
      height: 64,
      tileWidth: 16,
      tileHeight: 16,
      offsetTable: 'none',
      fragmentsPerFrame: 2,
    });
    await withSlide([written.path], async (slide) => {
      const reads = vi.spyOn(PositionalFile.prototype, 'read');
      try {
        await slide.readTile(0, 0, 0);
        expect(reads.mock.calls.length).toBeGreaterThan(16); // the scan of every fragment
        reads.mockClear();
        await Promise.all([slide.readTile(0, 3, 3), slide.readTile(0, 1, 2)]);
        expect(reads).toHaveBeenCalledTimes(2);
      } finally {
        reads.mockRestore();
      }
    });
  });

  it('refuses files of two series, or a series without a pyramid level', async () => {
    const one = await single('series-one', { width: 16, height: 16, tileWidth: 16, tileHeight: 16 });
    const two = await single('series-two', { width: 16, height: 16, tileWidth: 16, tileHeight: 16 });
    await expect(openDicomSlide([one.path, two.path])).rejects.toMatchObject({
      code: 'BAD_FILE',
      file: two.path,
      message: expect.stringMatching(/series/),
    });
    const label = await single('label-only', { kind: 'LABEL', width: 40, height: 24 });
    await expect(openDicomSlide([label.path])).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringMatching(/no VOLUME/),
    });
  });

  it('a closed slide refuses reads', async () => {
    const written = await single('closed', { width: 16, height: 16, tileWidth: 16, tileHeight: 16 });
    const slide = await openDicomSlide([written.path]);
    await slide.close();
    await expect(slide.readTile(0, 0, 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
