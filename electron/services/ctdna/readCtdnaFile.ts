/**
 * ctDNA results and clinical events from our CSV forms (see csvLayout.ts and docs/ctdna-csv.md).
 * A row that cannot be used is left out and named in `warnings` (file, line, reason); a series in
 * two units is refused, since its points could not be drawn on one axis.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CtdnaEvent, CtdnaPoint } from '../../../shared/model/ctdna.js';
import { badFile, ServiceError } from '../errors.js';
import type { CtdnaReader } from '../sources.js';
import { parseCsv } from './csv.js';
import { csvLayout, normalizeColumn, REQUIRED_EVENT_COLUMNS, REQUIRED_RESULT_COLUMNS, rowCells } from './csvLayout.js';
import { mergeCtdnaSeries } from './mergeCtdnaSeries.js';
import { parseEventRow } from './parseEventRow.js';
import { parseResultRow, type RowOutcome } from './parseResultRow.js';

export { mergeCtdnaSeries } from './mergeCtdnaSeries.js';
export { sniffCtdna } from './sniffCtdna.js';

/** The unit of a series whose rows name none (tumor-informed assays report mean tumor molecules/mL). */
export const DEFAULT_UNIT = 'MTM/mL';
/** A results CSV is a few hundred rows; anything this big is not one. */
const MAX_BYTES = 20 * 1024 * 1024;

export const readCtdnaFile: CtdnaReader = async (path) => {
  const text = await readText(path);
  const name = basename(path);
  const { rows, problems } = parseCsv(text);
  const header = rows[0];
  if (!header) throw badFile(path, 'line 1: the file is empty');
  const layout = csvLayout(header.cells);
  if (!layout) {
    throw badFile(
      path,
      `line ${header.lineNumber}: not a ctDNA CSV: expected the columns ${REQUIRED_RESULT_COLUMNS.join(',')} (results) or ${REQUIRED_EVENT_COLUMNS.join(',')} (events)`,
    );
  }

  const warnings = problems.map(({ lineNumber, message }) => `${name} line ${lineNumber}: ${message}`);
  const points: CtdnaPoint[] = [];
  const events: CtdnaEvent[] = [];
  let seriesUnit: { unit: string; lineNumber: number } | undefined;

  for (const { cells, lineNumber } of rows.slice(1)) {
    const where = `${name} line ${lineNumber}`;
    if (cells.length !== header.cells.length) {
      warnings.push(`${where}: ${cells.length} cells where the header has ${header.cells.length}; row rejected`);
      continue;
    }
    const cell = rowCells(header.cells, cells);
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
    if (point.unit !== '') {
      seriesUnit ??= { unit: point.unit, lineNumber };
      if (point.unit.toLowerCase() !== seriesUnit.unit.toLowerCase()) {
        throw badFile(
          path,
          `line ${lineNumber}: unit "${point.unit}" differs from "${seriesUnit.unit}" (line ${seriesUnit.lineNumber}); one series takes one unit`,
        );
      }
    }
    points.push(point);
  }

  // Rows without a unit take the series'; "MTM/ml" and "MTM/mL" are written one way.
  const unit = seriesUnit?.unit ?? DEFAULT_UNIT;
  for (const point of points) point.unit = unit;
  if (rows.length === 1) warnings.push(`${name}: no rows after the header`);
  return mergeCtdnaSeries([{ points, events, warnings }]);
};

const recordKind = (text: string | undefined): 'result' | 'event' | undefined => {
  const word = text === undefined ? '' : normalizeColumn(text).replace(/s$/, '');
  return word === 'result' || word === 'event' ? word : undefined;
};

async function readText(path: string): Promise<string> {
  try {
    const { size } = await stat(path);
    if (size > MAX_BYTES) throw badFile(path, `${(size / 1024 / 1024).toFixed(0)} MB is too large for a ctDNA CSV`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const code = (error as { code?: string }).code;
    throw badFile(path, code === 'ENOENT' ? 'the file does not exist' : `cannot read the file (${code ?? String(error)})`);
  }
}
