/**
 * Builds the demo pyramid: level 0 tile by tile from the tissue scene (glass-only tiles share one
 * encoded tile), then each lower level by averaging 4 × 4 blocks of the level above, as a
 * scanner does, so every level shows the same tissue. Yields to the event loop between tiles so
 * the host stays responsive while it runs.
 */
import { GLASS } from './stainColour.js';
import { TILE, TissueRenderer } from './tissueRenderer.js';
import { SLIDE_HEIGHT, SLIDE_WIDTH } from './anatomy.js';
import type { TissueScene } from './tissueScene.js';
import { crop, downsample, encodeJpeg, encodeJpegRgba, filledImage, isUniform, paste, type RgbImage } from './rgbImage.js';

export const LEVEL_FACTOR = 4;
export const LEVEL_COUNT = 3;

export type EncodedLevel = {
  width: number;
  height: number;
  /** JPEG frames in TILED_FULL order (row by row). */
  frames: Uint8Array[];
};

export type Pyramid = { levels: EncodedLevel[]; smallest: RgbImage };

const tilesAcross = (width: number) => Math.ceil(width / TILE);

/** Tiles encoded in all: for progress. */
export function pyramidTileCount(): number {
  let total = 0;
  for (
    let level = 0, width = SLIDE_WIDTH, height = SLIDE_HEIGHT;
    level < LEVEL_COUNT;
    level++, width /= LEVEL_FACTOR, height /= LEVEL_FACTOR
  ) {
    total += tilesAcross(width) * tilesAcross(height);
  }
  return total;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function buildPyramid(scene: TissueScene, onTile: () => void): Promise<Pyramid> {
  const glassTile = encodeJpeg(filledImage(TILE, TILE, GLASS));
  const renderer = new TissueRenderer(scene);
  const rgba = new Uint8Array(TILE * TILE * 4);
  // Level 1 is gathered whole (4096 × 2560 RGB, 31 MB) while level 0 is drawn.
  let below = filledImage(SLIDE_WIDTH / LEVEL_FACTOR, SLIDE_HEIGHT / LEVEL_FACTOR, GLASS);
  const level0: Uint8Array[] = [];
  for (let row = 0; row < SLIDE_HEIGHT / TILE; row++) {
    for (let column = 0; column < SLIDE_WIDTH / TILE; column++) {
      const x = column * TILE;
      const y = row * TILE;
      if (scene.isGlass(x, y, TILE)) {
        level0.push(glassTile);
      } else {
        renderer.render(x, y, rgba);
        level0.push(encodeJpegRgba(rgba, TILE, TILE));
        paste(below, downsampleRgba(rgba, TILE, LEVEL_FACTOR), x / LEVEL_FACTOR, y / LEVEL_FACTOR);
      }
      onTile();
      await nextTurn();
    }
  }
  const levels: EncodedLevel[] = [{ width: SLIDE_WIDTH, height: SLIDE_HEIGHT, frames: level0 }];
  for (let level = 1; level < LEVEL_COUNT; level++) {
    levels.push(await encodeLevel(below, glassTile, onTile));
    if (level + 1 < LEVEL_COUNT) below = downsample(below, LEVEL_FACTOR);
  }
  return { levels, smallest: below };
}

async function encodeLevel(image: RgbImage, glassTile: Uint8Array, onTile: () => void): Promise<EncodedLevel> {
  const frames: Uint8Array[] = [];
  for (let y = 0; y < image.height; y += TILE) {
    for (let x = 0; x < image.width; x += TILE) {
      // Edge tiles are padded with glass.
      const tile = crop(image, x, y, TILE, TILE, GLASS);
      frames.push(isUniform(tile, GLASS) ? glassTile : encodeJpeg(tile));
      onTile();
      await nextTurn();
    }
  }
  return { width: image.width, height: image.height, frames };
}

function downsampleRgba(rgba: Uint8Array, size: number, factor: number): RgbImage {
  const rgb = new Uint8Array(size * size * 3);
  for (let i = 0, o = 0; o < rgb.length; i += 4, o += 3) {
    rgb[o] = rgba[i];
    rgb[o + 1] = rgba[i + 1];
    rgb[o + 2] = rgba[i + 2];
  }
  return downsample({ width: size, height: size, data: rgb }, factor);
}
