import { copyFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../electron/services/errors.js';
import { groupSlideSeries, isDicomFile, openDicomSlide, readDicomHeader } from '../../../electron/services/slides/dicom/index.js';
import { indexOfBytes, patchFile, seriesUID, writeInstance, type InstanceSpec } from './fixtures/slideFixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'triptych-broken-slides-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tiled = { width: 64, height: 32, tileWidth: 16, tileHeight: 16 } as const;

async function fixture(name: string, spec: Partial<InstanceSpec> = {}): Promise<string> {
  return (await writeInstance(dir, seriesUID(name), { fileName: `${name}.dcm`, ...tiled, ...spec })).path;
}

/** Opening the file, and reading every tile of it, ends in BAD_FILE naming the file. */
async function expectBadFile(path: string, reason?: RegExp) {
  const attempt = async () => {
    const slide = await openDicomSlide([path]);
    try {
      const { columns, rows } = slide.describe().levels[0];
      for (let row = 0; row < rows; row++) for (let col = 0; col < columns; col++) await slide.readTile(0, col, row);
    } finally {
      await slide.close();
    }
  };
  const error = await attempt().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `${path} should be refused`).toBeInstanceOf(ServiceError);
  expect(error).toMatchObject({ code: 'BAD_FILE', file: path });
  if (reason) expect((error as Error).message).toMatch(reason);
}

describe('broken files give BAD_FILE naming the file', () => {
  it('not DICOM: text, empty, too short', async () => {
    const text = join(dir, 'notes.dcm');
    await writeFile(text, 'this is not a DICOM file, although it is named like one\n'.repeat(10));
    const empty = join(dir, 'empty.dcm');
    await writeFile(empty, '');
    const short = join(dir, 'short.dcm');
    await writeFile(short, Buffer.alloc(100));
    for (const path of [text, empty, short]) {
      expect(await isDicomFile(path)).toBe(false);
      await expect(readDicomHeader(path)).rejects.toMatchObject({
        code: 'BAD_FILE',
        file: path,
        message: expect.stringMatching(/not a DICOM file/),
      });
      await expectBadFile(path, /not a DICOM file/);
    }
    expect(await isDicomFile(join(dir, 'missing.dcm'))).toBe(false);
    await expect(readDicomHeader(join(dir, 'missing.dcm'))).rejects.toMatchObject({ code: 'BAD_FILE' });
  });

  it('not a slide: another SOP class', async () => {
    const ct = await fixture('ct', { sopClassUID: '1.2.840.10008.5.1.4.1.1.2' });
    expect(await isDicomFile(ct)).toBe(true);
    expect((await readDicomHeader(ct)).sopClassUID).toBe('1.2.840.10008.5.1.4.1.1.2');
    await expectBadFile(ct, /not a slide/);
    await expect(groupSlideSeries([await fixture('fine'), ct])).rejects.toMatchObject({
      code: 'BAD_FILE',
      file: ct,
      message: expect.stringMatching(/not a slide/),
    });
  });

  it('header cut short at any point', async () => {
    const source = await fixture('whole', { offsetTable: 'none' });
    const header = await readDicomHeader(source);
    const cut = join(dir, 'cut.dcm');
    for (let size = 0; size < header.pixelDataOffset! + 20; size += 7) {
      await copyFile(source, cut);
      await truncate(cut, size);
      await expectBadFile(cut);
    }
  });

  it.each(['extended', 'basic', 'none'] as const)('pixel data cut short (%s offset table)', async (offsetTable) => {
    const path = await fixture(`cut-pixels-${offsetTable}`, { offsetTable });
    await truncate(path, (await stat(path)).size - 300);
    await expectBadFile(path, /past the end|ends inside/);
  });

  it('an element length past the end of the file', async () => {
    const path = await fixture('long-element');
    await patchFile(path, (bytes) => {
      // SOP Class UID (0008,0016) UI: its 2-byte length follows the VR.
      const at = indexOfBytes(bytes, [0x08, 0x00, 0x16, 0x00, 0x55, 0x49]);
      bytes[at + 6] = 0xf0;
      bytes[at + 7] = 0xff;
      return bytes;
    });
    await expectBadFile(path, /past the end/);
  });

  it('uncompressed Pixel Data whose length is past the end of the file', async () => {
    const path = await fixture('long-pixels', { encoding: 'explicit' });
    await patchFile(path, (bytes) => {
      const at = indexOfBytes(bytes, [0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42]);
      new DataView(bytes.buffer).setUint32(at + 8, 0x7ffffff0, true);
      return bytes;
    });
    await expectBadFile(path, /past the end/);
  });

  it('an absurd total pixel matrix or frame count is refused before anything is allocated for it', async () => {
    const huge = await fixture('huge-matrix', {
      extra: { TotalPixelMatrixColumns: 4_000_000_000, TotalPixelMatrixRows: 4_000_000_000 },
    });
    await expectBadFile(huge, /implausibly large/);
    const frames = await fixture('many-frames', { extra: { NumberOfFrames: 2_000_000_000 } });
    await expectBadFile(frames, /Number of Frames/);
  });

  it('a fragment that is not an item', async () => {
    const path = await fixture('bad-item', { offsetTable: 'none' });
    await patchFile(path, (bytes) => {
      const pixelData = indexOfBytes(bytes, [0xe0, 0x7f, 0x10, 0x00]);
      const firstFragment = pixelData + 12 + 8; // element header, then the empty Basic Offset Table item
      bytes[firstFragment] = 0x00;
      return bytes;
    });
    await expectBadFile(path, /fragment/);
  });

  it('garbage where the dataset should be', async () => {
    const path = await fixture('garbage');
    await patchFile(path, (bytes) => {
      const metaEnd = 144 + new DataView(bytes.buffer).getUint32(140, true);
      bytes.fill(0x01, metaEnd + 4, metaEnd + 64);
      return bytes;
    });
    await expectBadFile(path);
  });

  it('corrupted bytes anywhere in the header: a ServiceError or a result, never a crash or a hang', async () => {
    const source = await fixture('fuzz-source', { organization: 'TILED_SPARSE', offsetTable: 'none' });
    const original = new Uint8Array(await readFile(source));
    const end = (await readDicomHeader(source)).pixelDataOffset!;
    const target = join(dir, 'fuzz.dcm');
    let refused = 0;
    for (let at = 132; at < end; at += 5) {
      const bytes = original.slice();
      bytes[at] ^= 0xa5;
      await writeFile(target, bytes);
      try {
        const slide = await openDicomSlide([target]);
        await slide.readTile(0, 0, 0).finally(() => slide.close());
      } catch (error) {
        expect(error, `byte ${at}`).toBeInstanceOf(ServiceError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
