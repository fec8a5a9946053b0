/**
 * Colour management (issue 8): the ICC profile is read from the optical path of a real file
 * (highdicom's sm_image.dcm) and of a generated slide, the transform is sampled once with
 * LittleCMS, and the renderer's table lookup (decode/colourLut.ts, what the decode workers run)
 * maps colours as LittleCMS itself does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TYPE_RGB_8 } from 'lcms-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildColourLut, toSlideColour, withTransform } from '../../../electron/services/slides/colour/colourLut.js';
import { readSlideIccProfile } from '../../../electron/services/slides/colour/iccProfile.js';
import { lcms } from '../../../electron/services/slides/colour/lcms.js';
import { SlideColours } from '../../../electron/services/slides/colour/slideColours.js';
import { ServiceError } from '../../../electron/services/errors.js';
import { applyColourLut, decodeColourLut } from '../../../renderer/panes/slide/decode/colourLut.js';
import { writeCodecSlide } from './fixtures/codecSlides.js';
import { swappedPrimariesProfile, writeRgbProfile } from './fixtures/iccProfiles.js';

const REAL = join(__dirname, '../../../../shared/testdata/dicom/sm_image.dcm');

/** Known colours: the cube's corners, greys, skin and stain tones, and a fixed pseudo-random set. */
function knownColours(): number[][] {
  const colours = [
    [0, 0, 0],
    [255, 255, 255],
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [255, 255, 0],
    [0, 255, 255],
    [255, 0, 255],
    [128, 128, 128],
    [200, 30, 90],
    [236, 180, 210], // eosin pink
    [90, 60, 150], // haematoxylin purple
    [140, 90, 50], // DAB brown
  ];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
  for (let i = 0; i < 2000; i++) colours.push([next(), next(), next()]);
  return colours;
}

/** Through the renderer's table lookup, and directly through an 8-bit lcms transform. */
async function bothWays(profile: Uint8Array, colours: number[][]) {
  const slideColour = toSlideColour(await buildColourLut(profile), profile.length, 0);
  const lut = decodeColourLut(slideColour.lutSize, slideColour.lut);
  const rgba = new Uint8ClampedArray(colours.flatMap(([r, g, b]) => [r, g, b, 255]));
  applyColourLut(rgba, lut);
  const cms = await lcms();
  const direct = withTransform(cms, profile, (t) => cms.cmsDoTransform(t, colours.flat(), colours.length), TYPE_RGB_8);
  let maxDiff = 0;
  for (let i = 0; i < colours.length; i++) {
    for (let c = 0; c < 3; c++) maxDiff = Math.max(maxDiff, Math.abs(rgba[i * 4 + c] - direct[i * 3 + c]));
    expect(rgba[i * 4 + 3]).toBe(255);
  }
  return { rgba, direct, maxDiff, slideColour };
}

describe('a real slide’s ICC profile (sm_image.dcm)', () => {
  it('is read from the Optical Path Sequence and named by its description tag', async () => {
    const profile = await readSlideIccProfile([REAL]);
    expect(profile).toBeDefined();
    expect(profile!.bytes.length).toBe(3144);
    expect(profile!.opticalPath).toBe(0);
    // An ICC profile: its size in the header, 'acsp' at byte 36.
    const view = new DataView(profile!.bytes.buffer, profile!.bytes.byteOffset);
    expect(view.getUint32(0)).toBe(3144);
    expect(String.fromCharCode(...profile!.bytes.subarray(36, 40))).toBe('acsp');
    const colour = await new SlideColours(() => [REAL]).colour('s');
    expect(colour).toMatchObject({ description: 'sRGB IEC61966-2.1', colourSpace: 'RGB', profileBytes: 3144, lutSize: 33 });
  });

  it('maps colours as LittleCMS does (the table lookup within 1 level of a direct 8-bit transform)', async () => {
    const profile = (await readSlideIccProfile([REAL]))!.bytes;
    const { maxDiff } = await bothWays(profile, knownColours());
    expect(maxDiff).toBeLessThanOrEqual(1);
  });
});

describe('a generated slide with a profile whose red and green are swapped', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pathology-colour-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is read back from the file and the colours change as the profile says: (r, g, b) → (g, r, b)', async () => {
    const written = await swappedPrimariesProfile();
    const files = await writeCodecSlide({
      dir,
      name: 'swapped',
      codec: 'jpeg',
      levels: [{ width: 256, height: 256 }],
      tileSize: 256,
      components: 3,
      bits: 8,
      opticalPaths: [{ id: '1', description: 'brightfield', iccProfile: written }],
      pixel: () => [200, 30, 90],
    });
    const profile = await readSlideIccProfile(files);
    expect(profile && [...profile.bytes]).toEqual([...written]);
    const colours = knownColours();
    const { rgba, maxDiff, slideColour } = await bothWays(profile!.bytes, colours);
    expect(slideColour.description).toBe('Triptych test: red and green swapped');
    expect(maxDiff).toBeLessThanOrEqual(1);
    colours.forEach(([r, g, b], i) => {
      expect(Math.abs(rgba[i * 4] - g)).toBeLessThanOrEqual(1);
      expect(Math.abs(rgba[i * 4 + 1] - r)).toBeLessThanOrEqual(1);
      expect(Math.abs(rgba[i * 4 + 2] - b)).toBeLessThanOrEqual(1);
    });
  });

  it('a slide without a profile has no colour transform; a profile lcms refuses is an error naming the file', async () => {
    const plain = await writeCodecSlide({
      dir,
      name: 'plain',
      codec: 'jpeg',
      levels: [{ width: 256, height: 256 }],
      tileSize: 256,
      components: 3,
      bits: 8,
      pixel: () => [10, 20, 30],
    });
    expect(await new SlideColours(() => plain).colour('plain')).toBeNull();
    const broken = writeRgbProfile('broken', { red: [0, 0, 0], green: [0, 0, 0], blue: [0, 0, 0], white: [0, 0, 0] });
    broken.set([0x43, 0x4d, 0x59, 0x4b], 16); // colour space 'CMYK' with RGB tags
    const files = await writeCodecSlide({
      dir,
      name: 'broken',
      codec: 'jpeg',
      levels: [{ width: 256, height: 256 }],
      tileSize: 256,
      components: 3,
      bits: 8,
      opticalPaths: [{ id: '1', iccProfile: broken }],
      pixel: () => [10, 20, 30],
    });
    const error = await new SlideColours(() => files).colour('broken').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toMatch(/ICC profile/);
    expect((error as ServiceError).file).toContain('broken-L0.dcm');
  });
});
