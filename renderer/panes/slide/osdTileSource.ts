/**
 * An OpenSeadragon TileSource built from a `Pyramid` (see pyramid.ts): real level sizes, tile sizes
 * and tile counts, OSD levels mapped to DICOM levels, the thumbnail as the lowest level.
 *
 * Tiles the browser decodes (JPEG) load as images, as stored. Every other tile (JPEG 2000, HTJ2K,
 * JPEG-LS, uncompressed), and any tile shown through a VOI window or a pseudo-colour, is fetched by
 * our `downloadTileStart` and decoded in the worker pool to an ImageBitmap, handed to OSD as its
 * 'imageBitmap' data type. The cache key carries the focal plane, optical path and rendering, so a
 * tile is never drawn with another plane's or window's pixels.
 *
 * Edge tiles: DICOM pads the last column and row of tiles to the full tile size. OSD computes each
 * tile's source rectangle from the level size (getTileBounds(…, isSource)), so the padding is cut off
 * when drawing: the image is clipped to its bounds.
 */
import OpenSeadragon from 'openseadragon';
import type { PixelFormat } from '../../../shared/model/slide.js';
import type { DecoderPool } from './decode/decoderPool.js';
import { renderKey, type RenderOptions } from './decode/pixels.js';
import { needsWorkers, tileUrl, withQuery, type Pyramid, type TileQuery } from './pyramid.js';

export { needsWorkers, withQuery, type TileQuery };

export type TileSourceOptions = {
  query?: TileQuery;
  render?: RenderOptions;
  /** The content type of the slide's tiles, as SlideInfo says. */
  contentType?: string;
  pixelFormat?: PixelFormat;
  /** Decode in these workers (needed unless the tiles are JPEG shown as stored). */
  pool?: DecoderPool;
};

type Job = {
  src: string;
  userData: { controller?: AbortController };
  postData: { level: number } | null;
  finish(data: unknown, request: null, dataType: string): void;
  fail(message: string, request: null): void;
};

export function createTileSource(pyramid: Pyramid, template: string, options: TileSourceOptions = {}): OpenSeadragon.TileSource {
  const { levels } = pyramid;
  const top = levels[levels.length - 1];
  const at = (level: number) => levels[Math.max(0, Math.min(levels.length - 1, level))];
  const render = options.render ?? {};
  const key = renderKey(render);
  const pool = options.pool;
  const decoding = !!pool && needsWorkers(options.contentType ?? 'image/jpeg', render);

  const overrides: Record<string, unknown> = {
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
      const l = at(level);
      return l.kind === 'thumbnail' ? tileUrl(template, l, x, y) : withQuery(tileUrl(template, l, x, y), options.query);
    },
    getTileHashKey(_level: number, _x: number, _y: number, url: string): string {
      return key ? `${url}#${key}` : url;
    },
    tileExists(level: number, x: number, y: number): boolean {
      const l = levels[level];
      return !!l && x >= 0 && y >= 0 && x < l.columns && y < l.rows;
    },
    hasTransparency(): boolean {
      return false;
    },
  };
  if (decoding) {
    // The level travels with the job (OSD hands post data to downloadTileStart; nothing is posted).
    overrides.getTilePostData = (level: number) => ({ level });
    overrides.downloadTileStart = (job: Job) => {
      const controller = new AbortController();
      job.userData.controller = controller;
      const level = at(job.postData?.level ?? levels.length - 1);
      void (async () => {
        try {
          const response = await fetch(job.src, { signal: controller.signal, credentials: 'same-origin' });
          if (!response.ok) {
            job.fail(`HTTP ${response.status} for ${job.src}`, null);
            return;
          }
          const contentType = response.headers.get('content-type') ?? options.contentType ?? 'application/octet-stream';
          const bytes = await response.arrayBuffer();
          const bitmap = await pool.bitmap(
            { bytes, contentType, format: options.pixelFormat, width: level.tileWidth, height: level.tileHeight, render },
            controller.signal,
          );
          job.finish(bitmap, null, 'imageBitmap');
        } catch (error) {
          if (controller.signal.aborted) return;
          job.fail(error instanceof Error ? error.message : String(error), null);
        }
      })();
    };
    overrides.downloadTileAbort = (job: Job) => job.userData.controller?.abort();
  }
  // OSD's TileSource copies the options object onto the instance, so these functions override the
  // prototype's power-of-two defaults.
  return new OpenSeadragon.TileSource(overrides as unknown as OpenSeadragon.TileSourceOptions);
}
