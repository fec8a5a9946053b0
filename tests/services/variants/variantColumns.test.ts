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
