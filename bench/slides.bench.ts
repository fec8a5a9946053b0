/**
 * Slides: opening a very large DICOM pyramid, serving its tiles, painting it in Chromium, and the
 * WebAssembly tile decoders.
 *
 * A generated slide of 60,000 × 40,000 px at level 0 (256-px JPEG tiles, Extended Offset Table,
 * three lower levels), written from a few precomputed tile streams so it takes seconds, and a small
 * one (6,000 × 4,000) for the memory comparison; both are deleted afterwards.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { asFetchHandler, createBinaryService } from '../electron/services/binary/binaryHandler.js';
import { loadCodec, decodeFrame } from '../electron/services/slides/decode/decodeFrame.js';
import type { NaturalDataset } from '../electron/services/slides/dicom/dcmjsBridge.js';
import { WSI_SOP_CLASS_UID } from '../electron/services/slides/dicom/header.js';
import { openDicomSlide } from '../electron/services/slides/dicom/index.js';
import { encodeDicomFile, writeFileAtomically } from '../electron/services/slides/dicom/write/dicomFileWriter.js';
import { JpegEncoder } from '../electron/services/slides/dicom/write/jpegEncoder.js';
import { encodeTile } from '../tests/services/slides/fixtures/codecSlides.js';
import type { Figure } from './run.js';
import { CHROMIUM_ARGS, serveCase } from './serveHost.js';

const TILE = 256;
const REPO = resolve(import.meta.dirname, '..');

/** Tissue-like RGB: smooth stain gradients with noise (compresses like a real slide, not like a flat fill). */
function tissue(seed: number): Uint8Array {
  const rgb = new Uint8Array(TILE * TILE * 3);
  let s = seed * 9301 + 49297;
  for (let y = 0; y < TILE; y++) {
    for (let x = 0; x < TILE; x++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const noise = (s >> 16) % 24;
      const nucleus = Math.sin((x + seed * 13) / 9) * Math.cos((y - seed * 7) / 11) > 0.6;
      const at = (y * TILE + x) * 3;
      rgb[at] = nucleus ? 90 + noise : 220 - noise;
      rgb[at + 1] = nucleus ? 60 + noise : 150 + noise;
      rgb[at + 2] = nucleus ? 150 + noise : 190 - noise;
    }
  }
  return rgb;
}

type Written = { paths: string[]; bytes: number; level0Frames: Array<{ position: number; length: number }> };

/** A JPEG pyramid (factor 4 between levels) whose tiles cycle through a few precomputed streams. */
export async function writeLargeSlide(dir: string, name: string, width: number, height: number): Promise<Written> {
  const encoder = new JpegEncoder(85);
  const streams = Array.from({ length: 8 }, (_, i) => {
    const jpeg = encoder.encode(tissue(i), TILE, TILE, 3);
    if (jpeg.length % 2 === 0) return jpeg;
    const padded = new Uint8Array(jpeg.length + 1);
    padded.set(jpeg);
    return padded;
  });
  const series = `2.25.99.${Date.now()}`;
  const paths: string[] = [];
  let bytes = 0;
  let level0Frames: Written['level0Frames'] = [];
  for (let level = 0, w = width, h = height; w >= TILE || level === 0; level++, w = Math.ceil(w / 4), h = Math.ceil(h / 4)) {
    const columns = Math.ceil(w / TILE);
    const rows = Math.ceil(h / TILE);
    const frames = Array.from({ length: columns * rows }, (_, i) => streams[(i * 7 + level) % streams.length]);
    const spacing = Number(((0.00025 * width) / w).toPrecision(8));
    const dataset: NaturalDataset = {
      SOPClassUID: WSI_SOP_CLASS_UID,
      SOPInstanceUID: `${series}.${level + 1}`,
      StudyInstanceUID: `${series}.0`,
      SeriesInstanceUID: series,
      FrameOfReferenceUID: `${series}.9`,
      Modality: 'SM',
      ContainerIdentifier: name,
      SeriesDescription: name,
      ImageType: ['ORIGINAL', 'PRIMARY', 'VOLUME', 'NONE'],
      Rows: TILE,
      Columns: TILE,
      SamplesPerPixel: 3,
      PhotometricInterpretation: 'YBR_FULL_422',
      PlanarConfiguration: 0,
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
      PixelRepresentation: 0,
      NumberOfFrames: frames.length,
      TotalPixelMatrixColumns: w,
      TotalPixelMatrixRows: h,
      DimensionOrganizationType: 'TILED_FULL',
      TotalPixelMatrixFocalPlanes: 1,
      SharedFunctionalGroupsSequence: [{ PixelMeasuresSequence: [{ PixelSpacing: [spacing, spacing], SliceThickness: 0.001 }] }],
    };
    const chunks = encodeDicomFile(dataset, '1.2.840.10008.1.2.4.50', { kind: 'encapsulated', frames, offsetTable: 'extended' });
    if (level === 0) {
      // Where each frame's bytes lie, from the chunk layout: …, item header, fragment, item header, fragment, delimiter.
      let position = 0;
      const fragmentStart = chunks.length - 1 - frames.length * 2;
      for (let i = 0; i < fragmentStart; i++) position += chunks[i].length;
      level0Frames = frames.map((frame) => {
        const at = position + 8;
        position += 8 + frame.length;
        return { position: at, length: frame.length };
      });
    }
    const path = join(dir, `${name}-L${level}.dcm`);
    await writeFileAtomically(path, chunks);
    bytes += chunks.reduce((sum, c) => sum + c.length, 0);
    paths.push(path);
  }
  return { paths, bytes, level0Frames };
}

const rssMb = () => process.memoryUsage().rss / 1048576;

async function openAndFirstTile(paths: string[]) {
  const before = rssMb();
  const start = performance.now();
  const slide = await openDicomSlide(paths);
  const { columns, rows } = slide.describe().levels[0];
  const tile = await slide.readTile(0, Math.floor(columns / 2), Math.floor(rows / 2));
  const ms = performance.now() - start;
  if (!tile) throw new Error('no first tile');
  return { slide, ms, rssGrowth: rssMb() - before };
}

async function tilesPerSecond(written: Written, paths: string[]) {
  const slide = await openDicomSlide(paths);
  const { columns, rows } = slide.describe().levels[0];
  const service = createBinaryService({ filePath: () => undefined, slide: async () => slide });
  const handler = asFetchHandler(service);
  const count = 4000;
  const picks = Array.from({ length: count }, (_, i) => ((i * 7919) % (columns * rows)) >>> 0);
  const viaHandler = async (index: number) => {
    const response = await handler(
      new Request(`http://bench/binary/slides/s/tiles/0/${index % columns}/${Math.floor(index / columns)}`),
    );
    await response.arrayBuffer();
  };
  // What the HTTP host calls per tile (no WHATWG Request/Response objects).
  const viaService = async (index: number) => {
    const reply = await service({
      method: 'GET',
      pathname: `/binary/slides/s/tiles/0/${index % columns}/${Math.floor(index / columns)}`,
      search: '',
      range: null,
    });
    if (!(reply.body instanceof Uint8Array)) throw new Error('no tile');
  };
  const batched = async (each: (index: number) => Promise<unknown>) => {
    const start = performance.now();
    for (let i = 0; i < count; i += 16) await Promise.all(picks.slice(i, i + 16).map(each));
    return count / ((performance.now() - start) / 1000);
  };
  // Warm up (the frame index is built once; JIT), outside the timing.
  await batched(viaHandler);
  await batched((index) => slide.readTile(0, index % columns, Math.floor(index / columns)));
  const readerRate = await batched((index) => slide.readTile(0, index % columns, Math.floor(index / columns)));
  const handlerRate = await batched(viaHandler);
  await batched(viaService);
  const serviceRate = await batched(viaService);
  const file = await open(paths[0], 'r');
  const raw = async (index: number) => {
    const { position, length } = written.level0Frames[index];
    await file.read(new Uint8Array(length), 0, length, position);
  };
  await batched(raw);
  const rawRate = await batched(raw);
  await file.close();
  await slide.close();
  return { handlerRate, serviceRate, rawRate, readerRate };
}

async function decodeRates(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const format = {
    samplesPerPixel: 3,
    bitsAllocated: 8,
    bitsStored: 8,
    pixelRepresentation: 0,
    photometricInterpretation: 'RGB',
    planarConfiguration: 0,
  };
  for (const [codec, type] of [
    ['htj2k', 'image/jph'],
    ['j2k', 'image/j2c'],
  ] as const) {
    await loadCodec(codec);
    const tiles = await Promise.all([0, 1, 2, 3].map((i) => encodeTile(codec, tissue(i), TILE, TILE, 3)));
    const n = codec === 'htj2k' ? 400 : 120;
    const start = performance.now();
    for (let i = 0; i < n; i++) await decodeFrame(tiles[i % tiles.length], type, format, TILE, TILE);
    figures.push({
      name: `${codec === 'htj2k' ? 'HTJ2K' : 'JPEG 2000'} decode per worker (lossless 256² RGB)`,
      value: n / ((performance.now() - start) / 1000),
      unit: 'tiles/s',
      note: 'the workers’ codec (WebAssembly) on one thread, in Node',
    });
  }
  return figures;
}

/** Open → first screenful painted, and frame rate while panning, in Chromium through the HTTP host. */
async function chromiumFigures(caseDir: string): Promise<Figure[]> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium) || !existsSync(join(REPO, 'dist/renderer/index.html'))) {
    return [{ name: 'Chromium figures', value: 'skipped', note: 'no Chromium or no built renderer (npx vite build)' }];
  }
  const { chromium: playwright } = await import('@playwright/test');
  const dataDir = await mkdtemp(join(tmpdir(), 'triptych-bench-data-'));
  const served = await serveCase(caseDir, dataDir);
  try {
    const url = served.url;
    const browser = await playwright.launch({
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      let inFlight = 0;
      let lastTileDone = 0;
      page.on('request', (r) => {
        if (r.url().includes('/tiles/')) inFlight++;
      });
      const done = (r: { url(): string }) => {
        if (!r.url().includes('/tiles/')) return;
        inFlight--;
        lastTileDone = performance.now();
      };
      page.on('requestfinished', done);
      page.on('requestfailed', done);
      const start = performance.now();
      await page.goto(url);
      await page.waitForSelector('[data-testid=slide-viewer][data-ready]', { timeout: 120_000 });
      // The first screenful: tile loading has settled (nothing in flight for 500 ms).
      while (!(lastTileDone > 0 && inFlight === 0 && performance.now() - lastTileDone > 500)) await page.waitForTimeout(50);
      const firstScreen = lastTileDone - start;
      // Pan with the mouse for 3 s and count animation frames.
      const box = (await page.getByTestId('slide-viewer').boundingBox())!;
      await page.getByTestId('slide-mag-10').click();
      await page.waitForTimeout(1500);
      // A string, not a function: tsx would wrap a function with helpers the page does not have.
      await page.evaluate(
        'window.__frames = 0; window.__counting = true; (function tick() { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); })();',
      );
      const panStart = performance.now();
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 90; i++) {
        const t = (i % 30) / 30;
        await page.mouse.move(box.x + box.width * (0.8 - 0.6 * t), box.y + box.height * (0.5 + 0.2 * Math.sin(i / 5)));
        await page.waitForTimeout(25);
      }
      await page.mouse.up();
      const frames = (await page.evaluate('window.__counting = false; window.__frames')) as number;
      const fps = frames / ((performance.now() - panStart) / 1000);
      const drawer = await page.getByTestId('slide-viewer').getAttribute('data-drawer');
      return [
        {
          name: 'Chromium: open → first screenful painted',
          value: firstScreen,
          unit: 'ms',
          note: `1600×1000, ${drawer} drawer, page load included`,
        },
        {
          name: 'Chromium: frames/s while panning at 10×',
          value: fps,
          unit: 'fps',
          note: 'requestAnimationFrame rate during a mouse drag',
        },
      ];
    } finally {
      await browser.close();
    }
  } finally {
    served.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export default async function (): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'triptych-bench-slides-'));
  const figures: Figure[] = [];
  try {
    const t = performance.now();
    const small = await writeLargeSlide(join(dir, 'small'), 'small', 6000, 4000);
    const large = await writeLargeSlide(join(dir, 'large'), 'large', 60000, 40000);
    figures.push({
      name: 'generated slide (60,000 × 40,000, 256-px JPEG, EOT)',
      value: large.bytes / 1e9,
      unit: 'GB',
      note: `${large.level0Frames.length.toLocaleString('en')} level-0 tiles, written in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    });

    const smallOpen = await openAndFirstTile(small.paths);
    await smallOpen.slide.close();
    const largeOpen = await openAndFirstTile(large.paths);
    await largeOpen.slide.close();
    figures.push(
      { name: 'open (index built) + first tile, 60k × 40k', value: largeOpen.ms, unit: 'ms' },
      { name: 'open + first tile, 6k × 4k', value: smallOpen.ms, unit: 'ms' },
      { name: 'Node RSS growth on open, 60k × 40k', value: largeOpen.rssGrowth, unit: 'MB' },
      {
        name: 'Node RSS growth on open, 6k × 4k',
        value: smallOpen.rssGrowth,
        unit: 'MB',
        note: 'first open also loads the reader code',
      },
    );

    const rates = await tilesPerSecond(large, large.paths);
    figures.push(
      {
        name: 'tiles/s through the binary handler (HTTP host mount)',
        value: rates.serviceRate,
        unit: 'tiles/s',
        note: '4,000 scattered level-0 tiles, 16 at a time',
      },
      { name: 'tiles/s, raw positional reads of the same frames', value: rates.rawRate, unit: 'tiles/s' },
      { name: 'binary handler / raw reads', value: rates.serviceRate / rates.rawRate, note: 'goal ≥ 0.5' },
      {
        name: 'WHATWG mount (Electron protocol.handle) / raw reads',
        value: rates.handlerRate / rates.rawRate,
        note: 'a Request and a Response object per tile',
      },
      {
        name: 'slide reader (readTile) / raw reads',
        value: rates.readerRate / rates.rawRate,
        note: 'the rest is WHATWG Request/Response (undici) cost',
      },
    );

    figures.push(...(await decodeRates()));
    figures.push(...(await chromiumFigures(join(dir, 'large'))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
