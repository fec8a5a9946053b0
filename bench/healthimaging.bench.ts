/**
 * HealthImaging slides against the same slide from a local DICOM file, in one run: a generated
 * JPEG pyramid (level 0 6144 × 4096, 384 tiles of 256 px) on the loopback HealthImaging stand-in
 * (in a process of its own) with 50 ms added latency per request, read through the binary handler's tile route as the
 * viewer reads it (12 requests in flight, as OpenSeadragon's imageLoaderLimit). Figures:
 *
 * - tiles per second, whole level 0: local file; HealthImaging cold (GetImageFrame through the
 *   request queue); HealthImaging from the disk cache (warm) — and their ratios to local;
 * - time to the first screenful (a 1600 × 1000 view at level 0: 7 × 5 tiles, metadata included
 *   for HealthImaging), cold and warm, against local;
 * - the cache-hit tile rate as a ratio to the local DICOM tile rate (goal ≥ 0.8).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forgetCredentials } from '../electron/services/aws/awsClientConfig.js';
import { createBinaryService } from '../electron/services/binary/binaryHandler.js';
import { DiskCache } from '../electron/services/cache/diskCache.js';
import { openHealthImagingSlide } from '../electron/services/healthimaging/healthImagingSlide.js';
import { forgetImagingClients } from '../electron/services/healthimaging/imagingClient.js';
import { RequestQueue } from '../electron/services/remote/requestQueue.js';
import { openDicomSlide } from '../electron/services/slides/dicom/index.js';
import type { Bytes, SlideSource } from '../electron/services/sources.js';
import { writeCodecSlide } from '../tests/services/slides/fixtures/codecSlides.js';
import { startStandInProcess } from './imagingStandInProcess.js';
import type { Figure } from './run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const LATENCY_MS = 50;
const IN_FLIGHT = 12;
/** GetImageFrame calls in flight at once (the app's request queue). */
const QUEUE = 10;
/** What the latency alone allows: QUEUE requests every LATENCY_MS. */
const LATENCY_BOUND = (QUEUE * 1000) / LATENCY_MS;
const WIDTH = 6144;
const HEIGHT = 4096;
const TILE = 256;
const SCREEN = { columns: 7, rows: 5 }; // 1600 × 1000 px at level 0, tiles cut by the edges
const DATASTORE = '0123456789abcdef0123456789abcdef';
const IMAGE_SET = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';

type Tiles = Array<[number, number]>;

/** Fetch tiles through the tile route, IN_FLIGHT at a time; returns the elapsed ms. */
async function fetchTiles(serve: ReturnType<typeof createBinaryService>, slideId: string, tiles: Tiles): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < tiles.length) {
      const [col, row] = tiles[next++];
      const reply = await serve({
        method: 'GET',
        pathname: `/binary/slides/${slideId}/tiles/0/${col}/${row}`,
        search: '',
        range: null,
      });
      if (reply.status !== 200) throw new Error(`tile ${col},${row}: ${reply.status} ${String(reply.body)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return performance.now() - started;
}

const grid = (columns: number, rows: number): Tiles =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => [c, r] as [number, number])).flat();

export default async function healthImagingBench(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'triptych-bench-healthimaging-'));
  const saved = { ...process.env };
  try {
    const started = performance.now();
    await writeCodecSlide({
      dir,
      name: 'bench',
      codec: 'jpeg',
      levels: [
        { width: WIDTH, height: HEIGHT },
        { width: WIDTH / 4, height: HEIGHT / 4 },
      ],
      tileSize: TILE,
      components: 3,
      bits: 8,
      offsetTable: 'extended',
      pixel: (_l, x, y) => [(x * 7) & 255, (y * 5) & 255, ((x ^ y) * 3) & 255],
    });
    const paths = (await readdir(dir)).filter((n) => n.endsWith('.dcm')).map((n) => join(dir, n));
    // The service runs in a process of its own, as it is across a network for the app.
    const server = await startStandInProcess({ paths, datastoreId: DATASTORE, imageSetId: IMAGE_SET, latencyMs: LATENCY_MS });
    process.stderr.write(`  slide made and served in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    Object.assign(process.env, server.env);
    forgetCredentials();
    forgetImagingClients();

    const ref = { source: 'healthimaging' as const, region: 'us-east-1', datastoreId: DATASTORE, imageSetId: IMAGE_SET };
    const connection = { profile: null, region: 'us-east-1' };
    const all = grid(WIDTH / TILE, HEIGHT / TILE);
    const screen = grid(SCREEN.columns, SCREEN.rows);
    const figures: Figure[] = [];
    try {
      // Local: open + first screenful, then the whole level (tiles in the page cache, as a viewer re-reading).
      const slides = new Map<string, SlideSource>();
      const serve = createBinaryService({ filePath: () => undefined, slide: async (id) => slides.get(id) });
      let t0 = performance.now();
      slides.set('local', await openDicomSlide(paths));
      await fetchTiles(serve, 'local', screen);
      const localFirst = performance.now() - t0;
      await fetchTiles(serve, 'local', all); // warm the OS cache and the frame index
      const localMs = await fetchTiles(serve, 'local', all);

      // HealthImaging cold: a fresh cache; first screenful includes GetImageSetMetadata.
      const cache = new DiskCache(join(dir, 'cache'), 4 * 2 ** 30);
      const deps = () => ({ cache, queue: new RequestQueue<Bytes>(QUEUE) });
      t0 = performance.now();
      slides.set('remote', await openHealthImagingSlide(connection, ref, deps()));
      await fetchTiles(serve, 'remote', screen);
      const remoteFirst = performance.now() - t0;
      const remoteColdMs = await fetchTiles(serve, 'remote', all.slice(screen.length));
      const coldTiles = all.length - screen.length;

      // Warm: reopened (metadata fetched again: the network answer wins), every tile from the disk cache.
      t0 = performance.now();
      slides.set('warm', await openHealthImagingSlide(connection, ref, deps()));
      await fetchTiles(serve, 'warm', screen);
      const warmFirst = performance.now() - t0;
      await fetchTiles(serve, 'warm', all);
      const warmMs = await fetchTiles(serve, 'warm', all);

      const localRate = (all.length / localMs) * 1000;
      const coldRate = (coldTiles / remoteColdMs) * 1000;
      const warmRate = (all.length / warmMs) * 1000;
      figures.push(
        { name: 'local DICOM tiles/s', value: localRate, unit: 'tiles/s', note: `${all.length} tiles of ${TILE} px, JPEG` },
        {
          name: 'HealthImaging cold tiles/s / local',
          value: coldRate / localRate,
          note: `${coldRate.toFixed(0)} tiles/s, ${LATENCY_MS} ms latency, ${QUEUE} GetImageFrame in flight`,
        },
        {
          name: 'HealthImaging cold tiles/s / latency bound',
          value: coldRate / LATENCY_BOUND,
          note: `${LATENCY_BOUND} tiles/s: ${QUEUE} in flight at ${LATENCY_MS} ms each`,
        },
        {
          name: 'cache-hit tiles/s / local (goal ≥ 0.8)',
          value: warmRate / localRate,
          note: `${warmRate.toFixed(0)} tiles/s from the disk cache`,
        },
        { name: 'first screenful, local', value: localFirst, unit: 'ms', note: `${screen.length} tiles, open included` },
        {
          name: 'first screenful, HealthImaging cold / local',
          value: remoteFirst / localFirst,
          note: `${remoteFirst.toFixed(0)} ms, metadata included`,
        },
        {
          name: 'first screenful, HealthImaging cached / local',
          value: warmFirst / localFirst,
          note: `${warmFirst.toFixed(0)} ms, metadata fetched again`,
        },
      );
      for (const s of slides.values()) await s.close();
      cache.close();
    } finally {
      await server.close();
    }
    return figures;
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    forgetImagingClients();
    await rm(dir, { recursive: true, force: true });
  }
}
