/**
 * Applying a slide's colour transform (its ICC profile → sRGB, sampled by LittleCMS on the Node
 * side as a 3D lookup table, see shared/model/slideColour.ts) to RGBA tile pixels, in place.
 * Pure (no DOM): runs in the decode workers; the unit tests run it in Node against lcms itself.
 *
 * Why here, per tile after decoding, and not per frame on the GPU: a tile is transformed once,
 * when it is decoded in a worker, and OSD then caches and redraws the transformed bitmap, so
 * panning and zooming cost nothing more than without colour management, with either of OSD's
 * drawers (the canvas drawer is the one used where WebGL is software-rendered, and it has no
 * shader stage). A shader would redo the lookup for every pixel of every frame.
 *
 * Interpolation is tetrahedral, as LittleCMS's own for RGB tables.
 */

export type ColourLut = { size: number; table: Uint16Array };

/** The table from the contract's base64 (little-endian uint16, red fastest). */
export function decodeColourLut(size: number, base64: string): ColourLut {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const table = new Uint16Array(bytes.buffer, 0, bytes.length >> 1);
  if (table.length !== size * size * size * 3)
    throw new Error(`the colour table has ${table.length} values, not ${size ** 3 * 3}`);
  return { size, table };
}

type Prepared = { index: Int32Array; fraction: Float32Array };
const prepared = new WeakMap<ColourLut, Prepared>();

/** For each byte value: the grid cell below it and how far into the cell it is. */
function prepare(lut: ColourLut): Prepared {
  let p = prepared.get(lut);
  if (!p) {
    const index = new Int32Array(256);
    const fraction = new Float32Array(256);
    const intervals = lut.size - 1;
    for (let v = 0; v < 256; v++) {
      const position = (v * intervals) / 255;
      const cell = Math.min(intervals - 1, Math.floor(position));
      index[v] = cell;
      fraction[v] = position - cell;
    }
    p = { index, fraction };
    prepared.set(lut, p);
  }
  return p;
}

/** Transform RGBA bytes in place (alpha kept). */
export function applyColourLut(rgba: Uint8ClampedArray | Uint8Array, lut: ColourLut): void {
  const { size, table } = lut;
  const { index, fraction } = prepare(lut);
  // Strides in the table (in values): red fastest.
  const sr = 3;
  const sg = size * 3;
  const sb = size * size * 3;
  const scale = 255 / 65535;
  for (let i = 0; i < rgba.length; i += 4) {
    const r = rgba[i];
    const g = rgba[i + 1];
    const b = rgba[i + 2];
    const fr = fraction[r];
    const fg = fraction[g];
    const fb = fraction[b];
    const base = index[r] * sr + index[g] * sg + index[b] * sb;
    // The tetrahedron of the cube that holds the point: walk from the origin corner to the far
    // corner along the axes in decreasing order of their fractions.
    let a1: number, a2: number, w1: number, w2: number, w3: number;
    if (fr >= fg) {
      if (fg >= fb) {
        a1 = sr;
        a2 = sr + sg;
        w1 = fr - fg;
        w2 = fg - fb;
        w3 = fb;
      } else if (fr >= fb) {
        a1 = sr;
        a2 = sr + sb;
        w1 = fr - fb;
        w2 = fb - fg;
        w3 = fg;
      } else {
        a1 = sb;
        a2 = sb + sr;
        w1 = fb - fr;
        w2 = fr - fg;
        w3 = fg;
      }
    } else if (fb >= fg) {
      a1 = sb;
      a2 = sb + sg;
      w1 = fb - fg;
      w2 = fg - fr;
      w3 = fr;
    } else if (fb >= fr) {
      a1 = sg;
      a2 = sg + sb;
      w1 = fg - fb;
      w2 = fb - fr;
      w3 = fr;
    } else {
      a1 = sg;
      a2 = sg + sr;
      w1 = fg - fr;
      w2 = fr - fb;
      w3 = fb;
    }
    const w0 = 1 - w1 - w2 - w3;
    const far = sr + sg + sb;
    for (let c = 0; c < 3; c++) {
      const o = base + c;
      const v = w0 * table[o] + w1 * table[o + a1] + w2 * table[o + a2] + w3 * table[o + far];
      rgba[i + c] = (v * scale + 0.5) | 0;
    }
  }
}
