/**
 * Draws level-0 tiles of the TissueScene: stain densities per pixel (tissue, stroma fibres or
 * tumour cytoplasm, lumens carved out, cells painted over), then colour through the stain table.
 * Written for speed (typed arrays, texture lookups, no allocation per pixel): it runs over
 * ~100 million pixels.
 */
import { DENSITY_STEPS, E_LEVELS, GLASS, H_LEVELS, HAEMOGLOBIN, stainLookupTable } from './stainColour.js';
import { CellKind, Ground, type Cell } from './sceneTypes.js';
import { EDGE_JITTER, FIELD_STEP, type TissueScene } from './tissueScene.js';

export const TILE = 256;
const PIXELS = TILE * TILE;
/** How fast opacity rises inside the tissue edge: fully opaque within a few pixels of it. */
const EDGE_SHARPNESS = 100;

export class TissueRenderer {
  private readonly haematoxylin = new Float32Array(PIXELS);
  private readonly eosin = new Float32Array(PIXELS);
  private readonly haemoglobin = new Float32Array(PIXELS);
  private readonly inside = new Uint8Array(PIXELS);
  private readonly lookup = stainLookupTable();
  /** Coarse fields interpolated along x for the rows a tile spans: [row][pixel column]. */
  private readonly rowTissue = new Float32Array((TILE / FIELD_STEP + 2) * TILE);
  private readonly rowTumour = new Float32Array((TILE / FIELD_STEP + 2) * TILE);
  private readonly rowTurn = new Float32Array((TILE / FIELD_STEP + 2) * TILE);
  private readonly rowMuscle = new Float32Array((TILE / FIELD_STEP + 2) * TILE);

  constructor(private readonly scene: TissueScene) {}

  /** Draw the TILE × TILE square at (x0, y0) into `rgba` (TILE × TILE × 4). */
  render(x0: number, y0: number, rgba: Uint8Array): void {
    this.drawGround(x0, y0);
    this.carveLumens(x0, y0);
    for (const cell of this.scene.cellsNear(x0, y0, x0 + TILE, y0 + TILE)) this.drawCell(cell, x0, y0);
    this.colour(x0, y0, rgba);
  }

  private interpolateRows(x0: number, y0: number): void {
    const { scene } = this;
    const firstRow = Math.floor(y0 / FIELD_STEP);
    const rows = TILE / FIELD_STEP + 2;
    for (let r = 0; r < rows; r++) {
      const rowAt = Math.min(firstRow + r, scene.fieldRows - 1) * scene.fieldColumns;
      for (let tx = 0; tx < TILE; tx++) {
        const fx = (x0 + tx) / FIELD_STEP;
        const column = Math.min(Math.floor(fx), scene.fieldColumns - 2);
        const t = fx - column;
        const at = rowAt + column;
        this.rowTissue[r * TILE + tx] = scene.tissue[at] + (scene.tissue[at + 1] - scene.tissue[at]) * t;
        this.rowTumour[r * TILE + tx] = scene.tumour[at] + (scene.tumour[at + 1] - scene.tumour[at]) * t;
        this.rowTurn[r * TILE + tx] = scene.fibreTurn[at] + (scene.fibreTurn[at + 1] - scene.fibreTurn[at]) * t;
        this.rowMuscle[r * TILE + tx] = scene.muscle[at] + (scene.muscle[at + 1] - scene.muscle[at]) * t;
      }
    }
  }

  /** Tissue, stroma (collagen fibres) or tumour epithelium (pale purple-pink cytoplasm). */
  private drawGround(x0: number, y0: number): void {
    this.interpolateRows(x0, y0);
    const { scene } = this;
    const { medium, fibresAlong, fibresAcross } = scene.textures;
    const { haematoxylin, eosin, inside, haemoglobin, rowTissue, rowTumour, rowTurn, rowMuscle } = this;
    haemoglobin.fill(0);
    const firstRow = Math.floor(y0 / FIELD_STEP);
    for (let ty = 0; ty < TILE; ty++) {
      const y = y0 + ty;
      const fy = y / FIELD_STEP - firstRow;
      const r = Math.floor(fy);
      const t = fy - r;
      const above = r * TILE;
      const below = above + TILE;
      const yRow = (y & 1023) << 10;
      for (let tx = 0; tx < TILE; tx++) {
        const p = ty * TILE + tx;
        const x = x0 + tx;
        const m = medium[yRow | (x & 1023)];
        const tissue = rowTissue[above + tx] + (rowTissue[below + tx] - rowTissue[above + tx]) * t + (m - 0.5) * 2 * EDGE_JITTER;
        if (tissue <= 0) {
          inside[p] = 0;
          haematoxylin[p] = 0;
          eosin[p] = 0;
          continue;
        }
        inside[p] = 1;
        const opacity = tissue * EDGE_SHARPNESS < 1 ? tissue * EDGE_SHARPNESS : 1;
        const tumour = rowTumour[above + tx] + (rowTumour[below + tx] - rowTumour[above + tx]) * t;
        const muscle = rowMuscle[above + tx] + (rowMuscle[below + tx] - rowMuscle[above + tx]) * t;
        const ground = scene.groundAt(x, y, tumour, muscle);
        let h: number;
        let e: number;
        if (ground === Ground.Epithelium) {
          // Tumour cells' cytoplasm: pale pink with a purple cast.
          e = 0.42 + 0.2 * m;
          h = 0.1 + 0.06 * m;
        } else if (ground === Ground.Cleft) {
          e = 0.03;
          h = 0.01;
        } else {
          const turn = rowTurn[above + tx] + (rowTurn[below + tx] - rowTurn[above + tx]) * t;
          const wave = (medium[((((y >> 2) + 512) & 1023) << 10) | ((x >> 2) & 1023)] * 56) | 0;
          const along = fibresAlong[(((y + wave) & 1023) << 10) | (x & 1023)];
          const across = fibresAcross[yRow | ((x + wave) & 1023)];
          const fibre = along + (across - along) * turn;
          if (ground === Ground.Muscle) {
            // Smooth muscle: dense, evenly deep pink with a red cast, finely fibrillar.
            e = 0.75 + 0.2 * fibre + 0.1 * m;
            h = 0.08;
            haemoglobin[p] = 0.12 * opacity;
          } else {
            // Collagen bundles, with pale oedematous gaps where the fibre texture is low.
            const bundle = fibre < 0.3 ? fibre * 0.5 : fibre - 0.15;
            e = (0.3 + 0.95 * bundle * bundle) * (0.75 + 0.5 * m);
            h = 0.06;
          }
        }
        haematoxylin[p] = h * opacity;
        eosin[p] = e * opacity;
      }
    }
  }

  private carveLumens(x0: number, y0: number): void {
    for (const lumen of this.scene.lumens) {
      const reach = lumen.rx * 1.6 + 4;
      if (lumen.x + reach < x0 || lumen.x - reach >= x0 + TILE || lumen.y + reach < y0 || lumen.y - reach >= y0 + TILE) continue;
      const isVessel = lumen.cells.length > 0;
      for (let y = Math.max(y0, Math.floor(lumen.y - reach)); y < Math.min(y0 + TILE, lumen.y + reach); y++) {
        for (let x = Math.max(x0, Math.floor(lumen.x - reach)); x < Math.min(x0 + TILE, lumen.x + reach); x++) {
          const d = this.scene.lumenShape(lumen, x, y);
          const p = (y - y0) * TILE + (x - x0);
          if (d < 1) {
            const clear = (1 - d) * 14 < 1 ? (1 - d) * 14 : 1;
            this.haematoxylin[p] *= 1 - clear;
            this.eosin[p] *= 1 - clear;
            this.haemoglobin[p] *= 1 - clear;
          } else if (isVessel && d < 1.35 && this.inside[p]) {
            // The vessel wall: a denser pink ring.
            this.eosin[p] += 0.35 * (1 - (d - 1) / 0.35);
          }
        }
      }
    }
  }

  private drawCell(cell: Cell, x0: number, y0: number): void {
    const { chromatin, medium } = this.scene.textures;
    const reach = Math.ceil(cell.a) + 2;
    const left = Math.max(x0, Math.floor(cell.x) - reach);
    const right = Math.min(x0 + TILE, Math.floor(cell.x) + reach + 1);
    const top = Math.max(y0, Math.floor(cell.y) - reach);
    const bottom = Math.min(y0 + TILE, Math.floor(cell.y) + reach + 1);
    const isRedCell = cell.kind === CellKind.RedCell;
    const vesicular = cell.kind === CellKind.Tumour ? 0.3 : 0;
    const offset = cell.textureOffset;
    for (let y = top; y < bottom; y++) {
      for (let x = left; x < right; x++) {
        const p = (y - y0) * TILE + (x - x0);
        if (!this.inside[p]) continue;
        const dx = x + 0.5 - cell.x;
        const dy = y + 0.5 - cell.y;
        const u = (dx * cell.cos + dy * cell.sin) / cell.a;
        const v = (-dx * cell.sin + dy * cell.cos) / cell.b;
        const wobble = medium[((((y << 1) + offset) & 1023) << 10) | (((x << 1) + (offset >> 6)) & 1023)] - 0.5;
        const q = (u * u + v * v) * (1 + cell.irregularity * wobble * 2);
        if (q >= 1) continue;
        const alpha = (1 - q) * 7 < 1 ? (1 - q) * 7 : 1;
        if (isRedCell) {
          // Biconcave: paler in the middle.
          const density = cell.density * alpha * (0.7 + 0.4 * q);
          if (density > this.haemoglobin[p]) this.haemoglobin[p] = density;
          continue;
        }
        const grain = chromatin[(((y + offset) & 255) << 8) | ((x + (offset >> 8)) & 255)];
        let density = cell.density * (0.7 + 0.55 * grain) * (1 - vesicular + vesicular * q * 1.4);
        const nucleolus = cell.nucleolus;
        if (nucleolus) {
          const nx = dx - nucleolus.dx;
          const ny = dy - nucleolus.dy;
          if (nx * nx + ny * ny < nucleolus.r * nucleolus.r) density = 2.3;
        }
        density *= alpha;
        if (density > this.haematoxylin[p]) this.haematoxylin[p] = density;
        this.eosin[p] *= 1 - 0.6 * alpha;
      }
    }
  }

  private colour(x0: number, y0: number, rgba: Uint8Array): void {
    const { haematoxylin, eosin, haemoglobin, inside, lookup } = this;
    const { grain } = this.scene.textures;
    for (let ty = 0; ty < TILE; ty++) {
      const grainRow = ((y0 + ty) & 1023) << 10;
      for (let tx = 0; tx < TILE; tx++) {
        const p = ty * TILE + tx;
        const out = p * 4;
        rgba[out + 3] = 255;
        if (!inside[p]) {
          rgba[out] = GLASS[0];
          rgba[out + 1] = GLASS[1];
          rgba[out + 2] = GLASS[2];
          continue;
        }
        const h = haematoxylin[p];
        const e = eosin[p];
        const hi = h * DENSITY_STEPS < H_LEVELS - 1 ? (h * DENSITY_STEPS + 0.5) | 0 : H_LEVELS - 1;
        const ei = e * DENSITY_STEPS < E_LEVELS - 1 ? (e * DENSITY_STEPS + 0.5) | 0 : E_LEVELS - 1;
        const at = (hi * E_LEVELS + ei) * 3;
        let red = lookup[at];
        let green = lookup[at + 1];
        let blue = lookup[at + 2];
        const blood = haemoglobin[p];
        if (blood > 0) {
          red *= Math.exp(-blood * HAEMOGLOBIN[0]);
          green *= Math.exp(-blood * HAEMOGLOBIN[1]);
          blue *= Math.exp(-blood * HAEMOGLOBIN[2]);
        }
        // Sensor grain, only where there is stain (bare glass stays exactly GLASS).
        const stain = (h + e + blood) * 4 < 1 ? (h + e + blood) * 4 : 1;
        const noise = (grain[grainRow | ((x0 + tx) & 1023)] - 128) * 0.045 * stain;
        rgba[out] = clampByte(red + noise);
        rgba[out + 1] = clampByte(green + noise);
        rgba[out + 2] = clampByte(blue + noise);
      }
    }
  }
}

const clampByte = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : value + 0.5) | 0;
