/**
 * The ctDNA CSV forms Triptych reads (docs/ctdna-csv.md):
 *
 *   results: date,value,unit,status,lod,variants_detected,variants_tracked,comparator,assay,
 *            specimen_id,report_date,qualified
 *   events:  type,label,start,end,result
 *   both in one file: the union of the columns plus record_type (result | event)
 *
 * Column names are matched without case, and spaces or hyphens count as underscores.
 */

export type CsvLayout = 'results' | 'events' | 'combined';

export const RESULT_COLUMNS = [
  'date',
  'value',
  'unit',
  'status',
  'lod',
  'variants_detected',
  'variants_tracked',
  'comparator',
  'assay',
  'specimen_id',
  'report_date',
  'qualified',
] as const;
export const EVENT_COLUMNS = ['type', 'label', 'start', 'end', 'result'] as const;
export const REQUIRED_RESULT_COLUMNS = ['date', 'value', 'unit', 'status'] as const;
export const REQUIRED_EVENT_COLUMNS = ['type', 'label', 'start'] as const;

export const normalizeColumn = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export function csvLayout(header: string[]): CsvLayout | null {
  const columns = new Set(header.map(normalizeColumn));
  const hasAll = (names: readonly string[]): boolean => names.every((name) => columns.has(name));
  if (columns.has('record_type') && (hasAll(REQUIRED_RESULT_COLUMNS) || hasAll(REQUIRED_EVENT_COLUMNS))) return 'combined';
  if (hasAll(REQUIRED_RESULT_COLUMNS)) return 'results';
  if (hasAll(REQUIRED_EVENT_COLUMNS)) return 'events';
  return null;
}

/** A row's cells by normalized column name; missing and blank cells are undefined. */
export type RowCells = (column: string) => string | undefined;

export function rowCells(header: string[], cells: string[]): RowCells {
  const index = new Map(header.map((name, i) => [normalizeColumn(name), i]));
  return (column) => {
    const i = index.get(column);
    const text = i === undefined ? undefined : cells[i]?.trim();
    return text === undefined || text === '' ? undefined : text;
  };
}

/** A cell as messages show it: quoted, escaped (a cell may hold a line break), cut when long. */
export const quoted = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
