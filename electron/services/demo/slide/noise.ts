/** Smooth value noise: continuous functions of position, for tissue shape and texture. */
import { hashUnit } from '../random.js';

const smooth = (t: number) => t * t * (3 - 2 * t);

/** Noise on the integer lattice, smoothly interpolated. */
function latticeNoise(fx: number, fy: number, seed: number): number {
  const ix = Math.floor(fx);
  const iy = Math.floor(fy);
  const tx = smooth(fx - ix);
  const ty = smooth(fy - iy);
  const top = hashUnit(ix, iy, seed) + (hashUnit(ix + 1, iy, seed) - hashUnit(ix, iy, seed)) * tx;
  const bottom = hashUnit(ix, iy + 1, seed) + (hashUnit(ix + 1, iy + 1, seed) - hashUnit(ix, iy + 1, seed)) * tx;
  return top + (bottom - top) * ty;
}

/** Fractal value noise in about [0, 1) with largest features `wavelength` apart. */
export function fractalNoise(x: number, y: number, wavelength: number, octaves: number, seed: number): number {
  let sum = 0;
  let weight = 0;
  let amplitude = 1;
  for (let octave = 0; octave < octaves; octave++) {
    const scale = 2 ** octave;
    sum += amplitude * latticeNoise((x * scale) / wavelength, (y * scale) / wavelength, seed + octave * 101);
    weight += amplitude;
    amplitude *= 0.5;
  }
  return sum / weight;
}

/**
 * A square texture of `size` × `size` (size a power of two) that tiles seamlessly, sampled with
 * `& (size - 1)` at every pixel: far cheaper than evaluating noise there. `cells` lattice cells
 * across; `stretchX` > 1 makes features longer along x (streaks, for collagen fibres).
 * Built octave by octave from a table of lattice values, interpolated separably.
 */
export function tilingTexture(size: number, cells: number, octaves: number, seed: number, stretchX = 1): Float32Array {
  const texture = new Float32Array(size * size);
  let amplitude = 1;
  let weight = 0;
  for (let octave = 0; octave < octaves; octave++) {
    const cellsY = cells * 2 ** octave;
    const cellsX = Math.max(1, Math.round(cellsY / stretchX));
    const lattice = new Float32Array(cellsX * cellsY);
    for (let j = 0; j < cellsY; j++)
      for (let i = 0; i < cellsX; i++) lattice[j * cellsX + i] = hashUnit(i, j, seed + octave * 101);
    const columns = interpolationSteps(size, cellsX);
    const rows = interpolationSteps(size, cellsY);
    for (let y = 0; y < size; y++) {
      const top = rows.index[y] * cellsX;
      const bottom = ((rows.index[y] + 1) % cellsY) * cellsX;
      const ty = rows.weight[y];
      for (let x = 0; x < size; x++) {
        const left = columns.index[x];
        const right = (left + 1) % cellsX;
        const tx = columns.weight[x];
        const upper = lattice[top + left] + (lattice[top + right] - lattice[top + left]) * tx;
        const lower = lattice[bottom + left] + (lattice[bottom + right] - lattice[bottom + left]) * tx;
        texture[y * size + x] += amplitude * (upper + (lower - upper) * ty);
      }
    }
    weight += amplitude;
    amplitude *= 0.5;
  }
  for (let i = 0; i < texture.length; i++) texture[i] /= weight;
  return texture;
}

/** For each of `size` pixels: the lattice cell it falls in, and its smoothed position in it. */
function interpolationSteps(size: number, cells: number): { index: Int32Array; weight: Float32Array } {
  const index = new Int32Array(size);
  const weight = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const f = (i / size) * cells;
    index[i] = Math.floor(f);
    weight[i] = smooth(f - index[i]);
  }
  return { index, weight };
}
