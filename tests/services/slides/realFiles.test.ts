/**
 * Real DICOM WSI files (highdicom's test data, in ../shared/testdata/dicom): the reader against
 * pydicom, an independent implementation.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupSlideSeries, openDicomSlide, readDicomHeader } from '../../../electron/services/slides/dicom/index.js';
import type { SlideSource } from '../../../electron/services/sources.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const dataDir = resolve(repoRoot, '../shared/testdata/dicom');
const haveData = existsSync(resolve(dataDir, 'sm_image.dcm'));
if (!haveData) console.log(`skipping real DICOM files: ${dataDir} is absent`);

const file = (name: string) => resolve(dataDir, name);

/** A Python with pydicom (the pyenv shim on PATH may lack it; the system one has the Debian package). */
function findPydicom(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import pydicom'], { stdio: 'ignore' });
      return python;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Each frame's bytes as pydicom sees them (native: sliced from PixelData; encapsulated: its frame generator). */
function pydicomFrames(python: string, path: string): Buffer[] {
  const script = `
import sys, json, pydicom
from pydicom.encaps import generate_pixel_data_frame
ds = pydicom.dcmread(sys.argv[1])
n = int(ds.get('NumberOfFrames', 1))
if ds.file_meta.TransferSyntaxUID.is_compressed:
    frames = list(generate_pixel_data_frame(ds.PixelData, n))
else:
    size = ds.Rows * ds.Columns * ds.SamplesPerPixel * ds.BitsAllocated // 8
    frames = [ds.PixelData[i * size:(i + 1) * size] for i in range(n)]
print(json.dumps([f.hex() for f in frames]))
`;
  const hex = JSON.parse(execFileSync(python, ['-c', script, path], { encoding: 'utf8' })) as string[];
  return hex.map((frame) => Buffer.from(frame, 'hex'));
}

async function allTiles(slide: SlideSource): Promise<Buffer[]> {
  const { columns, rows } = slide.describe().levels[0];
  const tiles: Buffer[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < columns; col++) tiles.push(Buffer.from((await slide.readTile(0, col, row))!.bytes));
  }
  return tiles;
}

describe.skipIf(!haveData)('real DICOM WSI files (../shared/testdata/dicom)', () => {
  const slides = new Map<string, SlideSource>();
  beforeAll(async () => {
    for (const name of ['sm_image.dcm', 'sm_image_grayscale.dcm', 'sm_image_jpegls.dcm', 'sm_image_jpegls_nobot.dcm']) {
      slides.set(name, await openDicomSlide([file(name)]));
    }
  });
  afterAll(async () => {
    for (const slide of slides.values()) await slide.close();
  });

  it.each([
    ['sm_image.dcm', '1.2.840.10008.1.2.1', 'application/octet-stream'],
    ['sm_image_grayscale.dcm', '1.2.840.10008.1.2.1', 'application/octet-stream'],
    ['sm_image_jpegls.dcm', '1.2.840.10008.1.2.4.80', 'image/jls'],
    ['sm_image_jpegls_nobot.dcm', '1.2.840.10008.1.2.4.80', 'image/jls'],
  ])('%s: one 50×50 level of 5×5 tiles of 10×10', (name, transferSyntax, contentType) => {
    const info = slides.get(name)!.describe();
    expect(info.transferSyntax).toBe(transferSyntax);
    expect(info.tileContentType).toBe(contentType);
    expect(info.name).toBe('S19-1_A_1_1');
    expect(info.levels).toEqual([
      {
        index: 0,
        width: 50,
        height: 50,
        tileWidth: 10,
        tileHeight: 10,
        columns: 5,
        rows: 5,
        downsample: 1,
        tileCount: 25,
        mppX: 0.499,
        mppY: 0.499,
        pixelFormat: {
          samplesPerPixel: name.includes('grayscale') ? 1 : 3,
          bitsAllocated: name.includes('grayscale') ? 16 : 8,
          bitsStored: name.includes('grayscale') ? 16 : 8,
          pixelRepresentation: 0,
          photometricInterpretation: name.includes('grayscale') ? 'MONOCHROME2' : 'RGB',
          planarConfiguration: 0,
        },
      },
    ]);
    expect(info.associated).toEqual([]);
    expect(info.focalPlanes).toBe(1);
  });

  it('reads the header summary', async () => {
    const header = await readDicomHeader(file('sm_image.dcm'));
    expect(header).toMatchObject({
      sopClassUID: '1.2.840.10008.5.1.4.1.1.77.1.6',
      seriesInstanceUID: '1.2.826.0.1.3680043.9.7433.3.57084118109582350083572639456817453',
      imageType: ['ORIGINAL', 'PRIMARY', 'VOLUME', 'NONE'],
      patientName: 'Test^Patient',
      patientID: 'AA01',
      transferSyntaxUID: '1.2.840.10008.1.2.1',
    });
    expect(header.pixelDataOffset).toBeGreaterThan(0);
    expect(header.pixelData!.length).toBe(25 * 10 * 10 * 3);
  });

  it('the JPEG-LS files with and without a Basic Offset Table give the same tiles', async () => {
    const withTable = await allTiles(slides.get('sm_image_jpegls.dcm')!);
    const withoutTable = await allTiles(slides.get('sm_image_jpegls_nobot.dcm')!);
    expect(withTable).toHaveLength(25);
    withTable.forEach((tile, i) => {
      expect(tile.subarray(0, 2).toString('hex'), `tile ${i} starts a JPEG-LS stream`).toBe('ffd8');
      expect(tile.equals(withoutTable[i]), `tile ${i}`).toBe(true);
    });
    expect(new Set(withTable.map((tile) => tile.toString('hex'))).size).toBeGreaterThan(1);
  });

  it('an annotation file is not a slide', async () => {
    await expect(groupSlideSeries([file('sm_image.dcm'), file('sm_annotations.dcm')])).rejects.toMatchObject({
      code: 'BAD_FILE',
      file: file('sm_annotations.dcm'),
      message: expect.stringMatching(/not a slide/),
    });
  });

  const python = haveData ? findPydicom() : undefined;
  if (haveData && !python) console.log('skipping the pydicom comparison: no python3 with pydicom');
  it.skipIf(!python).each(['sm_image.dcm', 'sm_image_grayscale.dcm', 'sm_image_jpegls.dcm', 'sm_image_jpegls_nobot.dcm'])(
    '%s: every tile equals the frame pydicom reads',
    async (name) => {
      const expected = pydicomFrames(python!, file(name));
      const tiles = await allTiles(slides.get(name)!);
      expect(tiles).toHaveLength(expected.length);
      tiles.forEach((tile, i) => expect(tile.equals(expected[i]), `frame ${i + 1}`).toBe(true));
    },
  );
});
