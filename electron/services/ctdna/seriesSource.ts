/**
 * Where a series read from one file came from: its file name and, for FHIR, the patient it is
 * about. Kept beside the series (not in the model the page sees) so that merging the files of a
 * case can leave out another patient's file and name it.
 */
import type { CtdnaSeries } from '../../../shared/model/ctdna.js';

export type SeriesSource = { file: string; subject?: string };

const sources = new WeakMap<CtdnaSeries, SeriesSource>();

export const sourceOf = Object.assign((series: CtdnaSeries): SeriesSource | undefined => sources.get(series), {
  set(series: CtdnaSeries, source: SeriesSource): CtdnaSeries {
    sources.set(series, source);
    return series;
  },
});
