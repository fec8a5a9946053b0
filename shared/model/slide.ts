import { z } from 'zod';

export const SlideLevel = z.object({
  /** 0 is the highest resolution. */
  index: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  tileWidth: z.number().int(),
  tileHeight: z.number().int(),
  /** Tiles across and down (TotalPixelMatrix / tile size, rounded up). */
  columns: z.number().int(),
  rows: z.number().int(),
  /** level-0 width / this level's width. Need not be a power of two. */
  downsample: z.number(),
  /** Tiles present (a TILED_SPARSE level may have fewer than columns × rows). */
  tileCount: z.number().int(),
  /** Micrometres per pixel at this level, when the file says. */
  mppX: z.number().optional(),
  mppY: z.number().optional(),
});
export type SlideLevel = z.infer<typeof SlideLevel>;

export const AssociatedImageType = z.enum(['LABEL', 'OVERVIEW', 'THUMBNAIL']);
export type AssociatedImageType = z.infer<typeof AssociatedImageType>;

export const AssociatedImage = z.object({
  type: AssociatedImageType,
  width: z.number().int(),
  height: z.number().int(),
  /** Same-origin URL of the image (the binary handler). */
  url: z.string(),
});
export type AssociatedImage = z.infer<typeof AssociatedImage>;

export const OpticalPath = z.object({ id: z.string(), description: z.string().optional() });
export type OpticalPath = z.infer<typeof OpticalPath>;

export const SlideInfo = z.object({
  id: z.string(),
  name: z.string(),
  seriesInstanceUID: z.string(),
  transferSyntax: z.string(),
  /** MIME type of tiles as served: image/jpeg goes to the browser as stored. */
  tileContentType: z.string(),
  levels: z.array(SlideLevel),
  associated: z.array(AssociatedImage),
  focalPlanes: z.number().int(),
  opticalPaths: z.array(OpticalPath),
  objectivePower: z.number().optional(),
  specimenDescription: z.string().optional(),
  stain: z.string().optional(),
  /**
   * Tile URL with {level} {col} {row} placeholders (and optional ?z=&path=), same origin.
   * e.g. /binary/slides/<id>/tiles/{level}/{col}/{row}
   */
  tileUrlTemplate: z.string(),
});
export type SlideInfo = z.infer<typeof SlideInfo>;
