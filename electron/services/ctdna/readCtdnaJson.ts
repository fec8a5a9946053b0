/**
 * Our ctDNA JSON form -> the model. The document's frame (format, version, unit, assay) must be
 * right or the file is refused; each item of its arrays is checked on its own, and a bad one is
 * left out and named (`results[3]: status: …`).
 */
import type { z } from 'zod';
import type { CtdnaEvent, CtdnaPoint, CtdnaSeries, CtdnaSpecimen, CtdnaVariantResult } from '../../../shared/model/ctdna.js';
import { badFile } from '../errors.js';
import {
  CTDNA_JSON_FORMAT,
  CTDNA_JSON_VERSION,
  CtdnaJsonEnvelope,
  CtdnaJsonEvent,
  CtdnaJsonResult,
  CtdnaJsonSpecimen,
  CtdnaJsonVariant,
} from './ctdnaJson.js';
import { isoDate } from './isoDate.js';
import { DEFAULT_UNIT } from './readCtdnaCsv.js';
import { SeriesUnit } from './seriesUnit.js';

const issuesText = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function readCtdnaJson(data: unknown, path: string, name: string): CtdnaSeries {
  const format = (data as { format?: unknown } | null)?.format;
  if (typeof data !== 'object' || data === null || format !== CTDNA_JSON_FORMAT)
    throw badFile(path, `not a Triptych ctDNA JSON document (no "format": "${CTDNA_JSON_FORMAT}")`);
  const envelope = CtdnaJsonEnvelope.safeParse(data);
  if (!envelope.success) {
    const version = (data as { version?: unknown }).version;
    if (version !== CTDNA_JSON_VERSION)
      throw badFile(
        path,
        `version ${JSON.stringify(version)} is not supported (this Triptych reads version ${CTDNA_JSON_VERSION})`,
      );
    throw badFile(path, issuesText(envelope.error));
  }
  const doc = envelope.data;
  const warnings: string[] = [];
  const units = new SeriesUnit(path);

  function each<S extends z.ZodType, T>(
    key: string,
    items: unknown[] | undefined,
    schema: S,
    make: (item: z.infer<S>, where: string) => T | string,
  ): T[] {
    const out: T[] = [];
    (items ?? []).forEach((raw, i) => {
      const where = `${key}[${i}]`;
      const parsed = schema.safeParse(raw);
      const made = parsed.success ? make(parsed.data, where) : issuesText(parsed.error);
      if (typeof made === 'string') warnings.push(`${name} ${where}: ${made}; rejected`);
      else out.push(made);
    });
    return out;
  }
  const badDate = (...dates: Array<[string, string | undefined]>): string | undefined => {
    const bad = dates.find(([, d]) => d !== undefined && !isoDate(d));
    return bad ? `${bad[0]} "${bad[1]}" is not a calendar date` : undefined;
  };

  const points = each('results', doc.results, CtdnaJsonResult, (r, where): CtdnaPoint | string => {
    const dateProblem = badDate(['date', r.date], ['reportDate', r.reportDate]);
    if (dateProblem) return dateProblem;
    if (r.variantsDetected !== undefined && r.variantsTracked !== undefined && r.variantsDetected > r.variantsTracked)
      return `variantsDetected ${r.variantsDetected} is more than variantsTracked ${r.variantsTracked}`;
    const reportable = r.status === 'DETECTED' || r.status === 'INDETERMINATE';
    if (!reportable && r.value) warnings.push(`${name} ${where}: value ${r.value} ignored for a ${r.status} result`);
    const unit = r.unit ?? doc.unit ?? DEFAULT_UNIT;
    units.check(unit, where);
    return withoutUndefined({
      date: r.date,
      reportDate: r.reportDate,
      value: reportable ? (r.value ?? null) : null,
      unit,
      status: r.status,
      comparator: r.comparator,
      lod: r.lod,
      variantsDetected: r.variantsDetected,
      variantsTracked: r.variantsTracked,
      qualified: r.qualified,
      assay: r.assay ?? doc.assay?.name,
      vendor: r.vendor ?? doc.assay?.vendor,
      tumorInformed: r.tumorInformed ?? doc.assay?.tumorInformed,
      code: r.code,
      specimenId: r.specimenId,
    });
  });
  const events = each('events', doc.events, CtdnaJsonEvent, (e): CtdnaEvent | string => {
    const dateProblem = badDate(['start', e.start], ['end', e.end]);
    if (dateProblem) return dateProblem;
    if (e.end !== undefined && e.end < e.start) return `end ${e.end} is before start ${e.start}`;
    return withoutUndefined({ ...e });
  });
  const variants = each('variants', doc.variants, CtdnaJsonVariant, (v): CtdnaVariantResult | string => {
    const dateProblem = badDate(['date', v.date]);
    if (dateProblem) return dateProblem;
    if (v.status === 'DETECTED' && !v.vaf) return 'a DETECTED variant needs a vaf above 0';
    return withoutUndefined({ ...v, vaf: v.status === 'DETECTED' ? v.vaf : null });
  });
  const specimens = each('specimens', doc.specimens, CtdnaJsonSpecimen, (s): CtdnaSpecimen | string => {
    return badDate(['date', s.date]) ?? withoutUndefined({ ...s });
  });

  const series: CtdnaSeries = { points, events, warnings };
  if (variants.length) series.variants = variants;
  if (specimens.length) series.specimens = specimens;
  return series;
}
