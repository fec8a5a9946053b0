import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- dcmjs has no .d.ts; only its logger is touched here.
import dcmjs from 'dcmjs';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDemoSlide } from '../../../electron/services/demo/demoSlide.js';
import { labelImage } from '../../../electron/services/demo/slide/labelImage.js';
import { encodeJpeg, encodeJpegRgba } from '../../../electron/services/demo/slide/rgbImage.js';
import { TILE, TissueRenderer } from '../../../electron/services/demo/slide/tissueRenderer.js';
import { TissueScene } from '../../../electron/services/demo/slide/tissueScene.js';
import { openDicomSlide, readDicomHeader } from '../../../electron/services/slides/dicom/index.js';
import type { SlideSource } from '../../../electron/services/sources.js';

let dir: string;
let paths: string[];
let slide: SlideSource;
let milliseconds: number;
const progress: Array<[number, number]> = [];
const printed: unknown[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'triptych-demo-slide-'));
  // dcmjs logs through its own logger (it captured console's methods when it loaded).
  const logger = (dcmjs as { log: Record<string, (...args: unknown[]) => void> }).log;
  const spies = [console, logger].flatMap((target) =>
    (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(target, level).mockImplementation((...args: unknown[]) => void printed.push(args)),
    ),
  );
  const started = performance.now();
  try {
    paths = await generateDemoSlide(join(dir, 'slides'), (done, total) => progress.push([done, total]));
  } finally {
    milliseconds = performance.now() - started;
    spies.forEach((spy) => spy.mockRestore());
  }
  slide = await openDicomSlide(paths);
}, 120_000);

afterAll(async () => {
  await slide?.close();
  await rm(dir, { recursive: true, force: true });
});

const decode = (bytes: Uint8Array) => jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
const tile = async (level: number, col: number, row: number) => (await slide.readTile(level, col, row))!.bytes;

/** Sampling factors of the components in the JPEG's SOF0 segment. */
function samplingFactors(stream: Uint8Array): number[] {
  for (let at = 2; at + 4 < stream.length; at += 2 + ((stream[at + 2] << 8) | stream[at + 3])) {
    if (stream[at + 1] === 0xc0) return Array.from({ length: stream[at + 9] }, (_, i) => stream[at + 11 + i * 3]);
  }
  throw new Error('not a baseline JPEG: no SOF0');
}

/** The first item of the Pixel Data (the Basic Offset Table): its length. */
async function basicOffsetTableLength(path: string): Promise<number> {
  const header = await readDicomHeader(path);
  const file = await open(path, 'r');
  try {
    const item = Buffer.alloc(8);
    await file.read(item, 0, 8, header.pixelData!.valueOffset);
    expect(item.readUInt32LE(0)).toBe(0xe000fffe);
    return item.readUInt32LE(4);
  } finally {
    await file.close();
  }
}

describe('the demo slide generator', () => {
  it('finishes within the 40 s budget, prints nothing, and reports progress up to its total', () => {
    expect(milliseconds).toBeLessThan(40_000);
    expect(printed).toEqual([]);
    const [lastDone, total] = progress.at(-1)!;
    expect(lastDone).toBe(total);
    expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1][0])).toBe(true);
  });

  it('writes a pyramid of at least 3 levels, level 0 at least 16,000 px wide, 40× at 0.25 µm/px', () => {
    const info = slide.describe();
    expect(info.levels.length).toBeGreaterThanOrEqual(3);
    expect(info.levels[0].width).toBeGreaterThanOrEqual(16_000);
    expect(info.levels.map((level) => level.downsample)).toEqual([1, 4, 16]);
    expect(info.levels.map((level) => [level.tileWidth, level.tileHeight])).toEqual([
      [256, 256],
      [256, 256],
      [256, 256],
    ]);
    expect(info.levels[0].mppX).toBeCloseTo(0.25, 9);
    expect(info.levels[2].mppY).toBeCloseTo(4, 9);
    expect(info.objectivePower).toBe(40);
    expect(info.stain).toBe('H&E');
    expect(info.tileContentType).toBe('image/jpeg');
    expect(info.associated.map((image) => image.type).sort()).toEqual(['LABEL', 'OVERVIEW', 'THUMBNAIL']);
  });

  it('is one brightfield optical path, so the viewer shows it in true colour, not as a fluorescence channel', () => {
    expect(slide.describe().opticalPaths).toEqual([{ id: '1', description: 'Brightfield' }]);
  });

  it('level 0 has an Extended Offset Table; the other levels a Basic Offset Table', async () => {
    const [level0, ...others] = paths.slice(0, 3);
    const header = await readDicomHeader(level0);
    expect(header.extendedOffsetTable?.length).toBe(64 * 40 * 8);
    expect(await basicOffsetTableLength(level0)).toBe(0);
    for (const path of others) {
      expect((await readDicomHeader(path)).extendedOffsetTable).toBeUndefined();
      expect(await basicOffsetTableLength(path)).toBeGreaterThan(0);
    }
  });

  it('tiles are baseline JPEG, 256 × 256, sampled as PhotometricInterpretation says', async () => {
    const { dataset } = await readDicomHeader(paths[0]);
    const bytes = await tile(0, 20, 15);
    const decoded = decode(bytes);
    expect([decoded.width, decoded.height]).toEqual([256, 256]);
    const subsampled = samplingFactors(bytes).some((factor) => factor !== 0x11);
    expect(dataset.PhotometricInterpretation).toBe(subsampled ? 'YBR_FULL_422' : 'YBR_FULL');
  });

  it('glass-only tiles share one encoding; tissue tiles do not', async () => {
    const corner = await tile(0, 0, 0);
    expect(Buffer.from(await tile(0, 63, 39)).equals(Buffer.from(corner))).toBe(true);
    const glass = decode(corner).data;
    expect(glass.reduce((min, value) => Math.min(min, value), 255)).toBeGreaterThanOrEqual(230);
    const distinct = new Set<string>();
    for (let row = 0; row < 40; row += 2)
      for (let col = 0; col < 64; col += 2) distinct.add(Buffer.from(await tile(0, col, row)).toString('base64'));
    expect(distinct.size).toBeGreaterThan(100);
  });

  it('is deterministic: a tile drawn again from a fresh scene, and the label, equal the stored bytes', async () => {
    const renderer = new TissueRenderer(new TissueScene());
    const rgba = new Uint8Array(TILE * TILE * 4);
    const [col, row] = [20, 15];
    renderer.render(col * TILE, row * TILE, rgba);
    expect(Buffer.from(encodeJpegRgba(rgba, TILE, TILE)).equals(Buffer.from(await tile(0, col, row)))).toBe(true);
    const label = await slide.readAssociated('LABEL');
    // The stored frame may carry one byte of padding to even length.
    expect(
      Buffer.from(label!.bytes.subarray(0, encodeJpeg(labelImage()).length)).equals(Buffer.from(encodeJpeg(labelImage()))),
    ).toBe(true);
  });

  it('levels agree: a level-1 tile matches the 4 × 4 average of the level-0 tiles under it', async () => {
    const [col, row] = [5, 4];
    const lower = decode(await tile(1, col, row)).data;
    let difference = 0;
    let tissue = 0;
    for (let ty = 0; ty < 4; ty++) {
      for (let tx = 0; tx < 4; tx++) {
        const upper = decode(await tile(0, col * 4 + tx, row * 4 + ty)).data;
        for (let y = 0; y < 64; y++) {
          for (let x = 0; x < 64; x++) {
            for (let c = 0; c < 3; c++) {
              let sum = 0;
              for (let dy = 0; dy < 4; dy++)
                for (let dx = 0; dx < 4; dx++) sum += upper[((y * 4 + dy) * 256 + x * 4 + dx) * 3 + c];
              const value = lower[((ty * 64 + y) * 256 + tx * 64 + x) * 3 + c];
              difference += Math.abs(sum / 16 - value);
              if (c === 1 && value < 200) tissue++;
            }
          }
        }
      }
    }
    expect(tissue).toBeGreaterThan(256 * 256 * 0.3);
    expect(difference / (256 * 256 * 3)).toBeLessThan(6);
  });

  it('looks like H&E: light glass around pink and purple tissue', async () => {
    const thumbnail = decode((await slide.readAssociated('THUMBNAIL'))!.bytes);
    let glass = 0;
    const sum = [0, 0, 0];
    let tissue = 0;
    for (let i = 0; i < thumbnail.data.length; i += 3) {
      const [r, g, b] = thumbnail.data.subarray(i, i + 3);
      if (r > 225 && g > 225 && b > 225) glass++;
      else {
        tissue++;
        sum[0] += r;
        sum[1] += g;
        sum[2] += b;
      }
    }
    const pixels = thumbnail.width * thumbnail.height;
    expect(glass / pixels).toBeGreaterThan(0.4);
    expect(glass / pixels).toBeLessThan(0.85);
    const [r, g, b] = sum.map((value) => value / tissue);
    // Eosin pink and haematoxylin purple both absorb green most.
    expect(r).toBeGreaterThan(g + 30);
    expect(b).toBeGreaterThan(g + 20);
  });

  it('the label carries a Code 39 barcode that reads DEMO-0001', async () => {
    const label = decode((await slide.readAssociated('LABEL'))!.bytes);
    expect(readCode39(label.data, label.width, 350)).toBe('DEMO-0001');
  });
});

// Code 39, read independently of the writer: n/w for bar, space, bar … (PS: ISO/IEC 16388).
const CODE39: Record<string, string> = {
  nwnnwnwnn: '*',
  nnnnwwnnw: 'D',
  wnnnwwnnn: 'E',
  wnwnnnnwn: 'M',
  wnnnwnnwn: 'O',
  nwnnnnwnw: '-',
  nnnwwnwnn: '0',
  wnnwnnnnw: '1',
};

function readCode39(rgb: Uint8Array, width: number, y: number): string {
  const dark = (x: number) => rgb[(y * width + x) * 3] < 128;
  const runs: number[] = [];
  let x = 0;
  while (x < width && !dark(x)) x++;
  let last = width - 1;
  while (last > 0 && !dark(last)) last--;
  while (x <= last) {
    const state = dark(x);
    let length = 0;
    while (x <= last && dark(x) === state) {
      length++;
      x++;
    }
    runs.push(length);
  }
  const narrow = Math.min(...runs);
  let text = '';
  for (let at = 0; at + 9 <= runs.length; at += 10) {
    const pattern = runs
      .slice(at, at + 9)
      .map((run) => (run > narrow * 1.8 ? 'w' : 'n'))
      .join('');
    text += CODE39[pattern] ?? '?';
  }
  expect(text.startsWith('*') && text.endsWith('*')).toBe(true);
  return text.slice(1, -1);
}
