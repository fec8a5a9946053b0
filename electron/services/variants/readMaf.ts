/**
 * GDC / TCGA MAF: tab-separated, columns found by header name (any case), `#` comment lines
 * skipped, any line ending, plain or gzip.
 */
import { VariantColumnsBuilder } from '../../../shared/model/variantColumns.js';
import { badFile } from '../errors.js';
import type { VariantReader } from '../sources.js';
import { buildFromName } from './genomeBuild.js';
import { cappedWarning, MAX_VARIANTS } from './limits.js';
import { isMafHeader, MAF_REQUIRED_COLUMNS, normalizeColumn } from './sniffVariantFormat.js';
import { InfoBuilder } from './infoFields.js';
import { forEachLine } from './textSource.js';
import { WarningList } from './warningList.js';

const COLUMNS = {
  gene: 'Hugo_Symbol',
  chrom: 'Chromosome',
  pos: 'Start_Position',
  ref: 'Reference_Allele',
  allele1: 'Tumor_Seq_Allele1',
  allele2: 'Tumor_Seq_Allele2',
  consequence: 'Variant_Classification',
  hgvsp: 'HGVSp_Short',
  hgvsc: 'HGVSc',
  altCount: 't_alt_count',
  refCount: 't_ref_count',
  depth: 't_depth',
  filter: 'FILTER',
  sample: 'Tumor_Sample_Barcode',
  build: 'NCBI_Build',
} as const;
type Column = keyof typeof COLUMNS;

/** MAF writes "no value" as empty, ".", "NA" or "__UNKNOWN__". */
const value = (text: string | undefined): string | undefined =>
  text === undefined || ['', '.', 'NA', '__UNKNOWN__'].includes(text.trim()) ? undefined : text.trim();

const count = (text: string | undefined): number | undefined => {
  const present = value(text);
  const number = Number(present);
  return present !== undefined && Number.isFinite(number) && number >= 0 ? number : undefined;
};

export const readMaf: VariantReader = async (path) => {
  const warnings = new WarningList();
  const variants = new VariantColumnsBuilder();
  const samples = new Set<string>();
  const contigs = new Set<string>();
  const builds = new Set<string>();
  let index: Record<Column, number> | undefined;
  let width = 0;
  let lastUsedColumn = 0;
  /** The columns not read into a Variant field, kept as `info` (name, index). */
  let extraColumns: Array<[string, number]> = [];
  let records = 0;
  let capped = false;

  await forEachLine(path, (line, lineNumber) => {
    if (line.startsWith('#') || line.trim() === '') return;
    const cells = line.split('\t');
    if (!index) {
      if (!isMafHeader(cells)) {
        throw badFile(path, `line ${lineNumber}: a MAF header needs the columns ${MAF_REQUIRED_COLUMNS.join(', ')}`);
      }
      index = columnIndex(path, cells, lineNumber);
      width = cells.length;
      lastUsedColumn = Math.max(...Object.values(index));
      const used = new Set(Object.values(index));
      extraColumns = cells
        .map((name, i): [string, number] => [name.trim(), i])
        .filter(([name, i]) => name !== '' && !used.has(i));
      return;
    }
    records += 1;
    const cell = (column: Column): string | undefined => (index![column] < 0 ? undefined : value(cells[index![column]]));
    // Short rows are fine (some tools trim trailing empty cells) as long as they reach every column we read.
    if (cells.length <= lastUsedColumn) {
      warnings.add(`line ${lineNumber}: ${cells.length} columns where the header has ${width}; row skipped`);
      return;
    }
    const pos = Number(cell('pos'));
    const chrom = cell('chrom');
    const ref = cell('ref');
    if (!chrom || !ref || !Number.isInteger(pos) || pos < 0) {
      warnings.add(`line ${lineNumber}: no chromosome, position or reference allele; row skipped`);
      return;
    }
    // Allele2 holds the tumor allele in GDC MAFs; older MAFs put it in Allele1 and repeat REF in 2.
    const alt = [cell('allele2'), cell('allele1')].find((allele) => allele !== undefined && allele !== ref);
    if (!alt) {
      warnings.add(`line ${lineNumber}: no tumor allele differing from the reference; row skipped`);
      return;
    }
    const altCount = count(cell('altCount'));
    const refCount = count(cell('refCount'));
    const depth = count(cell('depth')) ?? (altCount !== undefined && refCount !== undefined ? altCount + refCount : undefined);
    const sample = cell('sample');
    const build = cell('build');
    if (sample) samples.add(sample);
    if (build) builds.add(build);
    contigs.add(chrom);
    if (variants.length >= MAX_VARIANTS) {
      capped = true;
      return;
    }
    variants.push({
      chrom,
      pos,
      ref,
      alt,
      gene: cell('gene'),
      consequence: cell('consequence'),
      hgvsc: cell('hgvsc'),
      hgvsp: cell('hgvsp'),
      vaf: altCount !== undefined && depth ? Math.min(1, altCount / depth) : undefined,
      depth,
      filter: cell('filter') ?? '.',
      sample,
      info: extraInfo(cells, extraColumns),
    });
  });

  if (!index) throw badFile(path, 'line 1: no MAF header line (Hugo_Symbol, Chromosome, Start_Position, …)');
  if (records === 0) warnings.add('the file holds no variant rows');
  if (capped) warnings.add(cappedWarning(records));
  if (builds.size > 1) warnings.add(`several genome builds named: ${[...builds].join(', ')}`);
  const sampleList = [...samples];
  return {
    format: 'MAF',
    genomeBuild: builds.size === 1 ? buildFromName([...builds][0]!) : undefined,
    samples: sampleList,
    tumorSample: sampleList.length === 1 ? sampleList[0] : undefined,
    records,
    capped,
    contigs: [...contigs],
    columns: variants.wire(),
    warnings: warnings.list(),
  };
};

function columnIndex(path: string, header: string[], lineNumber: number): Record<Column, number> {
  const names = header.map(normalizeColumn);
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, name]) => [key, names.indexOf(normalizeColumn(name))]),
  ) as Record<Column, number>;
  if (index.ref < 0 || (index.allele1 < 0 && index.allele2 < 0)) {
    throw badFile(path, `line ${lineNumber}: a MAF header needs Reference_Allele and Tumor_Seq_Allele2 (or Tumor_Seq_Allele1)`);
  }
  return index;
}

function extraInfo(cells: string[], columns: Array<[string, number]>): Record<string, string> | undefined {
  const info = new InfoBuilder();
  for (const [name, i] of columns) info.add(name, value(cells[i]));
  return info.result();
}
