/**
 * `triptych tile` and the Node tile decoder: decoded pixels against pydicom (real files) and against
 * the pixels a generated slide was encoded from (JPEG 2000, HTJ2K, JPEG-LS, uncompressed: lossless,
 * so exact; JPEG within its tolerance).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { decode as decodePng } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tileCommand } from '../../../electron/cli/tileCommand.js';
import { decodeFrame } from '../../../electron/services/slides/decode/decodeFrame.js';
import { openDicomSlide } from '../../../electron/services/slides/dicom/index.js';
import { writeCodecSlide, type TileCodec } from './fixtures/codecSlides.js';
import { seriesUID, writeInstance } from './fixtures/slideFixtures.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const BIN = join(repoRoot, 'bin/triptych.mjs');
const dataDir = resolve(repoRoot, '../shared/testdata/dicom');
const haveData = existsSync(join(dataDir, 'sm_image.dcm'));
if (!haveData) console.log(`skipping the real-file tile decoding: ${dataDir} is absent`);

function findPydicom(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import pydicom, numpy'], { stdio: 'ignore' });
      return python;
    } catch {
      // next
    }
  }
  return undefined;
}
const python = haveData ? findPydicom() : undefined;
if (haveData && !python) console.log('skipping the pydicom comparison: no python3 with pydicom and numpy');

/** pydicom's pixel array of every frame, or null when it has no decoder for the transfer syntax. */
function pydicomPixels(path: string): number[][] | null {
  const script = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
try:
    a = ds.pixel_array
except Exception:
    print('null'); sys.exit(0)
n = int(ds.get('NumberOfFrames', 1))
a = a.reshape((n, -1))
print(json.dumps(a.tolist()))
`;
  return JSON.parse(execFileSync(python!, ['-c', script, path], { encoding: 'utf8', maxBuffer: 1 << 26 })) as number[][] | null;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'triptych-tile-'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function decodedTile(slide: string, col: number, row: number, extra: Partial<{ focal: number; path: number }> = {}) {
  const out = join(dir, `tile-${col}-${row}-${Math.random().toString(36).slice(2)}.png`);
  const code = await tileCommand({ slide, level: 0, col, row, focal: 0, path: 0, out, decode: true, ...extra });
  expect(code).toBe(0);
  return decodePng(await readFile(out));
}

describe.skipIf(!python)('triptych tile --decode on real files equals pydicom', () => {
  // The JPEG-LS files hold the same image as sm_image.dcm, losslessly: where pydicom has no JPEG-LS
  // decoder (no CharPyLS / pylibjpeg here) they are compared with its pixels of sm_image.dcm.
  it.each([
    ['sm_image.dcm', 'sm_image.dcm'],
    ['sm_image_grayscale.dcm', 'sm_image_grayscale.dcm'],
    ['sm_image_jpegls.dcm', 'sm_image.dcm'],
    ['sm_image_jpegls_nobot.dcm', 'sm_image.dcm'],
  ])('%s: all 25 tiles', async (name, reference) => {
    const expected = pydicomPixels(join(dataDir, name)) ?? pydicomPixels(join(dataDir, reference))!;
    expect(expected).toHaveLength(25);
    for (let frame = 0; frame < 25; frame++) {
      const png = await decodedTile(join(dataDir, name), frame % 5, Math.floor(frame / 5));
      expect([png.width, png.height]).toEqual([10, 10]);
      expect(png.depth).toBe(name.includes('grayscale') ? 16 : 8);
      expect(Array.from(png.data), `${name} frame ${frame + 1}`).toEqual(expected[frame]);
    }
  });
});

describe('triptych tile (command line)', () => {
  const run = promisify(execFile);
  async function triptych(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('writes a stored tile, reports a tile absent from a sparse level with exit 3, bad input with exit 2', async () => {
    const sparse = await writeInstance(dir, seriesUID('sparse-cli'), {
      fileName: 'sparse-cli.dcm',
      width: 64,
      height: 32,
      tileWidth: 16,
      tileHeight: 16,
      organization: 'TILED_SPARSE',
      sparseTiles: [
        { col: 0, row: 0 },
        { col: 3, row: 1 },
      ],
    });
    const out = join(dir, 'stored.jpg');
    const stored = await triptych('tile', sparse.path, '--level', '0', '--col', '3', '--row', '1', '--out', out);
    expect(stored).toMatchObject({ code: 0, stdout: 'image/jpeg\n' });
    expect(Buffer.from(await readFile(out)).equals(Buffer.from(sparse.tiles.get('0/0/3/1')!))).toBe(true);

    const absent = await triptych('tile', sparse.path, '--level', '0', '--col', '1', '--row', '1', '--out', out);
    expect(absent.code).toBe(3);
    expect(absent.stderr).toMatch(/absent/);

    const outside = await triptych('tile', sparse.path, '--level', '0', '--col', '9', '--row', '0', '--out', out);
    expect(outside.code).toBe(2);
    expect(outside.stderr.trim()).toMatch(new RegExp(`^error: ${sparse.path.replace(/[/\\.]/g, '.')}: .*4 × 2 tiles`));

    const missing = await triptych('tile', join(dir, 'nope.dcm'), '--level', '0', '--col', '0', '--row', '0', '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: .*nope\.dcm: /);

    expect((await triptych('tile', sparse.path, '--level', 'x', '--col', '0', '--row', '0', '--out', out)).code).toBe(2);
  });
});

/** A pixel value every codec stores exactly (8-bit RGB / 16-bit grey), distinct per tile. */
const rgbPixel = (level: number, x: number, y: number, plane: number) => [
  (x * 3 + level * 40) & 255,
  (y * 5 + plane * 60) & 255,
  ((x ^ y) + 17) & 255,
];
const greyPixel = (_level: number, x: number, y: number, plane: number, path: number) => [
  (x * 211 + y * 97 + plane * 1000 + path * 5000) & 0xffff,
];

describe('generated slides in every codec decode to the pixels they were encoded from', () => {
  const cases: Array<[TileCodec, 1 | 3, 8 | 16]> = [
    ['j2k', 3, 8],
    ['htj2k', 3, 8],
    ['jls', 3, 8],
    ['raw', 3, 8],
    ['j2k', 1, 16],
    ['htj2k', 1, 16],
    ['jls', 1, 16],
    ['raw', 1, 16],
  ];
  it.each(cases)('%s, %i component(s), %i bits: exact, edge tiles clipped', async (codec, components, bits) => {
    const [path] = await writeCodecSlide({
      dir,
      name: `${codec}-${components}-${bits}`,
      codec,
      levels: [{ width: 80, height: 50 }],
      tileSize: 32,
      components,
      bits,
      focalPlanes: 2,
      pixel: components === 3 ? rgbPixel : greyPixel,
    });
    const slide = await openDicomSlide([path]);
    try {
      const info = slide.describe();
      expect(info.pixelFormat).toMatchObject({ samplesPerPixel: components, bitsAllocated: bits });
      for (const [col, row, plane] of [
        [0, 0, 0],
        [2, 1, 1],
      ]) {
        const tile = (await slide.readTile(0, col, row, plane))!;
        const frame = await decodeFrame(tile.bytes, tile.contentType, info.pixelFormat!, 32, 32);
        expect([frame.width, frame.height, frame.components]).toEqual([32, 32, components]);
        for (const [x, y] of [
          [0, 0],
          [31, 0],
          [5, 17],
          [15, 17],
        ]) {
          const px = Math.min(col * 32 + x, 79);
          const py = Math.min(row * 32 + y, 49);
          const expected = (components === 3 ? rgbPixel : greyPixel)(0, px, py, plane, 0);
          const at = (y * 32 + x) * components;
          expect(
            Array.from(frame.data.subarray(at, at + components)),
            `${codec} tile ${col},${row} plane ${plane} (${x},${y})`,
          ).toEqual(expected);
        }
      }
      // The CLI clips the padded edge tile (80 = 2 × 32 + 16) to the image.
      const png = await decodedTile(path, 2, 1, { focal: 1 });
      expect([png.width, png.height]).toEqual([16, 18]);
    } finally {
      await slide.close();
    }
  });

  it('JPEG baseline decodes within its tolerance', async () => {
    const [path] = await writeCodecSlide({
      dir,
      name: 'jpeg-flat',
      codec: 'jpeg',
      levels: [{ width: 64, height: 64 }],
      tileSize: 32,
      components: 3,
      bits: 8,
      pixel: (_l, x, y) => (x < 32 ? (y < 32 ? [200, 40, 40] : [40, 200, 40]) : y < 32 ? [40, 40, 200] : [220, 220, 60]),
    });
    const png = await decodedTile(path, 1, 1);
    for (let i = 0; i < png.data.length; i += 3) {
      expect(Math.abs(png.data[i] - 220) + Math.abs(png.data[i + 1] - 220) + Math.abs(png.data[i + 2] - 60)).toBeLessThan(12);
    }
  });
});
