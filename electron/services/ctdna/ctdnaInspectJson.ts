/** What `triptych inspect FILE` prints for a ctDNA file: the points and events, plainly. */
import type { CtdnaSeries } from '../../../shared/model/ctdna.js';

export function ctdnaInspectJson(series: CtdnaSeries) {
  const relative = series.axis === 'relative-days';
  return {
    kind: 'ctdna' as const,
    ...(relative ? { axis: 'relative-days' as const } : {}),
    points: series.points.map((p) => ({
      date: relative ? undefined : p.date,
      day: relative ? p.day : undefined,
      value: p.value,
      unit: p.unit,
      status: p.status,
      variantsDetected: p.variantsDetected,
      variantsTracked: p.variantsTracked,
      lod: p.lod,
    })),
    events: series.events.map((e) => ({
      type: e.type,
      label: e.label,
      start: relative ? e.startDay : e.start,
      end: relative ? e.endDay : e.end,
      result: e.result,
    })),
    ...(series.variants?.length ? { variants: series.variants.length } : {}),
    ...(series.specimens?.length ? { specimens: series.specimens.map((s) => s.id) } : {}),
    warnings: series.warnings,
  };
}
