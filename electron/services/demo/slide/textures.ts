/** The tiling textures the renderer samples at every pixel, built once per scene. */
import { tilingTexture } from './noise.js';
import { seededRandom } from '../random.js';

export type Textures = {
  /** 2048²: tumour nests, muscle bundles, lumen lobes (sampled at ¼ … ½ scale). */
  nests: Float32Array;
  /** 1024²: fibres along x, and along y. */
  fibresAlong: Float32Array;
  fibresAcross: Float32Array;
  /** 1024²: medium-scale variation (edges, stain unevenness, nuclear outlines). */
  medium: Float32Array;
  /** 256²: chromatin granules, a few pixels across. */
  chromatin: Float32Array;
  /** 1024² bytes: per-pixel grain. */
  grain: Uint8Array;
};

export function buildTextures(seed: number): Textures {
  return {
    nests: normalise(tilingTexture(2048, 16, 3, seed + 11)),
    fibresAlong: normalise(tilingTexture(1024, 96, 3, seed + 13, 10)),
    fibresAcross: transpose(normalise(tilingTexture(1024, 96, 3, seed + 17, 10)), 1024),
    medium: normalise(tilingTexture(1024, 24, 3, seed + 19)),
    chromatin: normalise(tilingTexture(256, 64, 2, seed + 23)),
    grain: grainTexture(1024, seed + 29),
  };
}

/**
 * Bilinear sample of the 2048² nest texture at fractional texels: region outlines drawn from a
 * nearest-texel sample would show the texel grid as stair steps.
 */
export function sampleNests(nests: Float32Array, fx: number, fy: number): number {
  const ix = Math.floor(fx);
  const iy = Math.floor(fy);
  const tx = fx - ix;
  const ty = fy - iy;
  const x0 = ix & 2047;
  const x1 = (ix + 1) & 2047;
  const y0 = (iy & 2047) << 11;
  const y1 = ((iy + 1) & 2047) << 11;
  const top = nests[y0 | x0] + (nests[y0 | x1] - nests[y0 | x0]) * tx;
  const bottom = nests[y1 | x0] + (nests[y1 | x1] - nests[y1 | x0]) * tx;
  return top + (bottom - top) * ty;
}

/** Stretch values to fill [0, 1]. */
function normalise(values: Float32Array): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] - min) / (max - min || 1);
  return values;
}

function transpose(values: Float32Array, size: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[x * size + y] = values[y * size + x];
  return out;
}

function grainTexture(size: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length: size * size }, () => Math.floor(random() * 256));
}
