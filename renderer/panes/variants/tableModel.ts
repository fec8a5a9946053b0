/**
 * The variant table's logic, pure (tested in tests/renderer, timed in bench/variants.ts): rows
 * from the files' variants, filters, sorting, the column set, CSV export. Nothing here touches the
 * DOM, so a 1,000,000-row table filters and sorts the same in a test as on screen.
 */
import {
  codedValue,
  columnsOf,
  infoAt,
  unpackColumns,
  variantAt,
  type TextField,
  type TypedColumns,
  type VariantColumns,
} from '../../../shared/model/variantColumns.js';
import type { Variant, VariantTable } from '../../../shared/model/variants.js';
import { placeByBuckets, planKeys, radixSort, scratchIndices, scratchKeys } from './keyOrder.js';
import { chromRank, classifyConsequence, isPass, proteinPosition, shortProtein, type Consequence } from './consequence.js';

/** Consequence groups a tumor board filters by. */
export type ConsequenceGroup = 'coding' | 'splice' | 'synonymous' | 'noncoding' | 'unknown';
export const CONSEQUENCE_GROUPS: Array<{ id: ConsequenceGroup; label: string }> = [
  { id: 'coding', label: 'Coding' },
  { id: 'splice', label: 'Splice' },
  { id: 'synonymous', label: 'Synonymous' },
  { id: 'noncoding', label: 'Non-coding' },
  { id: 'unknown', label: 'Not annotated' },
];

export function consequenceGroup(csq: Consequence): ConsequenceGroup {
  if (csq.raw === '') return 'unknown';
  switch (csq.cls) {
    case 'truncating':
    case 'missense':
    case 'inframe':
      return 'coding';
    case 'splice':
      return 'splice';
    case 'silent':
      return 'synonymous';
    default:
      return 'noncoding';
  }
}

/** A row of the table: a variant of one file, with what the columns show computed once per distinct value. */
export interface VariantRow extends Readonly<Variant> {
  /** Unique among all files shown: `<fileId>:<index in the file>`. */
  readonly key: string;
  /** Row index in its file ("file order"). */
  readonly index: number;
  readonly fileId: string;
  readonly fileName: string;
  readonly protein: string;
  readonly csq: Consequence;
  readonly group: ConsequenceGroup;
  /** "chr4:1,801,841" */
  readonly locus: string;
  /** What the Sample column shows: the file's tumor sample, else the file's name. */
  readonly sampleLabel: string;
  /** One INFO / annotation field (`row.info` builds them all). */
  infoValue(key: string): string | undefined;
}

/** The lower-cased text a row is searched in (the definition of the free-text filter; applyFilters reads columns instead). */
export function haystackOf(r: VariantRow): string {
  return [
    r.gene,
    r.protein,
    r.hgvsp,
    r.hgvsc,
    r.consequence,
    r.csq.label,
    `${r.chrom}:${r.pos}`,
    r.locus,
    r.id,
    r.filter,
    `${r.ref}>${r.alt}`,
    r.sampleLabel,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

const CONSEQUENCES = new Map<string, Consequence>();
const LOCUS_FORMAT = new Intl.NumberFormat('en-US');

/**
 * One file's columns as the table reads them, with what the columns show computed once per
 * distinct value (consequence class, short protein change, PASS, chromosome rank), not per row.
 */
export class RowTable {
  readonly length: number;
  readonly csqByCode: Consequence[];
  readonly groupByCode: Uint8Array;
  readonly proteinByCode: string[];
  readonly passByCode: Uint8Array;
  readonly chromRankByCode: Float64Array;
  readonly chromNormByCode: string[];
  readonly infoKeys: string[];

  constructor(
    readonly fileId: string,
    readonly fileName: string,
    readonly fallbackSample: string,
    readonly c: TypedColumns,
  ) {
    this.length = c.length;
    this.csqByCode = c.text.consequence.values.map((raw) => {
      let csq = CONSEQUENCES.get(raw);
      if (!csq) CONSEQUENCES.set(raw, (csq = classifyConsequence(raw)));
      return csq;
    });
    this.groupByCode = Uint8Array.from(this.csqByCode, (csq) => GROUP_BITS[consequenceGroup(csq)]);
    this.proteinByCode = c.text.hgvsp.values.map((hgvsp) => shortProtein(hgvsp));
    this.passByCode = Uint8Array.from(c.text.filter.values, (filter) => (isPass(filter) ? 1 : 0));
    this.chromRankByCode = Float64Array.from(c.text.chrom.values, (chrom) => chromRank(chrom));
    this.chromNormByCode = c.text.chrom.values.map(normalizeChrom);
    this.infoKeys = [...c.info.keys()];
  }

  private locus: Float64Array | undefined;
  /** Each row's position key, as the Position column's sortKey: chromosome rank × 1e10 + position (built once). */
  locusKeys(): Float64Array {
    if (!this.locus) {
      const { codes } = this.c.text.chrom;
      const { pos } = this.c.numbers;
      const rankByCode = this.chromRankByCode;
      const keys = new Float64Array(this.length);
      for (let i = 0; i < keys.length; i++) keys[i] = rankByCode[codes[i]!]! * 1e10 + pos[i]!;
      this.locus = keys;
    }
    return this.locus;
  }
}

const NO_CONSEQUENCE = classifyConsequence(undefined);
const GROUP_NAMES: ConsequenceGroup[] = ['coding', 'splice', 'synonymous', 'noncoding', 'unknown'];

/** A row: its table and index, every field read from the columns when asked for. */
class TableRow implements VariantRow {
  constructor(
    readonly t: RowTable,
    readonly index: number,
  ) {}
  private text(field: TextField): string | undefined {
    return codedValue(this.t.c.text[field], this.index);
  }
  private number(column: Float64Array): number | undefined {
    const value = column[this.index]!;
    return Number.isNaN(value) ? undefined : value;
  }
  get chrom(): string {
    return this.t.c.text.chrom.values[this.t.c.text.chrom.codes[this.index]!]!;
  }
  get pos(): number {
    return this.t.c.numbers.pos[this.index]!;
  }
  get ref(): string {
    return this.text('ref')!;
  }
  get alt(): string {
    return this.text('alt')!;
  }
  get id(): string | undefined {
    return this.text('id');
  }
  get gene(): string | undefined {
    return this.text('gene');
  }
  get consequence(): string | undefined {
    return this.text('consequence');
  }
  get hgvsc(): string | undefined {
    return this.text('hgvsc');
  }
  get hgvsp(): string | undefined {
    return this.text('hgvsp');
  }
  get vaf(): number | undefined {
    return this.number(this.t.c.numbers.vaf);
  }
  get depth(): number | undefined {
    return this.number(this.t.c.numbers.depth);
  }
  get qual(): number | undefined {
    return this.number(this.t.c.numbers.qual);
  }
  get filter(): string {
    return this.text('filter')!;
  }
  get sample(): string | undefined {
    return this.text('sample');
  }
  get info(): Record<string, string> | undefined {
    return infoAt(this.t.c, this.index);
  }
  infoValue(key: string): string | undefined {
    const column = this.t.c.info.get(key);
    return column ? codedValue(column, this.index) : undefined;
  }
  get key(): string {
    return `${this.t.fileId}:${this.index}`;
  }
  get fileId(): string {
    return this.t.fileId;
  }
  get fileName(): string {
    return this.t.fileName;
  }
  get protein(): string {
    const code = this.t.c.text.hgvsp.codes[this.index]!;
    return code < 0 ? '' : this.t.proteinByCode[code]!;
  }
  get csq(): Consequence {
    const code = this.t.c.text.consequence.codes[this.index]!;
    return code < 0 ? NO_CONSEQUENCE : this.t.csqByCode[code]!;
  }
  get group(): ConsequenceGroup {
    const code = this.t.c.text.consequence.codes[this.index]!;
    return GROUP_NAMES[code < 0 ? GROUP_BITS.unknown : this.t.groupByCode[code]!]!;
  }
  get locus(): string {
    return `${this.chrom}:${LOCUS_FORMAT.format(this.pos)}`;
  }
  get sampleLabel(): string {
    return this.sample ?? this.t.fallbackSample;
  }
  toJSON(): Variant {
    return variantAt(this.t.c, this.index);
  }
}

type TableInput = Pick<VariantTable, 'fileId' | 'fileName' | 'tumorSample'> &
  ({ columns: VariantColumns; variants?: undefined } | { variants: readonly Variant[]; columns?: undefined });

/**
 * The table's rows: one small handle per variant over the file's typed columns (a million
 * variants are a million 2-field objects, not a million records). `variants` builds the columns
 * from objects (tests, small lists).
 */
export function toRows(table: TableInput): VariantRow[] {
  const typed = table.columns ? unpackColumns(table.columns) : columnsOf(table.variants).typed();
  const t = new RowTable(table.fileId, table.fileName, table.tumorSample ?? table.fileName, typed);
  const rows: VariantRow[] = new Array(t.length);
  for (let index = 0; index < t.length; index++) rows[index] = new TableRow(t, index);
  filterColumnsOf(rows); // built now, with the rows, rather than on the first keystroke
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Filters

export type Filters = {
  /** Free text: every whitespace-separated word must occur in the row. */
  text: string;
  /** Genes to keep; empty keeps all. */
  genes: string[];
  /** Consequence groups to keep; empty keeps all. */
  groups: ConsequenceGroup[];
  /** Chromosomes to keep; empty keeps all. */
  chroms: string[];
  /** VAF bounds as fractions (0..1), inclusive; a row without a VAF fails any bound. */
  vafMin: number | null;
  vafMax: number | null;
  /** Minimum read depth; a row without a depth fails it. */
  minDepth: number | null;
  passOnly: boolean;
};

export const NO_FILTERS: Filters = {
  text: '',
  genes: [],
  groups: [],
  chroms: [],
  vafMin: null,
  vafMax: null,
  minDepth: null,
  passOnly: false,
};

/** The tumor-board preset: PASS, coding consequences, VAF ≥ 5 %. */
export const TUMOR_BOARD: Filters = { ...NO_FILTERS, passOnly: true, groups: ['coding'], vafMin: 0.05 };

export const isTumorBoard = (f: Filters): boolean =>
  f.passOnly && f.groups.length === 1 && f.groups[0] === 'coding' && f.vafMin === 0.05;

export const activeFilterCount = (f: Filters): number =>
  [
    f.text.trim() !== '',
    f.genes.length > 0,
    f.groups.length > 0,
    f.chroms.length > 0,
    f.vafMin !== null || f.vafMax !== null,
    f.minDepth !== null,
    f.passOnly,
  ].filter(Boolean).length;

/** A predicate for the filters, built once (sets, lower-cased words) and applied per row. */
export function rowPredicate(filters: Filters): (row: VariantRow) => boolean {
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  const genes = filters.genes.length ? new Set(filters.genes) : null;
  const groups = filters.groups.length ? new Set(filters.groups) : null;
  const chroms = filters.chroms.length ? new Set(filters.chroms.map(normalizeChrom)) : null;
  const { vafMin, vafMax, minDepth, passOnly } = filters;
  return (row) => {
    if (passOnly && !isPass(row.filter)) return false;
    if (groups && !groups.has(row.group)) return false;
    if (genes && !genes.has(row.gene ?? '')) return false;
    if (chroms && !chroms.has(normalizeChrom(row.chrom))) return false;
    if (vafMin !== null && !(row.vaf !== undefined && row.vaf >= vafMin - 1e-9)) return false;
    if (vafMax !== null && !(row.vaf !== undefined && row.vaf <= vafMax + 1e-9)) return false;
    if (minDepth !== null && !(row.depth !== undefined && row.depth >= minDepth)) return false;
    if (words.length === 0) return true;
    const haystack = haystackOf(row);
    for (const word of words) if (!haystack.includes(word)) return false;
    return true;
  };
}

/**
 * The rows that pass the filters; the same answer as `rowPredicate`, but read from typed columns
 * built once per rows array, so a million rows filter in milliseconds rather than walking a million
 * differently-shaped objects for every keystroke.
 */
export function applyFilters(rows: readonly VariantRow[], filters: Filters): VariantRow[] {
  const c = filterColumnsOf(rows);
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  const genes = filters.genes.length ? new Set(filters.genes) : null;
  const chroms = filters.chroms.length ? new Set(filters.chroms.map(normalizeChrom)) : null;
  let groupMask = 0;
  for (const group of filters.groups) groupMask |= 1 << GROUP_BITS[group];
  const vafMin = filters.vafMin === null ? -Infinity : filters.vafMin - 1e-9;
  const vafMax = filters.vafMax === null ? Infinity : filters.vafMax + 1e-9;
  const vafBound = filters.vafMin !== null || filters.vafMax !== null;
  const minDepth = filters.minDepth;
  const { passOnly } = filters;
  const search = words.length ? new TextSearch(words) : null;
  const out: VariantRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (passOnly && !c.pass[i]) continue;
    if (groupMask && !(groupMask & (1 << c.group[i]!))) continue;
    // NaN (no VAF, no depth) fails every bound.
    if (vafBound && !(c.vaf[i]! >= vafMin && c.vaf[i]! <= vafMax)) continue;
    if (minDepth !== null && !(c.depth[i]! >= minDepth)) continue;
    const row = rows[i]!;
    if (genes && !genes.has(row.gene ?? '')) continue;
    if (chroms && !chroms.has(c.chrom[i]!)) continue;
    if (search && !search.matches(row)) continue;
    out.push(row);
  }
  return out;
}

const GROUP_BITS: Record<ConsequenceGroup, number> = { coding: 0, splice: 1, synonymous: 2, noncoding: 3, unknown: 4 };

type FilterColumns = { pass: Uint8Array; group: Uint8Array; vaf: Float64Array; depth: Float64Array; chrom: string[] };
const filterColumns = new WeakMap<readonly VariantRow[], FilterColumns>();

function filterColumnsOf(rows: readonly VariantRow[]): FilterColumns {
  let columns = filterColumns.get(rows);
  if (!columns) {
    const n = rows.length;
    columns = {
      pass: new Uint8Array(n),
      group: new Uint8Array(n),
      vaf: new Float64Array(n),
      depth: new Float64Array(n),
      chrom: new Array<string>(n),
    };
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      if (row instanceof TableRow) {
        // Read from the file's columns and per-value tables: no getter, no string per row.
        const { t, index } = row;
        const { text, numbers } = t.c;
        columns.pass[i] = t.passByCode[text.filter.codes[index]!] ?? 0;
        const csq = text.consequence.codes[index]!;
        columns.group[i] = csq < 0 ? GROUP_BITS.unknown : t.groupByCode[csq]!;
        columns.vaf[i] = numbers.vaf[index]!;
        columns.depth[i] = numbers.depth[index]!;
        columns.chrom[i] = t.chromNormByCode[text.chrom.codes[index]!]!;
        continue;
      }
      columns.pass[i] = isPass(row.filter) ? 1 : 0;
      columns.group[i] = GROUP_BITS[row.group];
      columns.vaf[i] = row.vaf ?? NaN;
      columns.depth[i] = row.depth ?? NaN;
      columns.chrom[i] = normalizeChrom(row.chrom);
    }
    filterColumns.set(rows, columns);
  }
  return columns;
}

/**
 * The free-text filter read per distinct value rather than per row: whether a word occurs in a
 * row's haystack (haystackOf) is whether it occurs in one of its fields, and most fields are codes
 * into a file's few distinct values. Lower-cased values are kept per file, so the text is built
 * once, on the first search, and later keystrokes only compare.
 */
class TextSearch {
  private readonly tables = new Map<RowTable, TableSearch>();
  constructor(private readonly words: string[]) {}

  matches(row: VariantRow): boolean {
    if (!(row instanceof TableRow)) {
      const haystack = haystackOf(row);
      return this.words.every((word) => haystack.includes(word));
    }
    let search = this.tables.get(row.t);
    if (!search) this.tables.set(row.t, (search = new TableSearch(row.t, this.words)));
    return search.matches(row.index);
  }
}

/** The lower-cased distinct values of each text field of a file (built on the first search). */
const lowerValues = new WeakMap<RowTable, Map<string, string[]>>();
function lowered(t: RowTable, name: string, values: () => readonly string[]): string[] {
  let byName = lowerValues.get(t);
  if (!byName) lowerValues.set(t, (byName = new Map()));
  let lower = byName.get(name);
  if (!lower) byName.set(name, (lower = values().map((v) => v.toLowerCase())));
  return lower;
}

const hits = (values: readonly string[], word: string): Uint8Array => Uint8Array.from(values, (v) => (v.includes(word) ? 1 : 0));

/** One word's matches in one file: per field, per distinct value. */
type WordHits = {
  word: string;
  coded: Array<{ codes: Int32Array; hit: Uint8Array; none: boolean }>;
  ref: Uint8Array;
  alt: Uint8Array;
  chrom: Uint8Array;
  /** The word may occur in "chrom:pos", the formatted locus or "ref>alt" only across their parts. */
  spansAllele: boolean;
  digits: boolean;
  spansLocus: boolean;
};

class TableSearch {
  private readonly words: WordHits[];
  constructor(
    private readonly t: RowTable,
    words: string[],
  ) {
    const { text } = t.c;
    const field = (name: TextField) => lowered(t, name, () => text[name].values);
    const protein = lowered(t, 'protein', () => t.proteinByCode);
    const label = lowered(t, 'csq.label', () => t.csqByCode.map((csq) => csq.label));
    const sampleLabel = lowered(t, 'sampleLabel', () => text.sample.values);
    const fallbackSample = t.fallbackSample.toLowerCase();
    const noLabel = NO_CONSEQUENCE.label.toLowerCase();
    this.words = words.map((word) => ({
      word,
      coded: [
        { codes: text.gene.codes, hit: hits(field('gene'), word), none: false },
        { codes: text.hgvsp.codes, hit: hits(protein, word), none: false },
        { codes: text.hgvsp.codes, hit: hits(field('hgvsp'), word), none: false },
        { codes: text.hgvsc.codes, hit: hits(field('hgvsc'), word), none: false },
        { codes: text.consequence.codes, hit: hits(field('consequence'), word), none: false },
        { codes: text.consequence.codes, hit: hits(label, word), none: noLabel.includes(word) },
        { codes: text.id.codes, hit: hits(field('id'), word), none: false },
        { codes: text.filter.codes, hit: hits(field('filter'), word), none: false },
        { codes: text.sample.codes, hit: hits(sampleLabel, word), none: fallbackSample.includes(word) },
      ],
      ref: hits(field('ref'), word),
      alt: hits(field('alt'), word),
      chrom: hits(field('chrom'), word),
      spansAllele: word.includes('>'),
      digits: /^[0-9]+$/.test(word),
      spansLocus: /[:,]/.test(word),
    }));
  }

  matches(i: number): boolean {
    const { text, numbers } = this.t.c;
    for (const w of this.words) {
      let found = false;
      for (const f of w.coded) {
        const code = f.codes[i]!;
        if (code < 0 ? f.none : f.hit[code]) {
          found = true;
          break;
        }
      }
      if (found) continue;
      const chrom = text.chrom.codes[i]!;
      if (w.chrom[chrom] || w.ref[text.ref.codes[i]!] || w.alt[text.alt.codes[i]!]) continue;
      const pos = numbers.pos[i]!;
      if (w.digits && String(pos).includes(w.word)) continue;
      if (w.spansAllele) {
        const allele = `${text.ref.values[text.ref.codes[i]!]}>${text.alt.values[text.alt.codes[i]!]}`.toLowerCase();
        if (allele.includes(w.word)) continue;
      }
      if (w.spansLocus) {
        const name = text.chrom.values[chrom]!;
        if (`${name}:${pos}`.toLowerCase().includes(w.word)) continue;
        if (`${name}:${LOCUS_FORMAT.format(pos)}`.toLowerCase().includes(w.word)) continue;
      }
      return false;
    }
    return true;
  }
}

/** "chr4" and "4" (and "chrM"/"MT") are the same chromosome. */
export const normalizeChrom = (chrom: string): string => {
  const bare = chrom.replace(/^chr/i, '').toUpperCase();
  return bare === 'MT' ? 'M' : bare;
};

/** Distinct values with their row counts, most frequent first (genes) or in karyotype order (chromosomes). */
export function geneCounts(rows: readonly VariantRow[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.gene) counts.set(row.gene, (counts.get(row.gene) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function chromosomeList(rows: readonly VariantRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) seen.add(row.chrom);
  return [...seen].sort((a, b) => chromRank(a) - chromRank(b) || a.localeCompare(b));
}

// ---------------------------------------------------------------------------------------------
// Columns

export type ColumnId = string;
export type Column = {
  id: ColumnId;
  header: string;
  numeric?: boolean;
  /** CSS grid track. */
  width: string;
  /** Plain text of the cell (CSV and tooltips). */
  text(row: VariantRow): string;
  /** Compares two rows ascending; rows without a value sort last either way (see sortRows). */
  compare(a: VariantRow, b: VariantRow): number;
  /** True when the row has no value (sorted last). */
  missing(row: VariantRow): boolean;
  /** A key that orders like `compare` (ties then go to `compare`), read once per row when sorting. */
  sortKey?(row: VariantRow): number | string | undefined;
  /**
   * Sorting a million rows without a getter per row: the key of every row of a file, read straight
   * from its columns (NaN when the row has no value), ordering exactly as `sortKey` does.
   */
  columnKeys?(t: RowTable): Float64Array;
  /**
   * The file column the value depends on alone (a text field or an INFO key): the keys are then
   * computed once per distinct value.
   */
  codes?(t: RowTable): Int32Array | undefined;
};

const byText = (get: (r: VariantRow) => string | undefined) => (a: VariantRow, b: VariantRow) =>
  (get(a) ?? '').localeCompare(get(b) ?? '');
const byNumber = (get: (r: VariantRow) => number | undefined) => (a: VariantRow, b: VariantRow) => get(a)! - get(b)!;
export const compareLocus = (a: VariantRow, b: VariantRow): number =>
  chromRank(a.chrom) - chromRank(b.chrom) || (a.chrom < b.chrom ? -1 : a.chrom > b.chrom ? 1 : 0) || a.pos - b.pos;

export const BASE_COLUMNS: Column[] = [
  {
    id: 'gene',
    header: 'Gene',
    width: 'minmax(70px, 0.8fr)',
    text: (r) => r.gene ?? '',
    compare: byText((r) => r.gene),
    missing: (r) => !r.gene,
    sortKey: (r) => r.gene,
    codes: (t) => t.c.text.gene.codes,
  },
  {
    id: 'protein',
    header: 'Protein',
    width: 'minmax(84px, 1fr)',
    text: (r) => r.protein || r.hgvsc || '',
    compare: (a, b) => proteinPosition(a.protein) - proteinPosition(b.protein) || a.protein.localeCompare(b.protein),
    missing: (r) => !r.protein,
    codes: (t) => t.c.text.hgvsp.codes,
  },
  {
    id: 'consequence',
    header: 'Consequence',
    width: '98px',
    text: (r) => r.consequence ?? '',
    compare: (a, b) => a.csq.rank - b.csq.rank,
    missing: (r) => r.csq.raw === '',
    sortKey: (r) => (r.csq.raw === '' ? undefined : r.csq.rank),
    codes: (t) => t.c.text.consequence.codes,
  },
  {
    id: 'locus',
    header: 'Position',
    width: 'minmax(112px, 1.1fr)',
    text: (r) => `${r.chrom}:${r.pos}`,
    compare: compareLocus,
    missing: () => false,
    sortKey: (r) => chromRank(r.chrom) * 1e10 + r.pos,
    columnKeys: (t) => t.locusKeys(),
  },
  {
    id: 'allele',
    header: 'Ref › Alt',
    width: 'minmax(64px, 0.6fr)',
    text: (r) => `${r.ref}>${r.alt}`,
    compare: byText((r) => `${r.ref}>${r.alt}`),
    missing: () => false,
  },
  {
    id: 'vaf',
    header: 'VAF',
    numeric: true,
    width: '84px',
    text: (r) => (r.vaf === undefined ? '' : r.vaf.toFixed(3)),
    compare: byNumber((r) => r.vaf),
    missing: (r) => r.vaf === undefined,
    sortKey: (r) => r.vaf,
    columnKeys: (t) => t.c.numbers.vaf,
  },
  {
    id: 'depth',
    header: 'Depth',
    numeric: true,
    width: '54px',
    text: (r) => (r.depth === undefined ? '' : String(r.depth)),
    compare: byNumber((r) => r.depth),
    missing: (r) => r.depth === undefined,
    sortKey: (r) => r.depth,
    columnKeys: (t) => t.c.numbers.depth,
  },
  {
    id: 'filter',
    header: 'Filter',
    width: 'minmax(52px, 0.6fr)',
    text: (r) => r.filter,
    compare: byText((r) => r.filter),
    missing: () => false,
    codes: (t) => t.c.text.filter.codes,
  },
  {
    id: 'sample',
    header: 'Sample',
    width: 'minmax(60px, 0.7fr)',
    text: (r) => r.sampleLabel,
    compare: byText((r) => r.sampleLabel),
    missing: () => false,
    codes: (t) => t.c.text.sample.codes,
  },
];

export const DEFAULT_COLUMN_IDS = BASE_COLUMNS.map((c) => c.id);
export const INFO_PREFIX = 'info:';

/** A column for one INFO / annotation field; numeric when every present value is a number. */
export function infoColumn(key: string, rows: readonly VariantRow[]): Column {
  const get = (r: VariantRow): string | undefined => r.infoValue(key);
  let numeric = true;
  let seen = 0;
  for (const row of rows) {
    const value = get(row);
    if (value === undefined) continue;
    seen += 1;
    if (!Number.isFinite(Number(value)) || value.trim() === '') {
      numeric = false;
      break;
    }
    if (seen > 2000) break;
  }
  numeric &&= seen > 0;
  return {
    id: `${INFO_PREFIX}${key}`,
    header: key,
    numeric,
    width: 'minmax(70px, 0.8fr)',
    text: (r) => get(r) ?? '',
    compare: numeric ? (a, b) => Number(get(a)) - Number(get(b)) : byText(get),
    missing: (r) => get(r) === undefined,
    codes: (t) => t.c.info.get(key)?.codes,
  };
}

/** The INFO / annotation keys of the rows' files, in first-seen order. */
export function infoKeys(rows: readonly VariantRow[]): string[] {
  const keys = new Set<string>();
  const tables = new Set<RowTable>();
  for (const row of rows) {
    if (row instanceof TableRow) {
      if (tables.has(row.t)) continue;
      tables.add(row.t);
      for (const key of row.t.infoKeys) keys.add(key);
    } else for (const key of Object.keys(row.info ?? {})) keys.add(key);
  }
  return [...keys];
}

export function resolveColumns(ids: readonly ColumnId[], rows: readonly VariantRow[]): Column[] {
  return ids.flatMap((id) => {
    const base = BASE_COLUMNS.find((c) => c.id === id);
    if (base) return [base];
    if (id.startsWith(INFO_PREFIX)) return [infoColumn(id.slice(INFO_PREFIX.length), rows)];
    return [];
  });
}

// ---------------------------------------------------------------------------------------------
// Sorting

export type Sort = { column: ColumnId; desc: boolean } | null;

/**
 * Rows sorted by one column (stable: ties keep the rows' order, which is file order); rows without a
 * value go last whichever the direction, as cBioPortal does. With no sort, the rows as given.
 *
 * Written for a million rows: every row's key is read once into a typed array (numbers as they
 * are, straight from the file's columns; text as its rank among the distinct values, which are few)
 * and the rows are placed by keyOrder's counting or radix sort. No comparator runs per pair of rows,
 * which is what made a 1M-row sort take seconds.
 */
export function sortRows(rows: readonly VariantRow[], sort: Sort, columns: readonly Column[]): VariantRow[] {
  const column = sort ? columns.find((c) => c.id === sort.column) : undefined;
  if (!sort || !column) return rows.slice();
  // The same rows sorted by the same column again (a direction toggled back, a column re-chosen): remembered.
  const direction = sort.desc ? 1 : 0;
  let cached = sortCache.get(rows);
  const hit = cached?.get(column)?.[direction];
  if (hit) return hit;
  const out = sortedBy(rows, column, sort.desc ? -1 : 1);
  if (!cached) sortCache.set(rows, (cached = new Map()));
  let byDirection = cached.get(column);
  if (!byDirection) {
    if (cached.size >= 3) cached.clear(); // a few columns' orders per rows array, not every column's
    cached.set(column, (byDirection = []));
  }
  byDirection[direction] = out;
  return out;
}

/** Sorted rows per rows array, column and direction (the arrays are the table's: never changed once made). */
const sortCache = new WeakMap<readonly VariantRow[], Map<Column, VariantRow[][]>>();

function sortedBy(rows: readonly VariantRow[], column: Column, sign: 1 | -1): VariantRow[] {
  const n = rows.length;
  // Each row's key, the direction's sign applied (`+ 0` makes -0 plain 0, so zeros stay one run); NaN: no value.
  const keys = scratchKeys(n);
  if (!columnarKeys(rows, column, sign, keys)) {
    const keyOf = rowKeys(rows, column);
    for (let i = 0; i < n; i++) keys[i] = sign * keyOf(i) + 0;
  }
  const plan = planKeys(keys);
  if (plan.kind === 'sorted') return rows.slice();
  if (plan.kind === 'buckets') return placeByBuckets(rows, plan);
  // Many distinct keys: the radix order of the rows with a key, then the rows without, in their order.
  // Row index of each key from the front; of each row without a key from the back (no second array).
  const at = scratchIndices(n);
  let count = 0;
  let missed = 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key !== key) at[n - 1 - missed++] = i;
    else {
      keys[count] = key; // count <= i: the keys move forward over ones already read
      at[count++] = i;
    }
  }
  const order = radixSort(keys.subarray(0, count), plan.range);
  const out: VariantRow[] = new Array(n);
  for (let k = 0; k < count; k++) out[k] = rows[at[order[k]!]!]!;
  for (let k = 0; k < missed; k++) out[count + k] = rows[at[n - 1 - k]!]!;
  return out;
}

/** Each row's key (NaN: no value) through the column's functions: the definition. */
function rowKeys(rows: readonly VariantRow[], column: Column): (i: number) => number {
  const numeric = column.sortKey !== undefined && firstKeyIsNumber(rows, column);
  const rank = numeric ? undefined : textRanks(rows, column);
  return (i) => {
    const row = rows[i]!;
    if (column.missing(row)) return NaN;
    return rank ? rank.get(textKey(column, row))! : (column.sortKey!(row) as number);
  };
}

/**
 * The same keys (signed) into `keys`, read from the files' columns, when every row is a table row
 * and the column says how: from a key column of the file (columnKeys), or once per distinct value
 * of the field it depends on (codes). False when it cannot.
 */
function columnarKeys(rows: readonly VariantRow[], column: Column, sign: number, keys: Float64Array): boolean {
  if (!column.columnKeys && !column.codes) return false;
  let t: RowTable | undefined;
  if (column.columnKeys) {
    const columnKeys = column.columnKeys;
    let values: Float64Array = new Float64Array(0);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (!(row instanceof TableRow)) return false;
      if (row.t !== t) values = columnKeys((t = row.t));
      keys[i] = sign * values[row.index]! + 0;
    }
    return true;
  }
  for (let i = 0; i < rows.length; i++) if (!(rows[i] instanceof TableRow)) return false;
  const tableRows = rows as readonly TableRow[];
  const byTable = codeKeys(tableRows, column, sign);
  let codes: Int32Array | undefined;
  let keyOfCode: Float64Array = new Float64Array(0);
  for (let i = 0; i < tableRows.length; i++) {
    const row = tableRows[i]!;
    if (row.t !== t) ({ codes, keys: keyOfCode } = byTable.get((t = row.t))!);
    keys[i] = keyOfCode[codes ? codes[row.index]! + 1 : 0]!;
  }
  return true;
}

/**
 * Per file of the rows, the column's signed key of each code (at code + 1; 0: no value), computed
 * by rowKeys over one representative row per code, so text ranks span all the files.
 */
function codeKeys(
  rows: readonly TableRow[],
  column: Column,
  sign: number,
): Map<RowTable, { codes: Int32Array | undefined; keys: Float64Array }> {
  const tables: RowTable[] = [];
  let last: RowTable | undefined;
  for (const row of rows) if (row.t !== last && !tables.includes((last = row.t))) tables.push(last);
  const representatives: TableRow[] = [];
  const firsts = tables.map((t) => {
    const codes = column.codes!(t);
    const first = new Int32Array((codes ? codedValues(t, codes) : 0) + 1).fill(-1);
    const represent = (index: number) => {
      if (index < 0) return;
      first[codes ? codes[index]! + 1 : 0] = representatives.length;
      representatives.push(new TableRow(t, index));
    };
    // The rows without a value (the typed array's own search: no pass of ours); then each value's first row.
    represent(codes ? codes.indexOf(-1) : 0);
    if (!codes) return { t, codes, first };
    let found = 0;
    for (let index = 0; index < t.length && found < first.length - 1; index++) {
      if (first[codes[index]! + 1] !== -1) continue;
      represent(index);
      found += 1;
    }
    return { t, codes, first };
  });
  const keyOf = rowKeys(representatives, column);
  return new Map(
    firsts.map(({ t, codes, first }) => [
      t,
      { codes, keys: Float64Array.from(first, (r) => (r < 0 ? NaN : sign * keyOf(r) + 0)) },
    ]),
  );
}

/** How many distinct values a file column's codes point into. */
function codedValues(t: RowTable, codes: Int32Array): number {
  for (const field of Object.values(t.c.text)) if (field.codes === codes) return field.values.length;
  for (const info of t.c.info.values()) if (info.codes === codes) return info.values.length;
  let max = -1;
  for (const code of codes) if (code > max) max = code;
  return max + 1;
}

function firstKeyIsNumber(rows: readonly VariantRow[], column: Column): boolean {
  for (const row of rows) if (!column.missing(row)) return typeof column.sortKey!(row) === 'number';
  return true;
}

const textKey = (column: Column, row: VariantRow): string =>
  column.sortKey ? String(column.sortKey(row) ?? '') : column.text(row);

/** Rank of each distinct text key, in the column's own order (then by the key, for a total order). */
function textRanks(rows: readonly VariantRow[], column: Column): Map<string, number> {
  const representative = new Map<string, VariantRow>();
  for (const row of rows) {
    if (column.missing(row)) continue;
    const key = textKey(column, row);
    if (!representative.has(key)) representative.set(key, row);
  }
  const ordered = [...representative].sort(([ka, ra], [kb, rb]) => column.compare(ra, rb) || (ka < kb ? -1 : ka > kb ? 1 : 0));
  return new Map(ordered.map(([key], index) => [key, index]));
}

/** Next sort when a header is clicked: ascending (descending first for numbers), the other way, none. */
export function nextSort(current: Sort, column: Column): Sort {
  const firstDesc = column.numeric === true;
  if (!current || current.column !== column.id) return { column: column.id, desc: firstDesc };
  if (current.desc === firstDesc) return { column: column.id, desc: !firstDesc };
  return null;
}

// ---------------------------------------------------------------------------------------------
// CSV export

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A
 * cell a spreadsheet would read as a formula (starting = + - @, or tab / carriage return) gets a
 * leading apostrophe first (OWASP's CSV-injection advice).
 */
export function csvCell(value: string): string {
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV, a header line first, CRLF line ends (as RFC 4180 and Excel expect). */
export function toCsv(rows: readonly VariantRow[], columns: readonly Column[]): string {
  const exported = csvColumns(columns);
  const lines = [exported.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(exported.map((c) => csvCell(c.text(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** CSV splits Position and Ref › Alt into the columns other tools read: chrom, pos, ref, alt. */
function csvColumns(columns: readonly Column[]): Array<Pick<Column, 'header' | 'text'>> {
  return columns.flatMap((c): Array<Pick<Column, 'header' | 'text'>> => {
    if (c.id === 'locus')
      return [
        { header: 'Chromosome', text: (r) => r.chrom },
        { header: 'Position', text: (r) => String(r.pos) },
      ];
    if (c.id === 'allele')
      return [
        { header: 'Ref', text: (r) => r.ref },
        { header: 'Alt', text: (r) => r.alt },
      ];
    if (c.id === 'protein')
      return [
        { header: 'Protein', text: (r) => r.protein },
        { header: 'HGVSc', text: (r) => r.hgvsc ?? '' },
      ];
    return [c];
  });
}

/** A file name for the export: the case's files, the filters' gist, and the date. */
export function csvFileName(base: string, filters: Filters, date = new Date()): string {
  const stem =
    base
      .replace(/\.(vcf|maf|seg|txt|tsv)(\.gz)?$/i, '')
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 60) || 'variants';
  const tag = isTumorBoard(filters) ? '_tumor-board' : activeFilterCount(filters) > 0 ? '_filtered' : '';
  return `${stem}${tag}_${date.toISOString().slice(0, 10)}.csv`;
}
