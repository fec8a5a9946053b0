import { z } from 'zod';

/** What Triptych recognized a file in a case folder to be. */
/** `annotations`: DICOM Microscopy Bulk Simple Annotations, shown over the slide they refer to. */
export const FileKind = z.enum(['slide', 'annotations', 'variants', 'alignments', 'ctdna', 'case-json', 'index', 'unknown']);
export type FileKind = z.infer<typeof FileKind>;

/** A file the open case registered. `id` is opaque: the binary handler serves ids, never paths. */
export const CaseFile = z.object({
  id: z.string(),
  /** Path relative to the case folder, for display only. */
  name: z.string(),
  kind: FileKind,
  size: z.number(),
  /** One line on what the file holds, or why it could not be read. */
  detail: z.string().optional(),
});
export type CaseFile = z.infer<typeof CaseFile>;

export const Patient = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  sex: z.string().optional(),
  birthDate: z.string().optional(),
  diagnosis: z.string().optional(),
  diagnosisDate: z.string().optional(),
});
export type Patient = z.infer<typeof Patient>;

/** A slide of the case: a DICOM WSI series (one or several files). */
export const SlideRef = z.object({
  id: z.string(),
  name: z.string(),
  fileIds: z.array(z.string()),
  // ---- HealthImaging (#9) ----
  /** healthimaging://REGION/DATASTORE/IMAGESET for a slide case.json names in HealthImaging (no local files). */
  remoteUrl: z.string().optional(),
  // ---- end HealthImaging ----
});
export type SlideRef = z.infer<typeof SlideRef>;

/** A specimen of the case, as case.json declares it, with the files that come from it. */
export const Specimen = z.object({
  id: z.string(),
  type: z.enum(['tissue', 'plasma', 'blood', 'other']),
  site: z.string().optional(),
  /** Collection date, ISO 8601. */
  collected: z.string().optional(),
  label: z.string().optional(),
  /** Slides of this specimen (ids of `slides`). */
  slideIds: z.array(z.string()),
  /** Variant files of this specimen (file ids). */
  variantFileIds: z.array(z.string()),
  /** The sample name the variant files use for it (e.g. TUMOR). */
  sampleId: z.string().optional(),
});
export type Specimen = z.infer<typeof Specimen>;

export const CaseSummary = z.object({
  /** Display path of the case folder ("built-in demo" for the demo). */
  root: z.string(),
  title: z.string(),
  isDemo: z.boolean(),
  patient: Patient,
  /** The case's genome build: case.json's, else the one its variant files agree on. */
  genomeBuild: z.string().optional(),
  files: z.array(CaseFile),
  slides: z.array(SlideRef),
  /** ids of files of kind "variants". */
  variantFileIds: z.array(z.string()),
  /** ids of files of kind "ctdna". */
  ctdnaFileIds: z.array(z.string()),
  /** From case.json; empty when the case has none. */
  specimens: z.array(Specimen),
  warnings: z.array(z.string()),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** A case opened before, as the start screen lists it. */
export const RecentCase = z.object({
  path: z.string(),
  /** case.json's title, else the folder's name. */
  title: z.string(),
  /** False when the folder (or file) is gone: shown, with a way to take it off the list. */
  exists: z.boolean(),
});
export type RecentCase = z.infer<typeof RecentCase>;
