/**
 * ctDNA results, clinical events and per-variant VAFs from our CSV forms (see csvLayout.ts and
 * docs/ctdna-csv.md). A row that cannot be used is left out and named in `warnings` (file, line,
 * reason); a series in two units is refused, since its points could not be drawn on one axis.
 */
import type { CtdnaEvent, CtdnaPoint, CtdnaSeries, CtdnaVariantResult } from '../../../shared/model/ctdna.js';
import { badFile } from '../errors.js';
import { parseCsv } from './csv.js';
import {
  csvLayout,
  normalizeColumn,
  REQUIRED_EVENT_COLUMNS,
  REQUIRED_RESULT_COLUMNS,
  REQUIRED_VARIANT_COLUMNS,
  rowCells,
  vafColumn,
  type RowCells,
} from './csvLayout.js';
import { isoDate } from './isoDate.js';
import { parseEventRow } from './parseEventRow.js';
import { parseResultRow, type RowOutcome } from './parseResultRow.js';
import { parseVaf } from './parseVaf.js';
import { SeriesUnit } from './seriesUnit.js';

/** The unit of a series whose rows name none (tumor-informed assays report mean tumor molecules/mL). */
export const DEFAULT_UNIT = 'MTM/mL';

export function readCtdnaCsv(text: string, path: string, name: string): CtdnaSeries {
  const { rows, problems } = parseCsv(text);
  const header = rows[0];
  if (!header) throw badFile(path, 'line 1: the file is empty');
  const layout = csvLayout(header.cells);
  if (!layout) {
    throw badFile(
      path,
      `line ${header.lineNumber}: not a ctDNA CSV: expected the columns ${REQUIRED_RESULT_COLUMNS.join(',')} (results), ${REQUIRED_EVENT_COLUMNS.join(',')} (events) or ${REQUIRED_VARIANT_COLUMNS.join(',')} (per-variant VAFs)`,
    );
  }

  const warnings = problems.map(({ lineNumber, message }) => `${name} line ${lineNumber}: ${message}`);
  const points: CtdnaPoint[] = [];
  const events: CtdnaEvent[] = [];
  const variants: CtdnaVariantResult[] = [];
  const units = new SeriesUnit(path);
  const wide = header.cells.map((cell, i) => ({ i, variant: vafColumn(cell) })).filter((c) => c.variant !== null);

  for (const { cells, lineNumber } of rows.slice(1)) {
    const where = `${name} line ${lineNumber}`;
    if (cells.length !== header.cells.length) {
      warnings.push(`${where}: ${cells.length} cells where the header has ${header.cells.length}; row rejected`);
      continue;
    }
    const cell = rowCells(header.cells, cells);
    if (layout === 'variants') {
      const outcome = parseVariantRow(cell);
      if ('rejected' in outcome) warnings.push(`${where}: ${outcome.rejected}; row rejected`);
      else variants.push(outcome.ok);
      continue;
    }
    const kind = layout === 'combined' ? recordKind(cell('record_type')) : layout === 'results' ? 'result' : 'event';
    if (!kind) {
      warnings.push(`${where}: record_type "${cell('record_type') ?? ''}" is not result or event; row rejected`);
      continue;
    }
    const outcome: RowOutcome<CtdnaPoint | CtdnaEvent> = kind === 'result' ? parseResultRow(cell) : parseEventRow(cell);
    if ('rejected' in outcome) {
      warnings.push(`${where}: ${outcome.rejected}; row rejected`);
      continue;
    }
    warnings.push(...outcome.notes.map((note) => `${where}: ${note}`));
    if (kind === 'event') {
      events.push(outcome.ok as CtdnaEvent);
      continue;
    }
    const point = outcome.ok as CtdnaPoint;
    if (point.unit !== '') units.check(point.unit, `line ${lineNumber}`);
    points.push(point);
    // Wide per-variant VAF columns of this draw.
    for (const { i, variant } of wide) {
      const text = cells[i]!.trim();
      if (text === '') continue;
      const reading = parseVaf(text);
      if ('rejected' in reading) {
        warnings.push(`${where}: column "${header.cells[i]!.trim()}": ${reading.rejected}; cell ignored`);
        continue;
      }
      const result: CtdnaVariantResult = { date: point.date, ...variant!, vaf: reading.vaf, status: reading.status };
      if (point.specimenId) result.specimenId = point.specimenId;
      variants.push(result);
    }
  }

  // Rows without a unit take the series'; "MTM/ml" and "MTM/mL" are written one way.
  const unit = units.unit ?? DEFAULT_UNIT;
  for (const point of points) point.unit = unit;
  if (rows.length === 1) warnings.push(`${name}: no rows after the header`);
  const series: CtdnaSeries = { points, events, warnings };
  if (variants.length) series.variants = variants;
  return series;
}

function parseVariantRow(cells: RowCells): RowOutcome<CtdnaVariantResult> {
  const dateText = cells('date');
  const date = dateText === undefined ? undefined : isoDate(dateText);
  if (!date) return { rejected: dateText ? `date "${dateText}" is not an ISO 8601 date (YYYY-MM-DD)` : 'no date' };
  const gene = cells('gene');
  if (!gene) return { rejected: 'no gene' };
  const reading = parseVaf(cells('vaf') ?? '', cells('status'));
  if ('rejected' in reading) return { rejected: reading.rejected };
  const result: CtdnaVariantResult = { date, gene, vaf: reading.vaf, status: reading.status };
  const proteinChange = cells('protein_change');
  if (proteinChange) result.proteinChange = proteinChange;
  const specimenId = cells('specimen_id');
  if (specimenId) result.specimenId = specimenId;
  return { ok: result, notes: [] };
}

const recordKind = (text: string | undefined): 'result' | 'event' | undefined => {
  const word = text === undefined ? '' : normalizeColumn(text).replace(/s$/, '');
  return word === 'result' || word === 'event' ? word : undefined;
};
