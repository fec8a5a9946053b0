/**
 * An OpenSeadragon TileSource built from a `Pyramid` (see pyramid.ts): real level sizes, tile sizes
 * and tile counts, OSD levels mapped to DICOM levels, the thumbnail as the lowest level.
 *
 * Edge tiles: DICOM pads the last column and row of tiles to the full tile size. OSD computes each
 * tile's source rectangle from the level size (getTileBounds(…, isSource)), so the padding is cut off
 * when drawing: the image is clipped to its bounds.
 */
import OpenSeadragon from 'openseadragon';
import { tileUrl, type Pyramid } from './pyramid.js';

export function createTileSource(pyramid: Pyramid, template: string): OpenSeadragon.TileSource {
  const { levels } = pyramid;
  const top = levels[levels.length - 1];
  const at = (level: number) => levels[Math.max(0, Math.min(levels.length - 1, level))];

  const overrides = {
    width: pyramid.width,
    height: pyramid.height,
    tileWidth: top.tileWidth,
    tileHeight: top.tileHeight,
    tileOverlap: 0,
    minLevel: 0,
    maxLevel: levels.length - 1,
    getLevelScale(level: number): number {
      return at(level).scale;
    },
    getNumTiles(level: number): OpenSeadragon.Point {
      const l = at(level);
      return new OpenSeadragon.Point(l.columns, l.rows);
    },
    getTileWidth(level: number): number {
      return at(level).tileWidth;
    },
    getTileHeight(level: number): number {
      return at(level).tileHeight;
    },
    getTileUrl(level: number, x: number, y: number): string {
      return tileUrl(template, at(level), x, y);
    },
    tileExists(level: number, x: number, y: number): boolean {
      const l = levels[level];
      return !!l && x >= 0 && y >= 0 && x < l.columns && y < l.rows;
    },
  };
  // OSD's TileSource copies the options object onto the instance, so these functions override the
  // prototype's power-of-two defaults.
  return new OpenSeadragon.TileSource(overrides as unknown as OpenSeadragon.TileSourceOptions);
}
