/**
 * The ctDNA CSV forms Triptych reads (docs/ctdna-csv.md):
 *
 *   results: date,value,unit,status,lod,variants_detected,variants_tracked,comparator,assay,
 *            specimen_id,report_date,qualified,vendor,tumor_informed
 *   events:  type,label,start,end,result,specimen_id
 *   both in one file: the union of the columns plus record_type (result | event)
 *   variants (per-variant VAFs, long): date,gene,protein_change,vaf,status,specimen_id
 *
 * A results file may also carry per-variant VAFs in wide form: one column per variant, named
 * `vaf <gene> <protein change>` (e.g. `VAF FGFR3 p.S249C`).
 *
 * Column names are matched without case, and spaces or hyphens count as underscores.
 */

export type CsvLayout = 'results' | 'events' | 'combined' | 'variants';

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
  'vendor',
  'tumor_informed',
] as const;
export const EVENT_COLUMNS = ['type', 'label', 'start', 'end', 'result', 'specimen_id'] as const;
export const VARIANT_COLUMNS = ['date', 'gene', 'protein_change', 'vaf', 'status', 'specimen_id'] as const;
export const REQUIRED_VARIANT_COLUMNS = ['date', 'gene', 'vaf'] as const;
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
  if (hasAll(REQUIRED_VARIANT_COLUMNS)) return 'variants';
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

/** A wide per-variant VAF column of a results file: `vaf FGFR3 p.S249C` -> gene and protein change. */
export function vafColumn(name: string): { gene: string; proteinChange?: string } | null {
  const match = /^vaf[\s_:]+([A-Za-z0-9][\w.-]*)(?:[\s_:]+(\S.*))?$/i.exec(name.trim());
  if (!match) return null;
  const proteinChange = match[2]?.trim();
  return proteinChange ? { gene: match[1]!, proteinChange } : { gene: match[1]! };
}
