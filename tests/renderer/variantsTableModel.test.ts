import { describe, expect, it } from 'vitest';
import type { Variant } from '../../shared/model/variants.js';
import {
  BASE_COLUMNS,
  NO_FILTERS,
  TUMOR_BOARD,
  applyFilters,
  chromosomeList,
  consequenceGroup,
  csvCell,
  csvFileName,
  geneCounts,
  infoColumn,
  infoKeys,
  isTumorBoard,
  nextSort,
  resolveColumns,
  sortRows,
  toCsv,
  toRows,
  type VariantRow,
} from '../../renderer/panes/variants/tableModel.js';
import { classifyConsequence } from '../../renderer/panes/variants/consequence.js';

const v = (over: Partial<Variant>): Variant => ({ chrom: 'chr1', pos: 100, ref: 'A', alt: 'C', filter: 'PASS', ...over });

const VARIANTS: Variant[] = [
  v({
    gene: 'FGFR3',
    chrom: 'chr4',
    pos: 1801841,
    ref: 'C',
    alt: 'G',
    consequence: 'missense_variant',
    hgvsp: 'p.Ser249Cys',
    vaf: 0.41,
    depth: 212,
  }),
  v({ gene: 'TP53', chrom: 'chr17', pos: 7674220, consequence: 'missense_variant', hgvsp: 'p.R248Q', vaf: 0.37, depth: 188 }),
  v({ gene: 'TP53', chrom: 'chr17', pos: 7673802, consequence: 'stop_gained', hgvsp: 'p.R273*', vaf: 0.03, depth: 243 }),
  v({
    gene: 'BRCA2',
    chrom: 'chr13',
    pos: 32344624,
    consequence: 'missense_variant',
    vaf: 0.5,
    depth: 90,
    filter: 'germline_risk',
  }),
  v({ gene: 'TERT', chrom: 'chr5', pos: 1295113, consequence: 'upstream_gene_variant', vaf: 0.3, depth: 60 }),
  v({ gene: 'KMT2D', chrom: 'chr12', pos: 49022633, consequence: 'splice_donor_variant', vaf: 0.2 }),
  v({ gene: 'ATM', chrom: 'chr11', pos: 108244873, consequence: 'synonymous_variant', vaf: 0.12, depth: 30 }),
  v({ chrom: 'chrX', pos: 500, info: { DP: '40', SOURCE: 'x' } }),
];
const rows = toRows({ fileId: 'f1', fileName: 'a.vcf', tumorSample: 'TUMOR', variants: VARIANTS });
const genes = (list: VariantRow[]) => list.map((r) => r.gene ?? '-');

describe('rows', () => {
  it('keys, protein change, consequence group, sample', () => {
    expect(rows[0]).toMatchObject({
      key: 'f1:0',
      protein: 'p.S249C',
      group: 'coding',
      sampleLabel: 'TUMOR',
      locus: 'chr4:1,801,841',
    });
    expect(rows.map((r) => r.group)).toEqual([
      'coding',
      'coding',
      'coding',
      'coding',
      'noncoding',
      'splice',
      'synonymous',
      'unknown',
    ]);
    expect(consequenceGroup(classifyConsequence('Frame_Shift_Del'))).toBe('coding');
  });
  it('lists genes by count and chromosomes in karyotype order', () => {
    expect(geneCounts(rows)[0]).toEqual(['TP53', 2]);
    expect(chromosomeList(rows)).toEqual(['chr4', 'chr5', 'chr11', 'chr12', 'chr13', 'chr17', 'chrX']);
  });
});

describe('filters', () => {
  it('keeps everything with no filter', () => {
    expect(applyFilters(rows, NO_FILTERS)).toHaveLength(rows.length);
  });
  it('tumor-board preset: PASS, coding, VAF ≥ 5 %', () => {
    expect(genes(applyFilters(rows, TUMOR_BOARD))).toEqual(['FGFR3', 'TP53']);
    expect(isTumorBoard(TUMOR_BOARD)).toBe(true);
    expect(isTumorBoard(NO_FILTERS)).toBe(false);
  });
  it('genes (multi), consequence groups, chromosomes ("4" matches "chr4")', () => {
    expect(genes(applyFilters(rows, { ...NO_FILTERS, genes: ['TP53', 'ATM'] }))).toEqual(['TP53', 'TP53', 'ATM']);
    expect(genes(applyFilters(rows, { ...NO_FILTERS, groups: ['splice', 'noncoding'] }))).toEqual(['TERT', 'KMT2D']);
    expect(genes(applyFilters(rows, { ...NO_FILTERS, chroms: ['4', 'chr17'] }))).toEqual(['FGFR3', 'TP53', 'TP53']);
  });
  it('VAF range and depth drop rows that lack the value', () => {
    expect(genes(applyFilters(rows, { ...NO_FILTERS, vafMin: 0.3, vafMax: 0.45 }))).toEqual(['FGFR3', 'TP53', 'TERT']);
    expect(genes(applyFilters(rows, { ...NO_FILTERS, minDepth: 200 }))).toEqual(['FGFR3', 'TP53']);
  });
  it('PASS only, and free text where every word must match', () => {
    expect(applyFilters(rows, { ...NO_FILTERS, passOnly: true }).some((r) => r.filter === 'germline_risk')).toBe(false);
    expect(genes(applyFilters(rows, { ...NO_FILTERS, text: 'tp53 r248q' }))).toEqual(['TP53']);
    expect(genes(applyFilters(rows, { ...NO_FILTERS, text: 'chr4:1801841' }))).toEqual(['FGFR3']);
  });
});

describe('sorting', () => {
  const columns = resolveColumns(['gene', 'vaf', 'depth', 'locus', 'info:DP'], rows);
  it('sorts numbers, rows without a value last in both directions', () => {
    const byDepth = sortRows(rows, { column: 'depth', desc: true }, columns);
    expect(byDepth.map((r) => r.depth)).toEqual([243, 212, 188, 90, 60, 30, undefined, undefined]);
    const up = sortRows(rows, { column: 'depth', desc: false }, columns);
    expect(up.map((r) => r.depth).slice(-2)).toEqual([undefined, undefined]);
  });
  it('sorts positions in karyotype order and text alphabetically', () => {
    expect(sortRows(rows, { column: 'locus', desc: false }, columns).map((r) => r.chrom)).toEqual([
      'chr4',
      'chr5',
      'chr11',
      'chr12',
      'chr13',
      'chr17',
      'chr17',
      'chrX',
    ]);
    expect(genes(sortRows(rows, { column: 'gene', desc: false }, columns)).slice(0, 3)).toEqual(['ATM', 'BRCA2', 'FGFR3']);
  });
  it('cycles a header: numbers descending first', () => {
    const vaf = BASE_COLUMNS.find((c) => c.id === 'vaf')!;
    const gene = BASE_COLUMNS.find((c) => c.id === 'gene')!;
    expect(nextSort(null, vaf)).toEqual({ column: 'vaf', desc: true });
    expect(nextSort({ column: 'vaf', desc: true }, vaf)).toEqual({ column: 'vaf', desc: false });
    expect(nextSort({ column: 'vaf', desc: false }, vaf)).toBeNull();
    expect(nextSort(null, gene)).toEqual({ column: 'gene', desc: false });
  });
  it('INFO columns: found in the rows, numeric when their values are', () => {
    expect(infoKeys(rows)).toEqual(['DP', 'SOURCE']);
    expect(infoColumn('DP', rows).numeric).toBe(true);
    expect(infoColumn('SOURCE', rows).numeric).toBe(false);
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('defuses spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });
  it('writes the shown rows and columns, position and alleles split', () => {
    const columns = resolveColumns(['gene', 'protein', 'locus', 'allele', 'vaf', 'info:DP'], rows);
    const csv = toCsv(rows.slice(0, 1).concat(rows.slice(7)), columns);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Gene,Protein,HGVSc,Chromosome,Position,Ref,Alt,VAF,DP');
    expect(lines[1]).toBe('FGFR3,p.S249C,,chr4,1801841,C,G,0.410,');
    expect(lines[2]).toBe(',,,chrX,500,A,C,,40');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
  it('names the file after the data and the filters', () => {
    const date = new Date('2025-05-20T10:00:00Z');
    expect(csvFileName('variants/tumor.somatic.vcf.gz', TUMOR_BOARD, date)).toBe(
      'variants_tumor.somatic_tumor-board_2025-05-20.csv',
    );
    expect(csvFileName('a.maf', NO_FILTERS, date)).toBe('a_2025-05-20.csv');
  });
});
