/** One results row -> a CtdnaPoint, or the reason it is rejected. */
import type { CtdnaPoint, CtdnaStatus } from '../../../shared/model/ctdna.js';
import { quoted, type RowCells } from './csvLayout.js';
import { isoDate } from './isoDate.js';

export type RowOutcome<T> = { ok: T; notes: string[] } | { rejected: string };

// prettier-ignore
const STATUS_WORDS: Record<string, CtdnaStatus> = {
  DETECTED: 'DETECTED', DET: 'DETECTED', POSITIVE: 'DETECTED',
  NOT_DETECTED: 'NOT_DETECTED', ND: 'NOT_DETECTED', NEGATIVE: 'NOT_DETECTED',
  INDETERMINATE: 'INDETERMINATE', IND: 'INDETERMINATE',
  QNS: 'QNS', INSUFFICIENT: 'QNS', QUANTITY_NOT_SUFFICIENT: 'QNS',
};
const COMPARATORS = new Set(['<', '<=', '>', '>=', '=']);
// prettier-ignore
const BOOLEANS: Record<string, boolean> = { true: true, yes: true, y: true, '1': true, false: false, no: false, n: false, '0': false };

export const parseStatus = (text: string): CtdnaStatus | undefined =>
  STATUS_WORDS[
    text
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, '_')
  ];

class Rejection extends Error {}

const number = (cells: RowCells, column: string, integer = false): number | undefined => {
  const text = cells(column);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new Rejection(`${column} ${quoted(text)} is not a ${integer ? 'whole ' : ''}number ≥ 0`);
  }
  return value;
};

const date = (cells: RowCells, column: string): string | undefined => {
  const text = cells(column);
  if (text === undefined) return undefined;
  const iso = isoDate(text);
  if (!iso) throw new Rejection(`${column} ${quoted(text)} is not an ISO 8601 date (YYYY-MM-DD)`);
  return iso;
};

/** "<0.01" in the value cell is read as comparator "<" and value 0.01, as lab exports often write it. */
function valueAndComparator(cells: RowCells): { value?: number; comparator?: string } {
  const text = cells('value');
  const inline = text === undefined ? null : /^(<=|>=|<|>)\s*(.+)$/.exec(text);
  const comparator = cells('comparator') ?? inline?.[1];
  if (comparator !== undefined && !COMPARATORS.has(comparator))
    throw new Rejection(`comparator ${quoted(comparator)} is not one of < <= > >= =`);
  const valueText = inline ? inline[2] : text;
  if (valueText === undefined) return { comparator };
  const value = Number(valueText);
  if (!Number.isFinite(value) || value < 0) throw new Rejection(`value ${quoted(text ?? valueText)} is not a number ≥ 0`);
  return { value, comparator };
}

/** The unit is left empty here when the row has none; the reader fills in the series' unit. */
export function parseResultRow(cells: RowCells): RowOutcome<CtdnaPoint> {
  try {
    const notes: string[] = [];
    const collected = date(cells, 'date');
    if (!collected) throw new Rejection('no date');
    const statusText = cells('status');
    if (!statusText) throw new Rejection('no status');
    const status = parseStatus(statusText);
    if (!status) throw new Rejection(`status ${quoted(statusText)} is not DETECTED, NOT_DETECTED, INDETERMINATE or QNS`);
    const { value, comparator } = valueAndComparator(cells);
    const variantsDetected = number(cells, 'variants_detected', true);
    const variantsTracked = number(cells, 'variants_tracked', true);
    if (variantsDetected !== undefined && variantsTracked !== undefined && variantsDetected > variantsTracked) {
      throw new Rejection(`variants_detected ${variantsDetected} is more than variants_tracked ${variantsTracked}`);
    }
    const qualifiedText = cells('qualified');
    const qualified = qualifiedText === undefined ? undefined : BOOLEANS[qualifiedText.toLowerCase()];
    if (qualifiedText !== undefined && qualified === undefined)
      throw new Rejection(`qualified ${quoted(qualifiedText)} is not true or false`);
    const informedText = cells('tumor_informed');
    const tumorInformed = informedText === undefined ? undefined : BOOLEANS[informedText.toLowerCase()];
    if (informedText !== undefined && tumorInformed === undefined)
      throw new Rejection(`tumor_informed ${quoted(informedText)} is not true or false`);
    const reportDate = date(cells, 'report_date');
    if (reportDate !== undefined && reportDate < collected)
      notes.push(`report_date ${reportDate} is before the draw date ${collected}`);

    // Not detected and insufficient samples have no value to plot, whatever the cell says.
    const reportable = status === 'DETECTED' || status === 'INDETERMINATE';
    if (!reportable && value !== undefined && value > 0) notes.push(`value ${value} ignored for a ${status} result`);
    const point: CtdnaPoint = {
      date: collected,
      value: reportable ? (value ?? null) : null,
      unit: cells('unit') ?? '',
      status,
    };
    const optional = {
      reportDate,
      comparator,
      lod: number(cells, 'lod'),
      variantsDetected,
      variantsTracked,
      qualified,
      assay: cells('assay'),
      vendor: cells('vendor'),
      tumorInformed,
      specimenId: cells('specimen_id'),
    };
    for (const [key, v] of Object.entries(optional)) if (v !== undefined) Object.assign(point, { [key]: v });
    return { ok: point, notes };
  } catch (error) {
    if (error instanceof Rejection) return { rejected: error.message };
    throw error;
  }
}
