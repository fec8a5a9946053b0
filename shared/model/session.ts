/**
 * Where the user left a case: restored when it is opened again (issue 6, "the session restored per
 * case"). Kept in the app data folder, one file per case; every field optional, so a session written
 * by another version restores what it can.
 */
import { z } from 'zod';
import { Layout } from './settings.js';

export const SlideViewport = z.object({
  /** OpenSeadragon viewport centre (x, y in viewport units, where the image is 1 wide) and zoom. */
  x: z.number().finite(),
  y: z.number().finite(),
  zoom: z.number().finite().positive(),
  rotation: z.number().finite(),
  flipped: z.boolean().optional(),
});
export type SlideViewport = z.infer<typeof SlideViewport>;

export const VariantFilters = z.object({
  text: z.string().max(1000),
  genes: z.array(z.string().max(200)).max(5000),
  groups: z.array(z.string().max(100)).max(50),
  chroms: z.array(z.string().max(100)).max(1000),
  vafMin: z.number().nullable(),
  vafMax: z.number().nullable(),
  minDepth: z.number().nullable(),
  passOnly: z.boolean(),
});
export type VariantFilters = z.infer<typeof VariantFilters>;

export const CaseUiSession = z.object({
  slideId: z.string().max(200).optional(),
  /** Per slide id: where the viewer was. */
  viewports: z.record(z.string().max(200), SlideViewport).optional(),
  /** The variant file shown (file id, or "all"). */
  variantFile: z.string().max(200).optional(),
  filters: VariantFilters.optional(),
  /** The genome view's height in the variants pane, px. */
  genomeViewHeight: z.number().int().min(60).max(10_000).optional(),
  /** The igv.js locus, e.g. "chr4:1,801,791-1,801,891". */
  locus: z.string().max(500).optional(),
  /** The shared selection: specimen, timepoint, variant. */
  selection: z
    .object({
      specimenId: z.string().max(200).optional(),
      timepointDate: z.string().max(40).optional(),
      variantKey: z.string().max(500).optional(),
      variantLocus: z.string().max(1000).optional(),
      slideId: z.string().max(200).optional(),
    })
    .optional(),
  layout: Layout.optional(),
  // ---- two slides in step (#8) ----
  /** The second slide shown beside the first, whether they move together, and their offset (µm) and rotation. */
  compare: z
    .object({
      open: z.boolean(),
      slideId: z.string().max(200),
      linked: z.boolean(),
      offset: z.object({ x: z.number().finite(), y: z.number().finite() }),
      /** Degrees the right slide is shown turned more than the left (its tissue lies turned). */
      rotation: z.number().finite().min(-360).max(360).optional(),
    })
    .optional(),
  // ---- end two slides in step ----
});
export type CaseUiSession = z.infer<typeof CaseUiSession>;
