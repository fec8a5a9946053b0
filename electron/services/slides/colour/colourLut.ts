/**
 * The slide's colour transform, computed once per slide with LittleCMS: the ICC profile → sRGB
 * (relative colorimetric, the usual intent for a display; perceptual tables are rare in scanner
 * profiles), sampled on a 33³ grid of 16-bit RGB inputs. The renderer interpolates it per pixel
 * (renderer/panes/slide/decode/colourLut.ts), so the renderer needs no ICC engine and the
 * transform is made once, not per tile.
 */
import { COLOUR_LUT_SIZE, type SlideColour } from '../../../../shared/model/slideColour.js';
import { INTENT_RELATIVE_COLORIMETRIC, TYPE_RGB_16, cmsInfoDescription } from 'lcms-wasm';
import { lcms, type Lcms } from './lcms.js';

export type ColourTransform = { description: string; colourSpace: string; lut: Uint16Array; size: number };

/** Sample the profile → sRGB transform on a size³ grid (red fastest). Throws when lcms refuses the profile. */
export async function buildColourLut(profileBytes: Uint8Array, size = COLOUR_LUT_SIZE): Promise<ColourTransform> {
  const cms = await lcms();
  return withTransform(cms, profileBytes, (transform, description, colourSpace) => {
    const input = new Uint16Array(size * size * size * 3);
    const node = (i: number) => Math.round((i * 65535) / (size - 1));
    let at = 0;
    for (let b = 0; b < size; b++)
      for (let g = 0; g < size; g++)
        for (let r = 0; r < size; r++) {
          input[at++] = node(r);
          input[at++] = node(g);
          input[at++] = node(b);
        }
    const lut = Uint16Array.from(cms.cmsDoTransform(transform, input, size * size * size));
    return { description, colourSpace, lut, size };
  });
}

/** Open the profile and sRGB, make the 16-bit transform, run `use`, free everything. */
export function withTransform<T>(
  cms: Lcms,
  profileBytes: Uint8Array,
  use: (transform: number, description: string, colourSpace: string) => T,
  format = TYPE_RGB_16,
): T {
  const profile = cms.cmsOpenProfileFromMem(profileBytes, profileBytes.byteLength);
  if (!profile) throw new Error('the ICC profile cannot be read');
  const srgb = cms.cmsCreate_sRGBProfile();
  try {
    const colourSpace = cms.cmsGetColorSpaceASCII(profile) ?? 'unknown';
    if (colourSpace !== 'RGB') throw new Error(`the ICC profile is for ${colourSpace}, not RGB`);
    const description = cms.cmsGetProfileInfoASCII(profile, cmsInfoDescription, 'en', 'US').trim() || 'unnamed profile';
    const transform = cms.cmsCreateTransform(profile, format, srgb, format, INTENT_RELATIVE_COLORIMETRIC, 0);
    if (!transform) throw new Error('LittleCMS cannot make a transform from this ICC profile to sRGB');
    try {
      return use(transform, description, colourSpace);
    } finally {
      cms.cmsDeleteTransform(transform);
    }
  } finally {
    cms.cmsCloseProfile(srgb);
    cms.cmsCloseProfile(profile);
  }
}

/** The transform as the contract carries it. */
export function toSlideColour(transform: ColourTransform, profileBytes: number, opticalPath: number): SlideColour {
  const { lut } = transform;
  const bytes = Buffer.from(lut.buffer, lut.byteOffset, lut.byteLength);
  return {
    description: transform.description,
    colourSpace: transform.colourSpace,
    profileBytes,
    opticalPath,
    lutSize: transform.size,
    lut: bytes.toString('base64'),
  };
}
