/**
 * From a SlideInfo (DICOM levels, associated images) to the levels OpenSeadragon draws. Pure.
 *
 * OSD numbers levels from the smallest (0) to the full resolution (maxLevel) and asks, per level, for
 * its scale (level width / full width), its tiles across and down, and its tile size. DICOM levels
 * need not be powers of two apart, and their tiles may differ in size per level: every value here
 * comes from the real level, never from a power-of-two assumption.
 *
 * The lowest levels: a DICOM pyramid often stops at a level still thousands of tiles wide, and OSD
 * draws the whole slide from its lowest level. When the slide has a THUMBNAIL image with the same
 * aspect ratio, it becomes one extra OSD level below the smallest DICOM level (a single tile, the
 * thumbnail itself), so "fit to view" loads one image instead of hundreds of tiles.
 */
import type { AssociatedImage, SlideInfo, SlideLevel } from '../../../shared/model/slide.js';
import { decoderFor, type RenderOptions } from './decode/pixels.js';

export type PyramidLevel = {
  /** 'dicom': a DICOM level; 'thumbnail': the THUMBNAIL associated image used as one tile. */
  kind: 'dicom' | 'thumbnail';
  /** The DICOM level index for tile URLs (SlideLevel.index); -1 for the thumbnail. */
  dicomIndex: number;
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
  /** level width / full-resolution width (1 for the largest level). */
  scale: number;
  /** For the thumbnail level: its URL. */
  url?: string;
};

export type Pyramid = {
  width: number;
  height: number;
  /** Index 0 = smallest (OSD's order). */
  levels: PyramidLevel[];
  /** Micrometres per pixel at full resolution, when known. */
  mpp: number | null;
  /** Tiles OSD must load to show the whole slide at its lowest level. */
  lowestLevelTiles: number;
};

/** Aspect ratios closer than this are "the same image" (thumbnails are rounded to whole pixels). */
const ASPECT_TOLERANCE = 0.02;

function fullResolutionMpp(levels: SlideLevel[], base: SlideLevel): number | null {
  if (base.mppX && base.mppX > 0) return base.mppX;
  // Derive it from another level that says, scaled by its real size ratio.
  for (const l of levels) if (l.mppX && l.mppX > 0 && l.width > 0) return (l.mppX * l.width) / base.width;
  return null;
}

export function buildPyramid(info: Pick<SlideInfo, 'levels' | 'associated'>, options: { thumbnail?: boolean } = {}): Pyramid {
  const valid = info.levels.filter((l) => l.width > 0 && l.height > 0 && l.tileWidth > 0 && l.tileHeight > 0);
  if (valid.length === 0) throw new Error('The slide has no readable pyramid level.');
  // Largest first; drop levels of the same width (e.g. a duplicate instance).
  const sorted = [...valid].sort((a, b) => b.width - a.width);
  const distinct: SlideLevel[] = [];
  for (const l of sorted) if (!distinct.some((d) => d.width === l.width)) distinct.push(l);
  const base = distinct[0];

  const levels: PyramidLevel[] = distinct
    .map((l) => ({
      kind: 'dicom' as const,
      dicomIndex: l.index,
      width: l.width,
      height: l.height,
      tileWidth: l.tileWidth,
      tileHeight: l.tileHeight,
      columns: l.columns > 0 ? l.columns : Math.ceil(l.width / l.tileWidth),
      rows: l.rows > 0 ? l.rows : Math.ceil(l.height / l.tileHeight),
      scale: l.width / base.width,
    }))
    .reverse();

  const smallest = levels[0];
  // The thumbnail shows one focal plane and the slide's colour: not for channels blended in pseudo-colour.
  const thumb = options.thumbnail === false ? null : pickThumbnail(info.associated, base, smallest);
  if (thumb) {
    levels.unshift({
      kind: 'thumbnail',
      dicomIndex: -1,
      width: thumb.width,
      height: thumb.height,
      tileWidth: thumb.width,
      tileHeight: thumb.height,
      columns: 1,
      rows: 1,
      scale: thumb.width / base.width,
      url: thumb.url,
    });
  }
  const lowest = levels[0];
  return {
    width: base.width,
    height: base.height,
    levels,
    mpp: fullResolutionMpp(valid, base),
    lowestLevelTiles: lowest.columns * lowest.rows,
  };
}

function pickThumbnail(associated: AssociatedImage[], base: SlideLevel, smallest: PyramidLevel): AssociatedImage | null {
  const thumb = associated.find((a) => a.type === 'THUMBNAIL');
  if (!thumb || thumb.width <= 0 || thumb.height <= 0) return null;
  // Useful only when smaller than the smallest level, and when it frames exactly the same image.
  if (thumb.width >= smallest.width * 0.75) return null;
  if (smallest.columns * smallest.rows <= 1) return null;
  const aspect = base.width / base.height;
  const thumbAspect = thumb.width / thumb.height;
  if (Math.abs(thumbAspect - aspect) / aspect > ASPECT_TOLERANCE) return null;
  return thumb;
}

/** The URL of one tile from the template: {level} {col} {row} (other query parameters kept). */
export function tileUrl(template: string, level: PyramidLevel, col: number, row: number): string {
  if (level.kind === 'thumbnail') return level.url ?? '';
  return template
    .replaceAll('{level}', String(level.dicomIndex))
    .replaceAll('{col}', String(col))
    .replaceAll('{row}', String(row));
}

export type TileQuery = { z: number; path: number };

/** Whether tiles of this type, shown this way, go through the decoder workers. */
export function needsWorkers(contentType: string, render: RenderOptions = {}): boolean {
  return decoderFor(contentType) !== 'browser' || !!render.tint || !!render.window || !!render.colour;
}

/** The tile URL with the focal plane and optical path (omitted when 0, the default). */
export function withQuery(url: string, query?: TileQuery): string {
  if (!query || (query.z === 0 && query.path === 0)) return url;
  const params = new URLSearchParams();
  if (query.z) params.set('z', String(query.z));
  if (query.path) params.set('path', String(query.path));
  return `${url}${url.includes('?') ? '&' : '?'}${params}`;
}
