/**
 * The coded columns keep their codes in the wire's width (one byte a row below 255 values, two
 * below 65,535, else four) and widen as values arrive: what goes in comes out, through the typed
 * form and through the wire, on both sides of each width.
 */
import { describe, expect, it } from 'vitest';
import { unpackColumns, VariantColumnsBuilder, variantAt } from '../../../shared/model/variantColumns.js';

describe('coded columns across their widths', () => {
  for (const distinct of [3, 254, 255, 256, 300, 65_534, 65_535, 65_536, 70_000, 80_000]) {
    it(`${distinct.toLocaleString('en-US')} distinct values`, () => {
      const builder = new VariantColumnsBuilder();
      const expected: Array<string | undefined> = [];
      // Each value once in order, then again in another order, with rows of no value among them.
      const rows = distinct * 2;
      for (let i = 0; i < rows; i++) {
        const value = i % 7 === 3 ? undefined : `v${i < distinct ? i : (i * 7919) % distinct}`;
        const row = builder.addRow(i + 1, undefined, undefined, undefined);
        builder.chrom.set(row, 'chr1');
        builder.ref.set(row, 'A');
        builder.alt.set(row, 'T');
        builder.filter.set(row, 'PASS');
        builder.gene.set(row, value);
        builder.setInfo('K', row, value);
        expected.push(value);
      }
      const typed = builder.typed();
      const wire = builder.wire();
      const back = unpackColumns(wire);
      const values = new Set(expected.filter((v) => v !== undefined)).size;
      expect(wire.text.gene.width).toBe(values < 0xff ? 1 : values < 0xffff ? 2 : 4);
      for (const columns of [typed, back]) {
        for (let i = 0; i < rows; i++) {
          const v = variantAt(columns, i);
          if (v.gene !== expected[i] || v.info?.K !== expected[i])
            expect({ row: i, gene: v.gene, K: v.info?.K }).toEqual({ row: i, gene: expected[i], K: expected[i] });
        }
      }
    });
  }
});

describe('INFO columns of a wire table', () => {
  it('come out in the wire order with their values, whether asked for one by one or walked', () => {
    const builder = new VariantColumnsBuilder();
    const keys = ['DP', 'CSQ.SYMBOL', 'CSQ.HGVSc', 'AF'];
    for (let i = 0; i < 500; i++) {
      const row = builder.addRow(i + 1, undefined, undefined, undefined);
      builder.chrom.set(row, 'chr1');
      builder.ref.set(row, 'A');
      builder.alt.set(row, 'T');
      builder.filter.set(row, 'PASS');
      keys.forEach((key, k) => builder.setInfo(key, row, (i + k) % 3 === 0 ? undefined : `${key}-${i % (k * 40 + 3)}`));
    }
    const typed = builder.typed();
    const asked = unpackColumns(builder.wire());
    // One column asked for first (unpacked alone), then every column: same values, same key order.
    expect(asked.info.get('CSQ.HGVSc')).toEqual(typed.info.get('CSQ.HGVSc'));
    expect(asked.info.get('NOPE')).toBeUndefined();
    expect([...asked.info.keys()]).toEqual([...typed.info.keys()]);
    expect([...asked.info.keys()].sort()).toEqual([...keys].sort());
    expect([...asked.info]).toEqual([...typed.info]);
    const walked = unpackColumns(builder.wire());
    expect([...walked.info.values()]).toEqual([...typed.info.values()]);
    const seen: string[] = [];
    unpackColumns(builder.wire()).info.forEach((column, key) => seen.push(`${key}:${column.values.length}`));
    expect(seen).toEqual([...typed.info].map(([key, column]) => `${key}:${column.values.length}`));
    for (let i = 0; i < 500; i++) expect(variantAt(asked, i)).toEqual(variantAt(typed, i));
  });

  it('of the wrong size are an error when read, naming the sizes', () => {
    const builder = new VariantColumnsBuilder();
    const row = builder.addRow(1, undefined, undefined, undefined);
    builder.chrom.set(row, 'chr1');
    builder.setInfo('DP', row, '7');
    const wire = builder.wire();
    const broken = unpackColumns({ ...wire, info: [{ ...wire.info[0]!, codes: 'AAAA' }] });
    expect(() => broken.info.get('DP')).toThrow('a variant column holds 3 bytes, not 1 rows');
  });
});
