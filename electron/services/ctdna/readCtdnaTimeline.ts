/**
 * cBioPortal timeline files (data_timeline_*.txt) -> the ctDNA model. Tab-separated, `#` lines are
 * comments; the columns PATIENT_ID, START_DATE, STOP_DATE, EVENT_TYPE, then the columns of each
 * event type. START_DATE / STOP_DATE count days from an anchor (usually the diagnosis): with
 * `anchorDate` they become dates, otherwise the series is on relative days.
 *
 *   LAB_TEST   TEST, RESULT (48.2 | 48.2 MTM/mL | <0.01 | NOT DETECTED | QNS …), and optionally
 *              UNIT, STATUS, LOD, VARIANTS_DETECTED, VARIANTS_TRACKED, QUALIFIED, ASSAY, VENDOR,
 *              SAMPLE_ID / SPECIMEN_REFERENCE_NUMBER: the ctDNA tests make the series; other tests
 *              (CEA, PSA …) are left out, named
 *   TREATMENT  AGENT (or SUBTYPE / TREATMENT_TYPE) from START_DATE to STOP_DATE
 *   SURGERY    SUBTYPE / EVENT_TYPE_DETAILED / SURGERY_DETAILS (a biopsy when it says so)
 *   IMAGING    DIAGNOSTIC_TYPE, DIAGNOSTIC_TYPE_DETAILED, RESULT
 *   SPECIMEN   SPECIMEN_REFERENCE_NUMBER or SAMPLE_ID, SPECIMEN_TYPE, SPECIMEN_SITE
 *   STATUS     STATUS (a diagnosis when it says so); any other type: an "other" event
 */
import {
  addDays,
  type CtdnaEvent,
  type CtdnaEventType,
  type CtdnaPoint,
  type CtdnaSeries,
  type CtdnaSpecimen,
  type CtdnaStatus,
} from '../../../shared/model/ctdna.js';
import { badFile } from '../errors.js';
import { quoted } from './csvLayout.js';
import { parseStatus } from './parseResultRow.js';
import { DEFAULT_UNIT } from './readCtdnaCsv.js';
import { SeriesUnit } from './seriesUnit.js';

export const TIMELINE_COLUMNS = ['PATIENT_ID', 'START_DATE', 'EVENT_TYPE'] as const;
const CTDNA_TEST = /ctdna|circulating|cell.?free|cfdna|mtm|tumou?r.?informed|signatera|\bmrd\b|molecular residual/i;

type Row = { line: number; get: (column: string) => string | undefined };

/** The header line of a timeline file: its columns, upper-cased; null when it is not one. */
export function timelineHeader(line: string): string[] | null {
  if (!line.includes('\t')) return null;
  const columns = line.split('\t').map((c) => c.trim().toUpperCase());
  return TIMELINE_COLUMNS.every((c) => columns.includes(c)) ? columns : null;
}

export function readCtdnaTimeline(
  text: string,
  path: string,
  name: string,
  options: { anchorDate?: string; patientId?: string } = {},
): CtdnaSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = headerIndex < 0 ? null : timelineHeader(lines[headerIndex]!);
  if (!header)
    throw badFile(
      path,
      `line ${headerIndex + 1}: not a cBioPortal timeline file: expected the columns ${TIMELINE_COLUMNS.join(', ')}`,
    );
  const warnings: string[] = [];
  const warn = (line: number, message: string): void => void warnings.push(`${name} line ${line}: ${message}`);

  const rows: Row[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (cells.length > header.length) {
      warn(i + 1, `${cells.length} cells where the header has ${header.length}; row rejected`);
      continue;
    }
    rows.push({
      line: i + 1,
      get: (column) => {
        const at = header.indexOf(column);
        const value = at < 0 ? undefined : cells[at]?.trim();
        return value === undefined || value === '' || value.toUpperCase() === 'NA' ? undefined : value;
      },
    });
  }

  // One patient: the one asked for, or the first; the others' rows are named and left out.
  const patient = options.patientId ?? rows.find((r) => r.get('PATIENT_ID'))?.get('PATIENT_ID');
  const others = new Map<string, number[]>();
  const ours = rows.filter((r) => {
    const id = r.get('PATIENT_ID');
    if (id === patient) return true;
    others.set(id ?? '(none)', [...(others.get(id ?? '(none)') ?? []), r.line]);
    return false;
  });
  for (const [id, at] of others)
    warnings.push(
      `${name}: ${at.length} row${at.length === 1 ? '' : 's'} of patient ${id} (line${at.length === 1 ? '' : 's'} ${at.slice(0, 5).join(', ')}${at.length > 5 ? ' …' : ''}) ignored: this case is patient ${patient}`,
    );

  const anchor = options.anchorDate;
  const when = (day: number): { date: string; day: number } => ({ date: anchor ? addDays(anchor, day) : '', day });
  const dayOf = (row: Row, column: string): number | undefined | string => {
    const value = row.get(column);
    if (value === undefined) return undefined;
    return /^-?\d+$/.test(value) ? Number(value) : `${column} ${quoted(value)} is not a whole number of days`;
  };

  // Which LAB_TEST tests are ctDNA: those that say so, or the only test there is.
  const labTests = new Map<string, number>();
  for (const r of ours)
    if (r.get('EVENT_TYPE')?.toUpperCase() === 'LAB_TEST')
      labTests.set(r.get('TEST') ?? '', (labTests.get(r.get('TEST') ?? '') ?? 0) + 1);
  const ctdnaTests = new Set([...labTests.keys()].filter((t) => CTDNA_TEST.test(t)));
  if (ctdnaTests.size === 0 && labTests.size === 1) ctdnaTests.add([...labTests.keys()][0]!);
  for (const [test, count] of labTests)
    if (!ctdnaTests.has(test))
      warnings.push(`${name}: LAB_TEST "${test}" (${count} row${count === 1 ? '' : 's'}) is not a ctDNA test; ignored`);

  const points: CtdnaPoint[] = [];
  const events: CtdnaEvent[] = [];
  const specimens: CtdnaSpecimen[] = [];
  const units = new SeriesUnit(path);
  for (const row of ours) {
    const eventType = (row.get('EVENT_TYPE') ?? '').toUpperCase();
    const start = dayOf(row, 'START_DATE');
    const stop = dayOf(row, 'STOP_DATE');
    const reject = (reason: string): void => warn(row.line, `${reason}; row rejected`);
    if (typeof start !== 'number') {
      reject(typeof start === 'string' ? start : 'no START_DATE');
      continue;
    }
    if (typeof stop === 'string') {
      reject(stop);
      continue;
    }
    if (stop !== undefined && stop < start) {
      reject(`STOP_DATE ${stop} is before START_DATE ${start}`);
      continue;
    }
    if (!eventType) {
      reject('no EVENT_TYPE');
      continue;
    }
    if (eventType === 'LAB_TEST') {
      if (!ctdnaTests.has(row.get('TEST') ?? '')) continue;
      const outcome = labResult(row);
      if (typeof outcome === 'string') {
        reject(outcome);
        continue;
      }
      if (outcome.unit) units.check(outcome.unit, `line ${row.line}`);
      points.push({ ...when(start), ...outcome });
      continue;
    }
    if (eventType === 'SPECIMEN') {
      const id = row.get('SPECIMEN_REFERENCE_NUMBER') ?? row.get('SAMPLE_ID');
      if (!id) {
        reject('a SPECIMEN without SPECIMEN_REFERENCE_NUMBER or SAMPLE_ID');
        continue;
      }
      const specimen: CtdnaSpecimen = { id, ...when(start) };
      const type = row.get('SPECIMEN_TYPE');
      if (type) specimen.type = type;
      const site = row.get('SPECIMEN_SITE');
      if (site) specimen.label = site;
      const sample = row.get('SAMPLE_ID');
      if (sample) specimen.sampleId = sample;
      specimens.push(specimen);
      continue;
    }
    const made = timelineEvent(eventType, row);
    const { date, day } = when(start);
    const event: CtdnaEvent = { type: made.type, label: made.label, start: date, startDay: day };
    if (stop !== undefined && stop !== start) {
      event.end = when(stop).date;
      event.endDay = stop;
    }
    if (made.result) event.result = made.result;
    const specimenId = row.get('SPECIMEN_REFERENCE_NUMBER') ?? row.get('SAMPLE_ID');
    if (specimenId && (made.type === 'surgery' || made.type === 'biopsy')) event.specimenId = specimenId;
    events.push(event);
  }

  const unit = units.unit ?? DEFAULT_UNIT;
  for (const p of points) p.unit = unit;
  if (ours.length === 0) warnings.push(`${name}: no rows after the header`);
  const series: CtdnaSeries = { points, events, warnings };
  if (specimens.length) series.specimens = specimens;
  if (!anchor) series.axis = 'relative-days';
  return series;
}

function timelineEvent(eventType: string, row: Row): { type: CtdnaEventType; label: string; result?: string } {
  const join = (...parts: Array<string | undefined>): string | undefined => parts.filter(Boolean).join(', ') || undefined;
  switch (eventType) {
    case 'TREATMENT': {
      const kind = row.get('TREATMENT_TYPE');
      const label = row.get('AGENT') ?? join(kind, row.get('SUBTYPE')) ?? 'Treatment';
      return { type: 'treatment', label };
    }
    case 'SURGERY': {
      const label = row.get('SUBTYPE') ?? row.get('EVENT_TYPE_DETAILED') ?? row.get('SURGERY_DETAILS') ?? 'Surgery';
      return { type: /biops/i.test(label) ? 'biopsy' : 'surgery', label, result: row.get('RESULT') };
    }
    case 'BIOPSY':
      return {
        type: 'biopsy',
        label: row.get('SUBTYPE') ?? row.get('EVENT_TYPE_DETAILED') ?? 'Biopsy',
        result: row.get('RESULT'),
      };
    case 'IMAGING': {
      const label = join(row.get('DIAGNOSTIC_TYPE'), row.get('DIAGNOSTIC_TYPE_DETAILED')) ?? row.get('SUBTYPE') ?? 'Imaging';
      return { type: 'imaging', label, result: row.get('RESULT') };
    }
    case 'STATUS': {
      const status = row.get('STATUS') ?? 'Status';
      return { type: /diagnos/i.test(status) ? 'diagnosis' : 'other', label: status, result: row.get('SOURCE') };
    }
    default: {
      const label = join(eventType.charAt(0) + eventType.slice(1).toLowerCase().replace(/_/g, ' '), row.get('SUBTYPE'))!;
      return { type: /diagnos/i.test(eventType) ? 'diagnosis' : 'other', label, result: row.get('RESULT') };
    }
  }
}

const BOOLEANS: Record<string, boolean> = {
  TRUE: true,
  YES: true,
  Y: true,
  '1': true,
  FALSE: false,
  NO: false,
  N: false,
  '0': false,
};

/** A LAB_TEST row's RESULT (and optional columns) -> the point's fields; a string is the reason it is rejected. */
function labResult(row: Row): Omit<CtdnaPoint, 'date' | 'day'> | string {
  const result = row.get('RESULT');
  if (!result) return 'a LAB_TEST without RESULT';
  const statusText = row.get('STATUS');
  const explicit = statusText === undefined ? undefined : parseStatus(statusText);
  if (statusText !== undefined && !explicit)
    return `STATUS ${quoted(statusText)} is not DETECTED, NOT_DETECTED, INDETERMINATE or QNS`;
  const word = parseStatus(result);
  const match = /^(<=|>=|<|>)?\s*(\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*(.*)$/i.exec(result);
  if (!word && !match) return `RESULT ${quoted(result)} is neither a number nor DETECTED / NOT DETECTED / INDETERMINATE / QNS`;
  const value = match ? Number(match[2]) : undefined;
  const comparator = match?.[1];
  const unit = row.get('UNIT') ?? (match?.[3]?.trim() || undefined);
  const status: CtdnaStatus = explicit ?? word ?? (value === 0 || comparator?.startsWith('<') ? 'NOT_DETECTED' : 'DETECTED');
  const reportable = status === 'DETECTED' || status === 'INDETERMINATE';
  const point: Omit<CtdnaPoint, 'date' | 'day'> = {
    value: reportable ? (value ?? null) : null,
    unit: unit ?? '',
    status,
  };
  if (comparator && reportable) point.comparator = comparator;
  const count = (column: string): number | undefined | string => {
    const text = row.get(column);
    if (text === undefined) return undefined;
    const n = Number(text);
    return Number.isFinite(n) && n >= 0 ? n : `${column} ${quoted(text)} is not a number ≥ 0`;
  };
  for (const [column, key] of [
    ['LOD', 'lod'],
    ['VARIANTS_DETECTED', 'variantsDetected'],
    ['VARIANTS_TRACKED', 'variantsTracked'],
  ] as const) {
    const n = count(column);
    if (typeof n === 'string') return n;
    if (n !== undefined) point[key] = n;
  }
  if (
    point.variantsDetected !== undefined &&
    point.variantsTracked !== undefined &&
    point.variantsDetected > point.variantsTracked
  )
    return `VARIANTS_DETECTED ${point.variantsDetected} is more than VARIANTS_TRACKED ${point.variantsTracked}`;
  const qualified = row.get('QUALIFIED');
  if (qualified !== undefined) {
    const flag = BOOLEANS[qualified.toUpperCase()];
    if (flag === undefined) return `QUALIFIED ${quoted(qualified)} is not true or false`;
    point.qualified = flag;
  }
  const assay = row.get('ASSAY') ?? row.get('TEST');
  if (assay) point.assay = assay;
  const vendor = row.get('VENDOR');
  if (vendor) point.vendor = vendor;
  const specimen = row.get('SPECIMEN_REFERENCE_NUMBER') ?? row.get('SAMPLE_ID');
  if (specimen) point.specimenId = specimen;
  return point;
}
