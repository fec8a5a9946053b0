/**
 * Several ctDNA files of one case -> one series: points and events in time order, warnings kept.
 *
 * Files on relative days (cBioPortal timelines) are put on dates when an anchor date is given; a
 * case mixing dated files with unanchored relative ones keeps the dated ones and says why the others
 * are left out. FHIR files about another patient than the first FHIR file's are left out, named.
 */
import {
  anchorCtdnaSeries,
  type CtdnaEvent,
  type CtdnaPoint,
  type CtdnaSeries,
  type CtdnaSpecimen,
  type CtdnaVariantResult,
} from '../../../shared/model/ctdna.js';
import { sourceOf } from './seriesSource.js';

const byTime = <T extends { date: string; day?: number }>(a: T, b: T): number =>
  a.date.localeCompare(b.date) || (a.day ?? 0) - (b.day ?? 0);
const byDate = (a: CtdnaPoint, b: CtdnaPoint): number => byTime(a, b) || (a.reportDate ?? '').localeCompare(b.reportDate ?? '');
const byStart = (a: CtdnaEvent, b: CtdnaEvent): number =>
  a.start.localeCompare(b.start) || (a.startDay ?? 0) - (b.startDay ?? 0) || (a.end ?? '').localeCompare(b.end ?? '');

export function mergeCtdnaSeries(input: CtdnaSeries[], options: { anchorDate?: string } = {}): CtdnaSeries {
  const warnings: string[] = [];
  let parts = input.map((s) => (options.anchorDate ? keepSource(s, anchorCtdnaSeries(s, options.anchorDate)) : s));

  // One patient: the subject of the first file that names one.
  const subject = parts.map((s) => sourceOf(s)?.subject).find((s) => s !== undefined);
  parts = parts.filter((s) => {
    const source = sourceOf(s);
    if (!source?.subject || source.subject === subject) return true;
    warnings.push(`${source.file}: about ${source.subject}, not ${subject} (the case's patient); file ignored`);
    return false;
  });

  const relative = parts.filter((s) => s.axis === 'relative-days');
  const dated = parts.filter((s) => s.axis !== 'relative-days');
  const hasData = (s: CtdnaSeries): boolean => s.points.length + s.events.length > 0;
  if (relative.length && dated.some(hasData)) {
    for (const s of relative) {
      const file = sourceOf(s)?.file ?? 'a timeline file';
      warnings.push(
        `${file}: days counted from an anchor the case does not give (patient.diagnosisDate in case.json); its ${s.points.length} results and ${s.events.length} events are left out`,
      );
    }
    parts = dated;
  }
  const axis = parts.length > 0 && parts.every((s) => s.axis === 'relative-days') ? 'relative-days' : undefined;

  const points = parts.flatMap((s) => s.points).sort(byDate);
  const events = parts.flatMap((s) => s.events).sort(byStart);
  const variants: CtdnaVariantResult[] = parts.flatMap((s) => s.variants ?? []).sort(byTime);
  const specimens: CtdnaSpecimen[] = parts.flatMap((s) => s.specimens ?? []).sort(byTime);
  warnings.unshift(...input.flatMap((s) => s.warnings));
  const units = [...new Set(points.map((point) => point.unit))];
  if (units.length > 1) warnings.push(`the ctDNA results use several units (${units.join(', ')}): compare values with care`);
  const merged: CtdnaSeries = { points, events, warnings };
  if (variants.length) merged.variants = variants;
  if (specimens.length) merged.specimens = specimens;
  if (axis) merged.axis = axis;
  return merged;
}

function keepSource(from: CtdnaSeries, to: CtdnaSeries): CtdnaSeries {
  const source = sourceOf(from);
  if (source && from !== to) sourceOf.set(to, source);
  return to;
}
