import { z } from 'zod';

/** The tumor board's recommendation, with who recorded it and when. */
export const Recommendation = z.object({
  text: z.string().max(20_000),
  author: z.string().max(200),
  /** ISO 8601 date of the board. */
  date: z.string().max(40),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const CaseNotes = z.object({
  /** Free case notes, Markdown source (shown as text: never rendered as HTML). */
  markdown: z.string().max(1_000_000),
  recommendation: Recommendation.nullable(),
  /** ISO time of the last save, null before the first. */
  savedAt: z.string().nullable(),
  /** Where they are kept: the case folder, or the app data folder when the case is read-only. */
  location: z.enum(['case-folder', 'app-data']),
});
export type CaseNotes = z.infer<typeof CaseNotes>;

/** A variant the board is to discuss, flagged beforehand; kept with the case's notes. */
export const VariantFlag = z.object({
  /** chrom:pos:ref>alt, the same whatever file or row order. */
  key: z.string().max(1000),
  /** What the agenda shows, e.g. "FGFR3 p.S249C". */
  label: z.string().max(300),
});
export type VariantFlag = z.infer<typeof VariantFlag>;

export const variantFlagKey = (v: { chrom: string; pos: number; ref: string; alt: string }): string =>
  `${v.chrom}:${v.pos}:${v.ref}>${v.alt}`;
