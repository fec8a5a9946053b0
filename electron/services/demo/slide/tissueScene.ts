/**
 * The synthetic tissue: one continuous description of an H&E-stained bladder tumour resection
 * (TURBT) in level-0 pixel coordinates (0.25 µm/px). Large-scale anatomy comes from coarse fields
 * computed once (anatomy.ts); fine detail (fibres, nests, chromatin) from tiling textures; cells
 * are placed per grid square (cells.ts), so any tile can be drawn alone and agrees with its
 * neighbours — and every pyramid level shows the same tissue.
 */
import { SEED, SLIDE_HEIGHT, SLIDE_WIDTH, muscleExtent, smoothstep, tissueShape, tumourExtent } from './anatomy.js';
import { CELL, NUCLEUS_REACH, cellInSquare, lumenDistance, placeLumens } from './cells.js';
import { fractalNoise } from './noise.js';
import { Ground, type Cell, type Lumen } from './sceneTypes.js';
import { buildTextures, sampleNests, type Textures } from './textures.js';

/** Coarse fields are sampled every FIELD_STEP pixels and interpolated between. */
export const FIELD_STEP = 32;
/** Jitter added to the tissue field at each pixel (ragged edges): a tile is glass only beyond it. */
export const EDGE_JITTER = 0.05;

export class TissueScene {
  readonly fieldColumns = SLIDE_WIDTH / FIELD_STEP + 2;
  readonly fieldRows = SLIDE_HEIGHT / FIELD_STEP + 2;
  /** Signed: tissue where > 0. */
  readonly tissue: Float32Array;
  /** 0 (benign stroma) … 1 (solid tumour). */
  readonly tumour: Float32Array;
  /** 0: fibres along x, 1: along y. */
  readonly fibreTurn: Float32Array;
  /** 0 … 1: where the detrusor (muscularis propria) lies, deep in the large piece. */
  readonly muscle: Float32Array;
  readonly textures: Textures;
  readonly lumens: Lumen[];

  constructor() {
    const size = this.fieldColumns * this.fieldRows;
    this.tissue = new Float32Array(size);
    this.tumour = new Float32Array(size);
    this.fibreTurn = new Float32Array(size);
    this.muscle = new Float32Array(size);
    for (let row = 0; row < this.fieldRows; row++) {
      for (let column = 0; column < this.fieldColumns; column++) {
        const x = column * FIELD_STEP;
        const y = row * FIELD_STEP;
        const at = row * this.fieldColumns + column;
        this.tissue[at] = tissueShape(x, y);
        this.tumour[at] = tumourExtent(x, y);
        // Mostly one direction or the other, turning over a short band: blends look like plaid.
        this.fibreTurn[at] = smoothstep(0.47, 0.53, fractalNoise(x, y, 2600, 2, SEED + 7));
        this.muscle[at] = muscleExtent(x, y);
      }
    }
    this.textures = buildTextures(SEED);
    this.lumens = placeLumens(this);
  }

  /** Bilinear sample of a coarse field. */
  field(values: Float32Array, x: number, y: number): number {
    const fx = Math.min(Math.max(x / FIELD_STEP, 0), this.fieldColumns - 1.001);
    const fy = Math.min(Math.max(y / FIELD_STEP, 0), this.fieldRows - 1.001);
    const column = Math.floor(fx);
    const row = Math.floor(fy);
    const tx = fx - column;
    const ty = fy - row;
    const at = row * this.fieldColumns + column;
    const top = values[at] + (values[at + 1] - values[at]) * tx;
    const bottom = values[at + this.fieldColumns] + (values[at + this.fieldColumns + 1] - values[at + this.fieldColumns]) * tx;
    return top + (bottom - top) * ty;
  }

  /** The tissue field at a pixel, with its ragged-edge jitter (same formula as the renderer). */
  tissueAt(x: number, y: number): number {
    return this.field(this.tissue, x, y) + (this.textures.medium[((y & 1023) << 10) | (x & 1023)] - 0.5) * 2 * EDGE_JITTER;
  }

  /**
   * The ground at an integer pixel, given the coarse tumour and muscle fields there: tumour nests
   * (merging into sheets where the tumour is solid) with a thin retraction cleft around them,
   * muscle bundles separated by thin septa, or stroma.
   */
  groundAt(x: number, y: number, tumour: number, muscle: number): Ground {
    const { nests } = this.textures;
    if (tumour > 0.35) {
      const nest = sampleNests(nests, x * 0.25, y * 0.25) * 0.7 + sampleNests(nests, y * 0.25 + 300, x * 0.25 + 700) * 0.3;
      const score = nest + (tumour - 0.35) * 0.9;
      if (score > 0.72) return Ground.Epithelium;
      if (score > 0.7) return Ground.Cleft;
    }
    if (muscle > 0.3) {
      // Bundles (fascicles) with thin strands of connective tissue between them.
      if (sampleNests(nests, x * 0.15 + 400, y * 0.15 + 1200) > 0.45) return Ground.Muscle;
    }
    return Ground.Stroma;
  }

  /** True when no pixel of the square can be tissue: its coarse samples (and their jitter) are all below 0. */
  isGlass(x0: number, y0: number, size: number): boolean {
    const first = (v: number) => Math.max(0, Math.floor(v / FIELD_STEP));
    for (let row = first(y0); row <= Math.min(this.fieldRows - 1, Math.ceil((y0 + size) / FIELD_STEP)); row++) {
      for (let column = first(x0); column <= Math.min(this.fieldColumns - 1, Math.ceil((x0 + size) / FIELD_STEP)); column++) {
        if (this.tissue[row * this.fieldColumns + column] + EDGE_JITTER > 0) return false;
      }
    }
    return true;
  }

  /**
   * Below 1 inside the lumen: an ellipse made irregular by lobes (coarse nest texture) and a ragged
   * rim (medium texture). x and y are integer pixels.
   */
  lumenShape(lumen: Lumen, x: number, y: number): number {
    const { nests, medium } = this.textures;
    return (
      lumenDistance(lumen, x, y) +
      (sampleNests(nests, x * 0.5 + 1301, y * 0.5 + 911) - 0.5) * 0.9 +
      (medium[(((y + 333) & 1023) << 10) | ((x + 177) & 1023)] - 0.5) * 0.2
    );
  }

  lumenAt(x: number, y: number): Lumen | undefined {
    return this.lumens.find((lumen) => this.lumenShape(lumen, Math.floor(x), Math.floor(y)) < 1);
  }

  /** The cells whose extent may touch the rectangle [x0, x1) × [y0, y1). */
  cellsNear(x0: number, y0: number, x1: number, y1: number): Cell[] {
    const cells: Cell[] = [];
    for (let gy = Math.floor((y0 - NUCLEUS_REACH) / CELL); gy <= Math.floor((y1 + NUCLEUS_REACH) / CELL); gy++) {
      for (let gx = Math.floor((x0 - NUCLEUS_REACH) / CELL); gx <= Math.floor((x1 + NUCLEUS_REACH) / CELL); gx++) {
        const cell = cellInSquare(this, gx, gy);
        if (cell) cells.push(cell);
      }
    }
    for (const lumen of this.lumens) {
      if (
        Math.abs(lumen.x - (x0 + x1) / 2) < (x1 - x0) / 2 + lumen.rx + NUCLEUS_REACH &&
        Math.abs(lumen.y - (y0 + y1) / 2) < (y1 - y0) / 2 + lumen.rx + NUCLEUS_REACH
      ) {
        cells.push(...lumen.cells);
      }
    }
    return cells;
  }
}
