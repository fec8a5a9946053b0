import { z } from 'zod';

/**
 * How the stored pixels are laid out (DICOM Image Pixel module). A decoder of uncompressed frames
 * needs all of it; for compressed frames the codec stream is trusted over it (colour, bit depth).
 */
export const PixelFormat = z.object({
  samplesPerPixel: z.number().int(),
  bitsAllocated: z.number().int(),
  bitsStored: z.number().int(),
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: z.number().int(),
  /** MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, YBR_FULL_422, YBR_ICT, YBR_RCT, PALETTE COLOR… */
  photometricInterpretation: z.string(),
  /** 0 colour-by-pixel (RGBRGB…), 1 colour-by-plane (RR…GG…BB…). */
  planarConfiguration: z.number().int(),
});
export type PixelFormat = z.infer<typeof PixelFormat>;

/** A VOI window (DICOM Window Center / Width), in stored pixel values. */
export const PixelWindow = z.object({ center: z.number(), width: z.number() });
export type PixelWindow = z.infer<typeof PixelWindow>;

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
  /** This level's pixel layout (the slide's, unless a level differs). */
  pixelFormat: PixelFormat.optional(),
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
  /** MIME type as served (image/jpeg is shown as stored; others are decoded like tiles). */
  contentType: z.string().optional(),
  pixelFormat: PixelFormat.optional(),
});
export type AssociatedImage = z.infer<typeof AssociatedImage>;

export const OpticalPath = z.object({
  id: z.string(),
  description: z.string().optional(),
  /** Illumination wavelength in nm (fluorescence channels), when the file says. */
  wavelength: z.number().optional(),
  /** Epifluorescence illumination (channels are blended additively), when the file says. */
  fluorescence: z.boolean().optional(),
});
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
  /** Acquisition date of the slide scan, YYYY-MM-DD, when the file says. */
  acquisitionDate: z.string().optional(),
  /** The pixel layout of level 0 (what the tile decoders need for uncompressed frames). */
  pixelFormat: PixelFormat.optional(),
  /** The file's default VOI window (Window Center / Width), for 16-bit monochrome slides. */
  window: PixelWindow.optional(),
  // ---- HealthImaging (#9) ----
  /** Where the slide lives when it is not a local file: healthimaging://REGION/DATASTORE/IMAGESET. */
  remoteUrl: z.string().optional(),
  /** What the reader had to work around (e.g. metadata without per-frame positions), in words. */
  notes: z.array(z.string()).optional(),
  // ---- end HealthImaging ----
  /**
   * Tile URL with {level} {col} {row} placeholders (and optional ?z=&path=), same origin.
   * e.g. /binary/slides/<id>/tiles/{level}/{col}/{row}
   */
  tileUrlTemplate: z.string(),
});
export type SlideInfo = z.infer<typeof SlideInfo>;
