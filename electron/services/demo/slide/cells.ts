/**
 * Where the cells are and what they look like: at most one per CELL × CELL grid square, chosen by
 * a hash of the square (so any tile finds the same cells as its neighbours), shaped by the ground
 * they sit on; vessels get their lining and red cells when the scene is built.
 */
import { SEED, SLIDE_HEIGHT, SLIDE_WIDTH } from './anatomy.js';
import { hashUnit, seededRandom } from '../random.js';
import { CellKind, Ground, type Cell, type Lumen } from './sceneTypes.js';
import type { TissueScene } from './tissueScene.js';

/** Nuclei sit on a jittered grid of CELL pixels; none reaches further than NUCLEUS_REACH from its square's centre. */
export const CELL = 56;
export const NUCLEUS_REACH = 64;

export function cellInSquare(scene: TissueScene, gx: number, gy: number): Cell | undefined {
  const random = (k: number) => hashUnit(gx * 8 + k, gy, SEED);
  const x = (gx + 0.5) * CELL + (random(0) - 0.5) * CELL * 0.7;
  const y = (gy + 0.5) * CELL + (random(1) - 0.5) * CELL * 0.7;
  if (x < 0 || y < 0 || x >= SLIDE_WIDTH || y >= SLIDE_HEIGHT) return undefined;
  if (scene.tissueAt(Math.floor(x), Math.floor(y)) <= 0.01 || scene.lumenAt(x, y)) return undefined;
  const tumour = scene.field(scene.tumour, x, y);
  const angle = random(2) * Math.PI;
  const common = { x, y, irregularity: 0.15 + random(3) * 0.35, textureOffset: Math.floor(random(4) * 65536) };
  const ground = scene.groundAt(Math.floor(x), Math.floor(y), tumour, scene.field(scene.muscle, x, y));
  if (ground === Ground.Cleft) return undefined;
  if (ground === Ground.Epithelium) {
    if (random(21) < 0.03) {
      // The odd bizarre giant nucleus: pleomorphism of a high-grade carcinoma.
      const a = 34 + random(22) * 12;
      return {
        ...common,
        kind: CellKind.Tumour,
        a,
        b: a * (0.6 + random(23) * 0.3),
        cos: Math.cos(angle),
        sin: Math.sin(angle),
        density: 1.9,
        irregularity: 0.5,
      };
    }
    if (random(5) > 0.93) return undefined;
    const a = 17 + random(6) * 12;
    return {
      ...common,
      kind: CellKind.Tumour,
      a,
      b: a * (0.62 + random(7) * 0.3),
      cos: Math.cos(angle),
      sin: Math.sin(angle),
      density: 1.1 + random(8) * 0.8,
      nucleolus:
        random(9) < 0.15
          ? { dx: (random(10) - 0.5) * a * 0.6, dy: (random(11) - 0.5) * a * 0.4, r: 2 + random(12) * 1.5 }
          : undefined,
    };
  }
  const turn = scene.field(scene.fibreTurn, x, y);
  const along = turn * (Math.PI / 2) + (random(17) - 0.5) * 0.5;
  if (ground === Ground.Muscle) {
    if (random(13) > 0.4) return undefined;
    // Smooth muscle: long, blunt-ended nuclei along the fibres.
    return {
      ...common,
      kind: CellKind.Fibroblast,
      a: 26 + random(18) * 12,
      b: 5.5 + random(19) * 2,
      cos: Math.cos(along),
      sin: Math.sin(along),
      density: 1.25 + random(20) * 0.3,
      irregularity: 0.1,
    };
  }
  const draw = random(13);
  // Lymphocytes gather at the tumour's edge (a host response), fewer in plain stroma.
  const lymphocyteShare = 0.05 + 0.22 * Math.max(0, 1 - Math.abs(tumour - 0.4) * 3.5);
  if (draw < lymphocyteShare) {
    const r = 10.5 + random(14) * 3.5;
    return {
      ...common,
      kind: CellKind.Lymphocyte,
      a: r,
      b: r * (0.85 + random(15) * 0.15),
      cos: Math.cos(angle),
      sin: Math.sin(angle),
      density: 1.9 + random(16) * 0.5,
      irregularity: 0.08,
    };
  }
  if (draw < lymphocyteShare + 0.16) {
    // Spindle nuclei follow the local fibre direction.
    return {
      ...common,
      kind: CellKind.Fibroblast,
      a: 22 + random(18) * 14,
      b: 4 + random(19) * 3,
      cos: Math.cos(along),
      sin: Math.sin(along),
      density: 1.4 + random(20) * 0.5,
    };
  }
  return undefined;
}

/** Up to 60 lumens well inside the tissue; those in stroma are mostly vessels. */
export function placeLumens(scene: TissueScene): Lumen[] {
  const random = seededRandom(SEED + 31);
  const lumens: Lumen[] = [];
  for (let attempt = 0; attempt < 400 && lumens.length < 60; attempt++) {
    const x = random() * SLIDE_WIDTH;
    const y = random() * SLIDE_HEIGHT;
    const rx = 30 + random() ** 3 * 200;
    const ry = rx * (0.45 + random() * 0.5);
    const angle = random() * Math.PI;
    const isVessel = random() < 0.75;
    if (scene.field(scene.tissue, x, y) < 0.12) continue;
    if (lumens.some((other) => Math.hypot(other.x - x, other.y - y) < other.rx + rx + 150)) continue;
    const lumen: Lumen = { x, y, rx, ry, cos: Math.cos(angle), sin: Math.sin(angle), cells: [] };
    const ground = scene.groundAt(Math.floor(x), Math.floor(y), scene.field(scene.tumour, x, y), scene.field(scene.muscle, x, y));
    if (isVessel && ground !== Ground.Epithelium) lumen.cells = vesselCells(lumen, random);
    lumens.push(lumen);
  }
  return lumens;
}

/** Normalised elliptical distance: < 1 inside the lumen's ellipse. */
export function lumenDistance(lumen: Lumen, x: number, y: number): number {
  const dx = x - lumen.x;
  const dy = y - lumen.y;
  const u = (dx * lumen.cos + dy * lumen.sin) / lumen.rx;
  const v = (-dx * lumen.sin + dy * lumen.cos) / lumen.ry;
  return u * u + v * v;
}

/** Flat endothelial nuclei around the rim, and red cells inside. */
function vesselCells(lumen: Lumen, random: () => number): Cell[] {
  const cells: Cell[] = [];
  const perimeter = Math.PI * (lumen.rx + lumen.ry);
  const lining = Math.max(3, Math.round(perimeter / 140));
  for (let i = 0; i < lining; i++) {
    const t = ((i + random() * 0.5) / lining) * Math.PI * 2;
    const ex = Math.cos(t) * (lumen.rx + 3);
    const ey = Math.sin(t) * (lumen.ry + 3);
    const tangent = Math.atan2(Math.cos(t) * lumen.ry, -Math.sin(t) * lumen.rx) + Math.atan2(lumen.sin, lumen.cos);
    cells.push({
      kind: CellKind.Endothelial,
      x: lumen.x + ex * lumen.cos - ey * lumen.sin,
      y: lumen.y + ex * lumen.sin + ey * lumen.cos,
      a: 16 + random() * 6,
      b: 3.5 + random() * 1.5,
      cos: Math.cos(tangent),
      sin: Math.sin(tangent),
      density: 1.5,
      irregularity: 0.1,
      textureOffset: Math.floor(random() * 65536),
    });
  }
  const redCells = Math.floor(((lumen.rx * lumen.ry) / 1400) * random());
  for (let i = 0; i < redCells; i++) {
    const t = random() * Math.PI * 2;
    const r = Math.sqrt(random()) * 0.8;
    const ex = Math.cos(t) * r * lumen.rx;
    const ey = Math.sin(t) * r * lumen.ry;
    const radius = 13 + random() * 2.5;
    cells.push({
      kind: CellKind.RedCell,
      x: lumen.x + ex * lumen.cos - ey * lumen.sin,
      y: lumen.y + ex * lumen.sin + ey * lumen.cos,
      a: radius,
      b: radius * (0.85 + random() * 0.15),
      cos: 1,
      sin: 0,
      density: 0.75 + random() * 0.2,
      irregularity: 0.04,
      textureOffset: 0,
    });
  }
  return cells;
}
