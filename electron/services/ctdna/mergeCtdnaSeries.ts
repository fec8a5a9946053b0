/** Several ctDNA files of one case -> one series: points and events in date order, warnings kept. */
import type { CtdnaEvent, CtdnaPoint, CtdnaSeries } from '../../../shared/model/ctdna.js';

const byDate = (a: CtdnaPoint, b: CtdnaPoint): number =>
  a.date.localeCompare(b.date) || (a.reportDate ?? '').localeCompare(b.reportDate ?? '');
const byStart = (a: CtdnaEvent, b: CtdnaEvent): number =>
  a.start.localeCompare(b.start) || (a.end ?? '').localeCompare(b.end ?? '');

export function mergeCtdnaSeries(series: CtdnaSeries[]): CtdnaSeries {
  const points = series.flatMap((s) => s.points).sort(byDate);
  const events = series.flatMap((s) => s.events).sort(byStart);
  const warnings = series.flatMap((s) => s.warnings);
  const units = [...new Set(points.map((point) => point.unit))];
  if (units.length > 1) warnings.push(`the ctDNA results use several units (${units.join(', ')}): compare values with care`);
  return { points, events, warnings };
}
