import { z } from 'zod';

export const CtdnaStatus = z.enum(['DETECTED', 'NOT_DETECTED', 'INDETERMINATE', 'QNS']);
export type CtdnaStatus = z.infer<typeof CtdnaStatus>;

export const CtdnaPoint = z.object({
  /** Collection date, ISO 8601 (YYYY-MM-DD). */
  date: z.string(),
  reportDate: z.string().optional(),
  /** null when not detected / not reportable. */
  value: z.number().nullable(),
  unit: z.string(),
  status: CtdnaStatus,
  comparator: z.string().optional(),
  lod: z.number().optional(),
  variantsDetected: z.number().int().optional(),
  variantsTracked: z.number().int().optional(),
  qualified: z.boolean().optional(),
  assay: z.string().optional(),
  specimenId: z.string().optional(),
});
export type CtdnaPoint = z.infer<typeof CtdnaPoint>;

export const CtdnaEventType = z.enum(['surgery', 'biopsy', 'treatment', 'imaging', 'diagnosis', 'other']);
export type CtdnaEventType = z.infer<typeof CtdnaEventType>;

export const CtdnaEvent = z.object({
  type: CtdnaEventType,
  label: z.string(),
  start: z.string(),
  end: z.string().optional(),
  /** Imaging result, e.g. NED, progression. */
  result: z.string().optional(),
});
export type CtdnaEvent = z.infer<typeof CtdnaEvent>;

export const CtdnaSeries = z.object({
  points: z.array(CtdnaPoint),
  events: z.array(CtdnaEvent),
  warnings: z.array(z.string()),
});
export type CtdnaSeries = z.infer<typeof CtdnaSeries>;
