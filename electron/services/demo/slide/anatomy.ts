/**
 * The specimen's large-scale anatomy, as smooth functions of level-0 pixel position (0.25 µm/px):
 * the outline of the two tissue pieces, where the tumour is, where the detrusor muscle is.
 */
import { fractalNoise } from './noise.js';

export const SLIDE_WIDTH = 16384;
export const SLIDE_HEIGHT = 10240;
/** Every random choice of the demo slide derives from this. */
export const SEED = 20240611;

/** Two irregular pieces: a large chip and a smaller one, their outlines roughened by noise. */
export function tissueShape(x: number, y: number): number {
  const piece = (cx: number, cy: number, rx: number, ry: number, angle: number) => {
    const dx = x - cx;
    const dy = y - cy;
    const u = (dx * Math.cos(angle) + dy * Math.sin(angle)) / rx;
    const v = (-dx * Math.sin(angle) + dy * Math.cos(angle)) / ry;
    return 1 - Math.sqrt(u * u + v * v);
  };
  const outline = Math.max(piece(6400, 5700, 4500, 3000, 0.35), piece(12900, 5400, 1900, 2700, -0.5) - 0.05);
  // Steepened so the ragged-edge jitter acts within a few pixels of the outline, not as a fringe.
  return (outline + (fractalNoise(x, y, 3200, 5, SEED + 1) - 0.5) * 0.8) * 3;
}

/** Tumour fills most of the large piece (its lower right is stroma) and half of the small one. */
export function tumourExtent(x: number, y: number): number {
  const lean = 0.75 - (x / SLIDE_WIDTH) * 0.3 - (y / SLIDE_HEIGHT) * 0.45;
  return smoothstep(0.25, 0.5, lean + (fractalNoise(x, y, 2400, 4, SEED + 3) - 0.5) * 1.1);
}

/** Muscularis propria: the deep (lower right) part of the large piece, away from the tumour. */
export function muscleExtent(x: number, y: number): number {
  const depth = (y - 5500) / 3000 + (x - 6000) / 8000;
  const notInSmallPiece = smoothstep(10800, 9600, x + (fractalNoise(x, y, 1500, 2, SEED + 9) - 0.5) * 3000);
  return smoothstep(0.1, 0.6, depth + (fractalNoise(x, y, 2000, 3, SEED + 5) - 0.5) * 0.8) * notInSmallPiece;
}

export function smoothstep(edge0: number, edge1: number, value: number): number {
  const t = Math.min(1, Math.max(0, (value - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
