/**
 * sortRows places rows by native-sorted keys: checked against the plain definition (a stable sort
 * with the column's comparison, missing values last) on generated tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Variant } from '../../shared/model/variants.js';
import {
  BASE_COLUMNS,
  applyFilters,
  infoColumn,
  rowPredicate,
  sortRows,
  toRows,
  type Column,
  type VariantRow,
} from '../../renderer/panes/variants/tableModel.js';
import { radixOrder } from '../../renderer/panes/variants/keyOrder.js';

const GENES = ['TP53', 'FGFR3', 'KDM6A', 'PIK3CA', 'ARID1A', 'ERBB2', 'tp53'];
const CHROMS = ['chr1', 'chr2', 'chr10', 'chrX', 'chrM', 'chr4', 'chrUn_KI270742v1'];

const variant = fc.record({
  chrom: fc.constantFrom(...CHROMS),
  pos: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1000, max: 2_000_000 })),
  ref: fc.constantFrom('A', 'C'),
  alt: fc.constantFrom('G', 'T', 'CT'),
  filter: fc.constantFrom('PASS', 'weak_evidence', '.'),
  gene: fc.option(fc.constantFrom(...GENES), { nil: undefined }),
  vaf: fc.option(fc.constantFrom(0, 0.05, 0.1, 0.1, 0.33, 1), { nil: undefined }),
  depth: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  consequence: fc.option(fc.constantFrom('missense_variant', 'stop_gained', 'synonymous_variant', 'intron_variant'), {
    nil: undefined,
  }),
  hgvsp: fc.option(fc.constantFrom('p.R248Q', 'p.S249C', 'p.E545K', 'p.R273H'), { nil: undefined }),
  info: fc.option(fc.record({ DP: fc.constantFrom('10', '2', '33') }), { nil: undefined }),
}) as fc.Arbitrary<Variant>;

/** The definition: stable, by the column's comparison, rows without a value last in their order. */
function reference(rows: VariantRow[], column: Column, desc: boolean): VariantRow[] {
  const present = rows.filter((r) => !column.missing(r));
  const missing = rows.filter((r) => column.missing(r));
  const sign = desc ? -1 : 1;
  const sorted = present
    .map((row, i) => ({ row, i }))
    .sort((a, b) => sign * column.compare(a.row, b.row) || a.i - b.i)
    .map((x) => x.row);
  return [...sorted, ...missing];
}

/**
 * Array.sort's stable sort with the column's comparison, or for the locus its key (unplaced contigs
 * share a rank: the key ties them by position alone), rows without a value last in their order.
 */
function plainSort(rows: VariantRow[], column: Column, desc: boolean): VariantRow[] {
  const sign = desc ? -1 : 1;
  const compare =
    column.id === 'locus'
      ? (a: VariantRow, b: VariantRow) => (column.sortKey!(a) as number) - (column.sortKey!(b) as number)
      : column.compare;
  const present = rows.filter((r) => !column.missing(r));
  return [...present.sort((a, b) => sign * compare(a, b)), ...rows.filter((r) => column.missing(r))];
}

describe('sortRows', () => {
  it('orders like a stable sort by the column, for every column and direction', () => {
    fc.assert(
      fc.property(fc.array(variant, { maxLength: 60 }), fc.boolean(), fc.nat(60), (variants, desc, split) => {
        // Rows of two files, as the "All files" choice shows them: each file has its own columns.
        const rows = [
          ...toRows({ fileId: 'f', fileName: 'f.vcf', variants: variants.slice(0, split), tumorSample: 'TUMOR' }),
          ...toRows({ fileId: 'g', fileName: 'g.vcf', variants: variants.slice(split) }),
        ];
        const columns = [...BASE_COLUMNS, infoColumn('DP', rows)];
        for (const column of columns) {
          // Locus keys tie different unplaced contigs at the same position: compare by the key there.
          if (column.id === 'locus') continue;
          const got = sortRows(rows, { column: column.id, desc }, columns).map((r) => r.key);
          expect(got, column.id).toEqual(reference(rows, column, desc).map((r) => r.key));
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('orders any subset of the rows, in any order, like Array.sort by the column (the locus by its key)', () => {
    fc.assert(
      fc.property(fc.array(variant, { maxLength: 80 }), fc.nat(80), fc.boolean(), (variants, split, desc) => {
        const all = [
          ...toRows({ fileId: 'f', fileName: 'f.vcf', variants: variants.slice(0, split) }),
          ...toRows({ fileId: 'g', fileName: 'g.vcf', variants: variants.slice(split), tumorSample: 'TUMOR' }),
        ];
        const columns = [...BASE_COLUMNS, infoColumn('DP', all)];
        // A subset in shuffled order: the rows the sort gets need not be in file order, nor one file's.
        return fc.assert(
          fc.property(fc.shuffledSubarray(all), (rows) => {
            for (const column of columns) {
              const got = sortRows(rows, { column: column.id, desc }, columns).map((r) => r.key);
              expect(got, column.id).toEqual(plainSort(rows, column, desc).map((r) => r.key));
            }
          }),
          { numRuns: 3, seed: variants.length },
        );
      }),
      { numRuns: 150, seed: 21 },
    );
  });

  it('orders 100,000 rows of distinct VAFs and positions, some without a VAF, like Array.sort (the radix passes)', () => {
    let seed = 5;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const variants: Variant[] = Array.from({ length: 100_000 }, (_, i) => ({
      chrom: CHROMS[Math.floor(random() * CHROMS.length)]!,
      pos: 1 + Math.floor(random() * 3e8),
      ref: 'A',
      alt: 'G',
      filter: 'PASS',
      vaf: random() < 0.1 ? undefined : i % 7 === 0 ? 0.25 : random(),
      depth: random() < 0.2 ? undefined : Math.floor(random() * 5000),
    }));
    const rows = toRows({ fileId: 'f', fileName: 'f.vcf', variants });
    expect(new Set(variants.map((v) => v.vaf)).size).toBeGreaterThan(65_536);
    for (const id of ['vaf', 'locus', 'depth']) {
      const column = BASE_COLUMNS.find((c) => c.id === id)!;
      for (const desc of [false, true])
        expect(
          sortRows(rows, { column: id, desc }, BASE_COLUMNS).map((r) => r.index),
          `${id} ${desc ? 'desc' : 'asc'}`,
        ).toEqual(plainSort(rows, column, desc).map((r) => r.index));
    }
  });

  it('keeps every row once, in position order for the locus', () => {
    fc.assert(
      fc.property(fc.array(variant, { maxLength: 60 }), (variants) => {
        const rows = toRows({ fileId: 'f', fileName: 'f.vcf', variants });
        const sorted = sortRows(rows, { column: 'locus', desc: false }, BASE_COLUMNS);
        expect(new Set(sorted.map((r) => r.key)).size).toBe(rows.length);
        for (let i = 1; i < sorted.length; i++)
          expect(BASE_COLUMNS.find((c) => c.id === 'locus')!.compare(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe('applyFilters', () => {
  const filters = fc.record({
    text: fc.constantFrom(
      '',
      'tp53',
      'p.r2',
      'chr1 pass',
      'zz',
      '1',
      '2,',
      'chr1:1',
      ':',
      'c>g',
      'a>',
      'ct',
      '—',
      'missense',
      'nonsense',
      'f.vcf',
      'g.vcf',
      'weak',
      'R248Q',
      'X:',
    ),
    genes: fc.subarray(GENES),
    groups: fc.subarray(['coding', 'splice', 'synonymous', 'noncoding', 'unknown'] as const),
    chroms: fc.subarray(['1', 'chr2', 'X', 'MT', 'chr4']),
    vafMin: fc.option(fc.constantFrom(0, 0.05, 0.1), { nil: null }),
    vafMax: fc.option(fc.constantFrom(0.1, 0.5, 1), { nil: null }),
    minDepth: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    passOnly: fc.boolean(),
  });

  it('keeps exactly the rows the row predicate keeps, in order', () => {
    fc.assert(
      fc.property(fc.array(variant, { maxLength: 60 }), filters, (variants, f) => {
        const rows = [
          ...toRows({ fileId: 'f', fileName: 'f.vcf', variants: variants.slice(0, 30) }),
          ...toRows({ fileId: 'g', fileName: 'g.vcf', variants: variants.slice(30), tumorSample: 'TUMOR' }),
        ];
        const expected = rows.filter(rowPredicate({ ...f, groups: [...f.groups] }));
        expect(applyFilters(rows, { ...f, groups: [...f.groups] }).map((r) => r.key)).toEqual(expected.map((r) => r.key));
      }),
      { numRuns: 400, seed: 5 },
    );
  });
});

describe('radixOrder', () => {
  it('is the stable ascending order of any doubles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, 0.5, Infinity, -Infinity, 1e-300)), {
          maxLength: 200,
        }),
        (values) => {
          const keys = Float64Array.from(values, (v) => v + 0);
          const expected = values.map((v, i) => ({ v: v + 0, i })).sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.i - b.i));
          expect([...radixOrder(keys)]).toEqual(expected.map((e) => e.i));
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });

  it('is the stable ascending order of more distinct doubles than are ranked (the passes over their bits)', () => {
    let seed = 99;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    // 100,000 keys, about 70,000 distinct, negative and positive, some repeated.
    const values = Array.from({ length: 100_000 }, () =>
      random() < 0.3 ? Math.floor(random() * 50) / 8 : (random() - 0.5) * 1e6,
    );
    const expected = values.map((v, i) => ({ v, i })).sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.i - b.i));
    expect(new Set(values).size).toBeGreaterThan(65_536);
    expect([...radixOrder(Float64Array.from(values))]).toEqual(expected.map((e) => e.i));
  });

  it('is the stable ascending order of integer keys (the passes over their distance from the smallest), sorted or not', () => {
    const stable = (values: number[]) =>
      values
        .map((v, i) => ({ v, i }))
        .sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.i - b.i))
        .map((e) => e.i);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 200 }),
          fc.array(fc.integer({ min: -70_000, max: 70_000 }), { maxLength: 200 }),
          // Positions keyed by chromosome (rank × 1e10 + pos) and integers near the limit of exact doubles.
          fc.array(
            fc.integer({ min: 0, max: 25 }).chain((rank) => fc.integer({ min: 1, max: 3e8 }).map((pos) => rank * 1e10 + pos)),
            {
              maxLength: 200,
            },
          ),
          fc.array(fc.constantFrom(-(2 ** 53) + 1, -1, 0, 2 ** 32, 2 ** 32 + 1, 2 ** 52, 2 ** 53 - 1), { maxLength: 50 }),
          fc.array(fc.integer(), { maxLength: 200 }).map((values) => values.sort((a, b) => a - b)),
        ),
        (values) => {
          expect([...radixOrder(Float64Array.from(values))]).toEqual(stable(values));
        },
      ),
      { numRuns: 500, seed: 9 },
    );
  });
});
