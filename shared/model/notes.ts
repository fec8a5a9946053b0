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
