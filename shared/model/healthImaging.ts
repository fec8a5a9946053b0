import { z } from 'zod';

/**
 * AWS HealthImaging as Triptych shows it: data stores, image sets found by patient, accession,
 * study UID or study date, and a whole-slide image set opened like a local slide. An image set is
 * named by URL, the form `triptych inspect` / `triptych tile` take:
 *   healthimaging://REGION/DATASTORE_ID/IMAGE_SET_ID
 * and case.json holds it as {"source":"healthimaging","region","datastoreId","imageSetId"}.
 */

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** HealthImaging ids are 32 hex digits; the stand-in and older stores use the same alphabet. */
const IMAGING_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const HealthImagingRef = z
  .object({
    source: z.literal('healthimaging'),
    region: z.string().regex(REGION, 'an AWS region name'),
    datastoreId: z.string().regex(IMAGING_ID, 'a HealthImaging data store id'),
    imageSetId: z.string().regex(IMAGING_ID, 'a HealthImaging image set id'),
    label: z.string().max(500).optional(),
  })
  .strict();
export type HealthImagingRef = z.infer<typeof HealthImagingRef>;

export function parseHealthImagingUrl(url: string): HealthImagingRef | null {
  const m = /^healthimaging:\/\/([^/]+)\/([^/]+)\/([^/]+)\/?$/.exec(url.trim());
  if (!m || !REGION.test(m[1]) || !IMAGING_ID.test(m[2]) || !IMAGING_ID.test(m[3])) return null;
  return { source: 'healthimaging', region: m[1], datastoreId: m[2], imageSetId: m[3] };
}

export const healthImagingUrl = (r: Pick<HealthImagingRef, 'region' | 'datastoreId' | 'imageSetId'>): string =>
  `healthimaging://${r.region}/${r.datastoreId}/${r.imageSetId}`;

export const Datastore = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
});
export type Datastore = z.infer<typeof Datastore>;

export const ImageSetSearch = z
  .object({
    patientId: z.string().max(256).optional(),
    accessionNumber: z.string().max(256).optional(),
    studyInstanceUID: z.string().max(256).optional(),
    /** YYYYMMDD or YYYY-MM-DD; with studyDateTo a range, alone one day. */
    studyDateFrom: z.string().max(10).optional(),
    studyDateTo: z.string().max(10).optional(),
    nextToken: z.string().max(8192).optional(),
    maxResults: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export type ImageSetSearch = z.infer<typeof ImageSetSearch>;

export const ImageSetSummary = z.object({
  imageSetId: z.string(),
  url: z.string(),
  patientId: z.string().optional(),
  patientName: z.string().optional(),
  accessionNumber: z.string().optional(),
  studyInstanceUID: z.string().optional(),
  /** YYYY-MM-DD. */
  studyDate: z.string().optional(),
  studyDescription: z.string().optional(),
  modality: z.string().optional(),
  seriesDescription: z.string().optional(),
});
export type ImageSetSummary = z.infer<typeof ImageSetSummary>;

export const ImageSetPage = z.object({
  imageSets: z.array(ImageSetSummary),
  /** Image sets of other modalities (not slide microscopy) left out of this page. */
  skipped: z.number().int(),
  nextToken: z.string().optional(),
});
export type ImageSetPage = z.infer<typeof ImageSetPage>;

/** What only the image set's metadata says (SearchImageSets does not): the slide series and its size. */
export const ImageSetDetails = z.object({
  seriesDescription: z.string().optional(),
  modality: z.string().optional(),
  /** Level 0 in pixels, when the image set holds a whole-slide image. */
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});
export type ImageSetDetails = z.infer<typeof ImageSetDetails>;

/** One pyramid level of a HealthImaging slide, as "Make available offline" offers it. */
export const OfflineLevel = z.object({
  /** Pyramid index: 0 is the full resolution. */
  level: z.number().int().min(0),
  width: z.number(),
  height: z.number(),
  /** Frames to fetch for the level (tiles × focal planes × optical paths). */
  frames: z.number().int(),
  /** Their size: the metadata's FrameSizeInBytes, summed (estimated when it is missing). */
  bytes: z.number(),
  bytesEstimated: z.boolean(),
  /** Frames of the level kept for offline use already. */
  pinnedFrames: z.number().int(),
  /** In the choice made last for this slide (every level when none was made). */
  chosen: z.boolean(),
});
export type OfflineLevel = z.infer<typeof OfflineLevel>;

/** A HealthImaging slide of the case, with its levels to choose from. */
export const OfflineSlidePlan = z.object({
  slideId: z.string(),
  name: z.string(),
  levels: z.array(OfflineLevel),
  /** Label, overview and thumbnail frames: always fetched with any level (the slide card shows them). */
  associatedFrames: z.number().int(),
  /** Why the slide could not be opened to list its levels. */
  error: z.string().optional(),
});
export type OfflineSlidePlan = z.infer<typeof OfflineSlidePlan>;

/** Which levels of which slide to make available offline. */
export const OfflineChoice = z
  .object({ slideId: z.string().min(1).max(200), levels: z.array(z.number().int().min(0)).max(64) })
  .strict();
export type OfflineChoice = z.infer<typeof OfflineChoice>;
