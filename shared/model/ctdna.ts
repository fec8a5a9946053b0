/**
 * The one ctDNA model every input form (our CSV and JSON, FHIR R4, cBioPortal timeline files) is
 * normalized to: results over time, the clinical events around them, optional per-variant VAFs and
 * the specimens behind the other panes.
 *
 * Time: a series is on calendar dates (`axis` absent or 'date': every `date` / `start` is an ISO
 * date) or, when its source counts days from an anchor it does not name (a cBioPortal timeline read
 * without the case's diagnosis date), on relative days (`axis: 'relative-days'`: `date` / `start`
 * / `end` are empty strings and `day` / `startDay` / `endDay` hold the time). `anchorCtdnaSeries`
 * turns the second into the first once the anchor is known.
 */
import { z } from 'zod';

export const CtdnaStatus = z.enum(['DETECTED', 'NOT_DETECTED', 'INDETERMINATE', 'QNS']);
export type CtdnaStatus = z.infer<typeof CtdnaStatus>;

export const CtdnaPoint = z.object({
  /** Collection date, ISO 8601 (YYYY-MM-DD); empty on a relative-day series. */
  date: z.string(),
  /** Days from the series' anchor (relative-day series; also kept after anchoring). */
  day: z.number().int().optional(),
  reportDate: z.string().optional(),
  /** null when not detected / not reportable. */
  value: z.number().nullable(),
  unit: z.string(),
  status: CtdnaStatus,
  comparator: z.string().optional(),
  lod: z.number().optional(),
  variantsDetected: z.number().int().optional(),
  variantsTracked: z.number().int().optional(),
  /** The lab released the result with a qualification. */
  qualified: z.boolean().optional(),
  /** Assay (test) name as reported; for FHIR the Observation code's text. */
  assay: z.string().optional(),
  vendor: z.string().optional(),
  /** Tumor-informed (personalized) assay, as opposed to tumor-naive. */
  tumorInformed: z.boolean().optional(),
  /** The code the source gave the result ("system|code"): there is no standard ctDNA LOINC code. */
  code: z.string().optional(),
  specimenId: z.string().optional(),
});
export type CtdnaPoint = z.infer<typeof CtdnaPoint>;

export const CtdnaEventType = z.enum(['surgery', 'biopsy', 'treatment', 'imaging', 'diagnosis', 'other']);
export type CtdnaEventType = z.infer<typeof CtdnaEventType>;

export const CtdnaEvent = z.object({
  type: CtdnaEventType,
  label: z.string(),
  /** ISO date; empty on a relative-day series. */
  start: z.string(),
  end: z.string().optional(),
  startDay: z.number().int().optional(),
  endDay: z.number().int().optional(),
  /** Imaging result, e.g. NED, progression. */
  result: z.string().optional(),
  /** The specimen this procedure yielded (a slide's tissue, a variant file's sample). */
  specimenId: z.string().optional(),
});
export type CtdnaEvent = z.infer<typeof CtdnaEvent>;

/** One tracked variant measured in one draw (cBioPortal's "genomic evolution" view). */
export const CtdnaVariantResult = z.object({
  date: z.string(),
  day: z.number().int().optional(),
  gene: z.string(),
  /** e.g. p.S249C; absent when the source names the variant by gene only. */
  proteinChange: z.string().optional(),
  /** Variant allele fraction, 0–1; null when not detected. */
  vaf: z.number().nullable(),
  status: z.enum(['DETECTED', 'NOT_DETECTED']),
  specimenId: z.string().optional(),
});
export type CtdnaVariantResult = z.infer<typeof CtdnaVariantResult>;

/** A specimen of the case (tissue behind a slide or a variant file, or a plasma draw). */
export const CtdnaSpecimen = z.object({
  id: z.string(),
  date: z.string(),
  day: z.number().int().optional(),
  /** tissue, plasma, blood … as the source says. */
  type: z.string().optional(),
  label: z.string().optional(),
  /** The sample name the variant file uses for it (e.g. TUMOR). */
  sampleId: z.string().optional(),
});
export type CtdnaSpecimen = z.infer<typeof CtdnaSpecimen>;

export const CtdnaAxis = z.enum(['date', 'relative-days']);
export type CtdnaAxis = z.infer<typeof CtdnaAxis>;

export const CtdnaSeries = z.object({
  points: z.array(CtdnaPoint),
  events: z.array(CtdnaEvent),
  warnings: z.array(z.string()),
  variants: z.array(CtdnaVariantResult).optional(),
  specimens: z.array(CtdnaSpecimen).optional(),
  /** Absent means 'date'. */
  axis: CtdnaAxis.optional(),
});
export type CtdnaSeries = z.infer<typeof CtdnaSeries>;

const DAY_MS = 86_400_000;

/** `anchor` (YYYY-MM-DD) plus `days` -> YYYY-MM-DD. */
export function addDays(anchor: string, days: number): string {
  const [y, m, d] = anchor.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const ms = (iso: string): number => {
    const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / DAY_MS);
}

/** A relative-day series put on calendar dates, day 0 being `anchor`; a dated series unchanged. */
export function anchorCtdnaSeries(series: CtdnaSeries, anchor: string): CtdnaSeries {
  if (series.axis !== 'relative-days') return series;
  const at = (day: number | undefined): string => (day === undefined ? '' : addDays(anchor, day));
  const { axis: _axis, ...rest } = series;
  return {
    ...rest,
    points: series.points.map((p) => ({ ...p, date: at(p.day) })),
    events: series.events.map((e) => {
      const event = { ...e, start: at(e.startDay) };
      if (e.endDay !== undefined) event.end = at(e.endDay);
      return event;
    }),
    ...(series.variants ? { variants: series.variants.map((v) => ({ ...v, date: at(v.day) })) } : {}),
    ...(series.specimens ? { specimens: series.specimens.map((s) => ({ ...s, date: at(s.day) })) } : {}),
  };
}
