/**
 * HealthImaging image sets opened as slides with the real SDK against the loopback stand-in:
 * the metadata gives the same slide model as the local files (full and sparse, and sparse with
 * its per-frame positions left out), every content type decodes to the expected pixels, faults
 * are retried or reported in words a user can act on, and the disk cache evicts, survives
 * corruption and serves the slide with no network.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetCredentials } from '../../../electron/services/aws/awsClientConfig.js';
import { ServiceError } from '../../../electron/services/errors.js';
import { forgetImagingClients } from '../../../electron/services/healthimaging/imagingClient.js';
import { openHealthImagingSlide } from '../../../electron/services/healthimaging/healthImagingSlide.js';
import { decodeFrame } from '../../../electron/services/slides/decode/decodeFrame.js';
import { openDicomSlide } from '../../../electron/services/slides/dicom/index.js';
import { gridColour, PLANE_COLOURS } from '../slides/fixtures/codecCase.js';
import { j2kColour, SPARSE_TILES } from '../../support/aws/imagingWorld.js';
import { imageSetFromDicomFiles } from '../../support/aws/healthImagingService.js';
import { keyOf, seriesUID, writeInstance } from '../slides/fixtures/slideFixtures.js';
import { connection, IMAGING, imagingDeps, inWorld, refOf, startTestWorld } from './imagingTestWorld.js';

let world: Awaited<ReturnType<typeof startTestWorld>>;

beforeAll(async () => {
  world = await startTestWorld({ otherImageSets: 3 });
}, 60_000);
afterAll(async () => world?.server.close());

const localSlide = async (dir: string) =>
  openDicomSlide((await readdir(dir)).filter((n) => n.endsWith('.dcm')).map((n) => join(dir, n)));

/** The description without what only a remote slide has. */
const model = (d: Record<string, unknown>) => {
  const { remoteUrl: _u, notes: _n, ...rest } = d;
  return rest;
};

async function failureOf(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('HealthImaging metadata → the local slide model', () => {
  it('a JPEG pyramid: same levels, tile size, pixel spacing, optical paths as the local files', async () => {
    await inWorld(world, async () => {
      const remote = await openHealthImagingSlide(connection, refOf(IMAGING.grid), imagingDeps(world.dir, 'm1').deps);
      const local = await localSlide(world.localDirs.grid);
      expect(model(remote.describe())).toEqual(model(local.describe()));
      expect(remote.describe()).toMatchObject({
        remoteUrl: `healthimaging://${IMAGING.region}/${IMAGING.datastoreId}/${IMAGING.grid}`,
        tileContentType: 'image/jpeg',
      });
      expect(remote.describe().levels.map((l) => [l.width, l.columns, l.rows, l.mppX])).toEqual([
        [2048, 8, 6, 0.5],
        [512, 2, 2, 2],
      ]);
      expect(remote.describe().notes).toBeUndefined();
      await local.close();
    });
  });

  it('focal planes (HTJ2K) and a TILED_SPARSE level with its per-frame positions', async () => {
    await inWorld(world, async () => {
      const deps = imagingDeps(world.dir, 'm2').deps;
      const htj2k = await openHealthImagingSlide(connection, refOf(IMAGING.htj2k), deps);
      const localHtj2k = await localSlide(world.localDirs.htj2k);
      expect(model(htj2k.describe())).toEqual(model(localHtj2k.describe()));
      expect(htj2k.describe()).toMatchObject({ focalPlanes: 3, tileContentType: 'image/jph' });

      const sparse = await openHealthImagingSlide(connection, refOf(IMAGING.sparse), deps);
      const localSparse = await localSlide(world.localDirs.sparse);
      // The stand-in's study has a date; the local file none (it is where the scan date falls back to).
      expect(model(sparse.describe())).toEqual({ ...model(localSparse.describe()), acquisitionDate: '2024-03-05' });
      expect(sparse.describe().levels[0]).toMatchObject({ columns: 4, rows: 3, tileCount: SPARSE_TILES.length });
      for (let row = 0; row < 3; row++) {
        for (let col = 0; col < 4; col++) {
          const stored = SPARSE_TILES.some((t) => t.col === col && t.row === row);
          const [a, b] = await Promise.all([sparse.readTile(0, col, row), localSparse.readTile(0, col, row)]);
          expect(a === null, `tile ${col},${row}`).toBe(!stored);
          if (a && b) expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
        }
      }
      await Promise.all([localHtj2k.close(), localSparse.close()]);
    });
  });

  it('sparse metadata without per-frame positions: said in notes, the level not guessed', async () => {
    await inWorld(world, async () => {
      const error = await failureOf(
        openHealthImagingSlide(connection, refOf(IMAGING.sparseNoPositions), imagingDeps(world.dir, 'm3').deps),
      );
      expect(error.code).toBe('BAD_FILE');
      expect(error.message).toMatch(/no per-frame positions .*TILED_SPARSE, 6 of 12 tiles stored/);
    });
  });

  it('no per-frame positions but a frame for every tile: placed in TILED_FULL order; a partial level left out; both said', async () => {
    const dir = join(world.dir, 'no-positions');
    const series = seriesUID('no-positions');
    const full = await writeInstance(dir, series, {
      fileName: 'l0.dcm',
      width: 256,
      height: 128,
      tileWidth: 64,
      tileHeight: 64,
      organization: 'TILED_SPARSE', // every tile stored, row by row
    });
    await writeInstance(dir, series, {
      fileName: 'l1.dcm',
      width: 128,
      height: 64,
      tileWidth: 32,
      tileHeight: 32,
      level0Width: 256,
      organization: 'TILED_SPARSE',
      sparseTiles: [{ col: 1, row: 0 }],
    });
    const set = await imageSetFromDicomFiles(
      [join(dir, 'l0.dcm'), join(dir, 'l1.dcm')],
      { datastoreId: IMAGING.datastoreId, imageSetId: 'b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8' },
      { dropPerFrame: true },
    );
    world.imaging.imageSets.push(set);
    await inWorld(world, async () => {
      const slide = await openHealthImagingSlide(connection, refOf(set.imageSetId), imagingDeps(world.dir, 'np').deps);
      const d = slide.describe();
      expect(d.levels.map((l) => [l.width, l.tileCount])).toEqual([[256, 8]]);
      expect(d.notes).toEqual([
        expect.stringMatching(/no per-frame positions for the VOLUME 256 × 128 .*placed in TILED_FULL order/),
        expect.stringMatching(/no per-frame positions for the VOLUME 128 × 64 .*1 of 8 tiles stored.*not shown/),
      ]);
      for (const [col, row] of [
        [0, 0],
        [3, 1],
      ]) {
        const tile = (await slide.readTile(0, col, row))!;
        expect(Buffer.from(tile.bytes).equals(Buffer.from(full.tiles.get(keyOf({ col, row }))!))).toBe(true);
      }
    });
  });

  it('an image set that is not found, or not a slide, is said so', async () => {
    await inWorld(world, async () => {
      const missing = await failureOf(
        openHealthImagingSlide(connection, refOf('99999999999999999999999999999999'), imagingDeps(world.dir, 'm4').deps),
      );
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.message).toContain('image set 99999999999999999999999999999999');
      world.imaging.imageSets.at(-1)!.metadata.Study.Series = Object.fromEntries(
        Object.entries(world.imaging.imageSets.at(-1)!.metadata.Study.Series).map(([k, s]) => [
          k,
          {
            ...s,
            Instances: Object.fromEntries(
              Object.entries(s.Instances).map(([i, x]) => [
                i,
                { ...x, DICOM: { ...x.DICOM, SOPClassUID: '1.2.840.10008.5.1.4.1.1.2' } },
              ]),
            ),
          },
        ]),
      );
      const notSlide = await failureOf(
        openHealthImagingSlide(connection, refOf(world.imaging.imageSets.at(-1)!.imageSetId), imagingDeps(world.dir, 'm5').deps),
      );
      expect(notSlide.message).toMatch(/no whole-slide image/);
    });
  });
});

describe('frames of each content type decode to the expected pixels', () => {
  it('image/jpeg as stored; image/jph, image/jphc, image/j2c and application/octet-stream through the decoders', async () => {
    await inWorld(world, async () => {
      const deps = imagingDeps(world.dir, 'px').deps;
      const grid = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
      for (const [col, row] of [
        [0, 0],
        [5, 3],
        [7, 5],
      ]) {
        const tile = (await grid.readTile(0, col, row))!;
        expect(tile.contentType).toBe('image/jpeg');
        const decoded = await decodeFrame(tile.bytes, tile.contentType, grid.describe().pixelFormat!, 256, 256);
        const at = (128 * 256 + 128) * decoded.components;
        const expected = gridColour(col, row);
        for (let c = 0; c < 3; c++) expect(Math.abs(decoded.data[at + c] - expected[c])).toBeLessThanOrEqual(6);
      }

      const htj2k = await openHealthImagingSlide(connection, refOf(IMAGING.htj2k), deps);
      for (let z = 0; z < 3; z++) {
        const tile = (await htj2k.readTile(0, 1, 0, z))!;
        expect(tile.contentType).toBe('image/jph');
        const decoded = await decodeFrame(tile.bytes, tile.contentType, htj2k.describe().pixelFormat!, 256, 256);
        expect([...decoded.data.subarray(0, 3)]).toEqual(PLANE_COLOURS[z]);
      }

      const j2k = await openHealthImagingSlide(connection, refOf(IMAGING.j2k), deps);
      const j2kTile = (await j2k.readTile(0, 0, 0))!;
      expect(j2kTile.contentType).toBe('image/j2c');
      const j2kPixels = await decodeFrame(j2kTile.bytes, j2kTile.contentType, j2k.describe().pixelFormat!, 256, 256);
      for (const [x, y] of [
        [0, 0],
        [200, 17],
        [255, 255],
      ])
        expect([...j2kPixels.data.subarray((y * 256 + x) * 3, (y * 256 + x) * 3 + 3)]).toEqual(j2kColour(x, y));

      const rpcl = await openHealthImagingSlide(connection, refOf(IMAGING.htj2kRpcl), deps);
      const rpclTile = (await rpcl.readTile(0, 0, 0, 1))!;
      expect(rpclTile.contentType).toBe('image/jphc');
      const rpclPixels = await decodeFrame(rpclTile.bytes, rpclTile.contentType, rpcl.describe().pixelFormat!, 256, 256);
      expect([...rpclPixels.data.subarray(0, 3)]).toEqual(PLANE_COLOURS[1]);

      const mono = await openHealthImagingSlide(connection, refOf(IMAGING.mono16), deps);
      const tile = (await mono.readTile(0, 0, 0))!;
      expect(tile.contentType).toBe('application/octet-stream');
      const decoded = await decodeFrame(tile.bytes, tile.contentType, mono.describe().pixelFormat!, 256, 256);
      expect(decoded.bitsPerSample).toBe(16);
      expect([decoded.data[0], decoded.data[100], decoded.data[255 * 256 + 200]]).toEqual([1000, 1100, 1200]);
    });
  });
});

describe('faults', () => {
  it('throttling, 5xx and a connection reset are retried by the SDK', async () => {
    await inWorld(world, async () => {
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), imagingDeps(world.dir, 'f1').deps);
      const before = world.server.requests.length;
      world.server.faults.push(
        { operation: 'GetImageFrame', kind: 'throttle', times: 1 },
        { operation: 'GetImageFrame', kind: 'server-error', times: 1 },
        { operation: 'GetImageFrame', kind: 'reset', times: 1 },
      );
      const tile = await slide.readTile(0, 2, 2);
      expect(tile?.contentType).toBe('image/jpeg');
      const statuses = world.server.requests.slice(before).map((r) => r.status);
      expect(statuses).toEqual([429, 503, 0, 200]);
    });
  }, 30_000);

  it('throttling that does not stop, and an expired token, are reported in actionable words', async () => {
    await inWorld(world, async () => {
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), imagingDeps(world.dir, 'f2').deps);
      world.server.faults.push({ operation: 'GetImageFrame', kind: 'throttle', times: 4 });
      const throttled = await failureOf(slide.readTile(0, 3, 3));
      expect(throttled.code).toBe('THROTTLED');
      expect(throttled.message).toMatch(/throttling medical-imaging:GetImageFrame \(after 4 attempts\): wait a moment/);

      world.server.faults.push({ operation: 'GetImageSetMetadata', kind: 'expired-token', times: 1 });
      const expired = await failureOf(openHealthImagingSlide(connection, refOf(IMAGING.grid), imagingDeps(world.dir, 'f3').deps));
      expect(expired.code).toBe('CREDENTIALS_EXPIRED');
      expect(expired.message).toMatch(/have expired: renew them \(`aws sso login`/);

      world.server.faults.push({ operation: 'GetImageFrame', kind: 'access-denied', times: 1 });
      const denied = await failureOf(slide.readTile(0, 4, 4));
      expect(denied.code).toBe('ACCESS_DENIED');
      expect(denied.message).toContain(`medical-imaging:GetImageFrame on image set ${IMAGING.grid}`);
    });
  }, 60_000);
});

describe('a slow service', () => {
  it('tiles come as they are answered, bounded in parallel; tiles given up are never asked for', async () => {
    await inWorld(world, async () => {
      const { deps } = imagingDeps(world.dir, 'slow');
      deps.queue.setConcurrency(2);
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
      world.server.latencyMs = 150;
      try {
        const requests = world.imaging.frameRequests.length;
        const wanted = [0, 1, 2, 3].map((col) => slide.readTile(0, col, 5));
        const scrolledAway = new AbortController();
        const dropped = [4, 5, 6, 7].map((col) =>
          slide.readTile(0, col, 5, 0, 0, scrolledAway.signal).then(
            () => 'answered',
            (e: Error) => e.message,
          ),
        );
        // Two in flight, six queued: the four given up are cancelled before they are sent.
        await vi.waitFor(() => expect(deps.queue.stats()).toMatchObject({ running: 2, queued: 6 }));
        scrolledAway.abort();
        const order: number[] = [];
        await Promise.all(wanted.map((p, i) => p.then(() => order.push(i))));
        expect(await Promise.all(dropped)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
        expect(world.imaging.frameRequests.length - requests).toBe(4);
        // The first two asked were answered first, each as it came: no tile waits for the others.
        expect(order.slice(0, 2).sort()).toEqual([0, 1]);
        expect(deps.queue.stats().cancelled).toBe(4);
      } finally {
        world.server.latencyMs = 0;
      }
    });
  }, 30_000);

  it('no credentials at all: said so, with the commands that set them up', async () => {
    await inWorld(
      {
        ...world,
        server: { ...world.server, env: () => world.server.env({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }) },
      },
      async () => {
        forgetCredentials();
        forgetImagingClients();
        try {
          const error = await failureOf(
            openHealthImagingSlide(connection, refOf(IMAGING.grid), imagingDeps(world.dir, 'nocreds').deps),
          );
          expect(error.code).toBe('NO_CREDENTIALS');
          expect(error.message).toMatch(/No AWS credentials were found .*aws configure/);
        } finally {
          forgetCredentials();
          forgetImagingClients();
        }
      },
    );
  }, 30_000);
});

describe('the disk cache', () => {
  it('keeps every frame fetched: a second read is a hit, no request', async () => {
    await inWorld(world, async () => {
      const { deps, fetched } = imagingDeps(world.dir, 'c1');
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
      const first = (await slide.readTile(0, 1, 1))!;
      const requests = world.imaging.frameRequests.length;
      const again = (await slide.readTile(0, 1, 1))!;
      expect(world.imaging.frameRequests.length).toBe(requests);
      expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
      expect(again.contentType).toBe('image/jpeg');
      expect(fetched()).toBe(first.bytes.byteLength);
    });
  });

  it('evicts least recently used frames past its size limit', async () => {
    await inWorld(world, async () => {
      const { deps } = imagingDeps(world.dir, 'c2', 40_000);
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
      for (let row = 0; row < 6; row++) for (let col = 0; col < 8; col++) await slide.readTile(0, col, row);
      const stats = await deps.cache.statistics();
      expect(stats.evicted).toBeGreaterThan(0);
      expect(stats.bytes).toBeLessThanOrEqual(40_000);
      const requests = world.imaging.frameRequests.length;
      await slide.readTile(0, 0, 0); // evicted long ago: fetched again
      expect(world.imaging.frameRequests.length).toBe(requests + 1);
      await slide.readTile(0, 7, 5); // the newest: still there
      expect(world.imaging.frameRequests.length).toBe(requests + 1);
    });
  });

  it('a corrupted cache entry is dropped and fetched again', async () => {
    await inWorld(world, async () => {
      const { deps } = imagingDeps(world.dir, 'c3');
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
      const good = (await slide.readTile(0, 6, 2))!;
      await slide.cacheWritten(); // written after the tile is answered
      deps.cache.close();
      for (const path of await entryFiles(join(world.dir, 'c3'))) {
        const bytes = await readFile(path);
        bytes[10] ^= 0xff; // inside the payload
        await writeFile(path, bytes);
      }
      const requests = world.imaging.frameRequests.length;
      const again = (await slide.readTile(0, 6, 2))!;
      expect(Buffer.from(again.bytes).equals(Buffer.from(good.bytes))).toBe(true);
      expect(world.imaging.frameRequests.length).toBe(requests + 1);
      expect((await deps.cache.statistics()).corruptDropped).toBeGreaterThanOrEqual(1);
    });
  });

  it('offline with part of a slide cached: cached tiles are served, a missing one says the service is unreachable', async () => {
    await inWorld(world, async () => {
      const { deps } = imagingDeps(world.dir, 'partial');
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
      await slide.readTile(0, 1, 1);
      await slide.cacheWritten();
      deps.cache.close();
    });
    const offlineWorld = {
      ...world,
      server: { ...world.server, env: () => world.server.env({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }) },
    };
    await inWorld(offlineWorld, async () => {
      const { deps } = imagingDeps(world.dir, 'partial');
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
      expect((await slide.readTile(0, 1, 1))?.contentType).toBe('image/jpeg');
      const missing = await failureOf(slide.readTile(0, 2, 2));
      expect(missing.code).toBe('UNREACHABLE');
      expect(missing.message).toMatch(/AWS could not be reached for medical-imaging:GetImageFrame .*offline/);
    });
  }, 30_000);

  it('"make available offline" can be cancelled and resumed, and the slide then opens with no network', async () => {
    const cacheDir = 'offline';
    await inWorld(world, async () => {
      const { deps, fetched } = imagingDeps(world.dir, cacheDir);
      const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
      const total = slide.frameIdsOf().length;
      expect(total).toBe(48 + 4);
      const controller = new AbortController();
      const cut = slide.makeAvailableOffline(controller.signal, (done) => {
        if (done >= 10) controller.abort();
      });
      await expect(cut).rejects.toThrow();
      const requestsAfterCut = world.imaging.frameRequests.length;
      const progress: number[] = [];
      const result = await slide.makeAvailableOffline(new AbortController().signal, (done, all) => {
        expect(all).toBe(total);
        progress.push(done);
      });
      expect(progress.at(-1)).toBe(total);
      // Resumed: the frames fetched before the cut were not fetched again.
      const fetchedOnResume = world.imaging.frameRequests.length - requestsAfterCut;
      expect(fetchedOnResume).toBeLessThan(total - 5);
      expect(result.frames).toBe(total);
      expect(fetched()).toBeGreaterThan(0);
      deps.cache.close();
    });
    // No network: the endpoint refuses connections.
    await inWorld(
      { ...world, server: { ...world.server, env: () => world.server.env({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }) } },
      async () => {
        const { deps } = imagingDeps(world.dir, cacheDir);
        const requests = world.server.requests.length;
        const slide = await openHealthImagingSlide(connection, refOf(IMAGING.grid), deps);
        expect(slide.describe().levels).toHaveLength(2);
        for (let row = 0; row < 6; row++)
          for (let col = 0; col < 8; col++) expect(await slide.readTile(0, col, row)).not.toBeNull();
        expect(world.server.requests.length).toBe(requests);
        // A slide never fetched cannot open offline: said so.
        const never = await failureOf(openHealthImagingSlide(connection, refOf(IMAGING.htj2k), deps));
        expect(never.code).toBe('UNREACHABLE');
        expect(never.message).toMatch(/could not be reached for medical-imaging:GetImageSetMetadata/);
      },
    );
  }, 60_000);
});

async function entryFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile() && !name.includes('tmp')) out.push(path);
  }
  return out;
}
