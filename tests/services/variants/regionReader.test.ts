/**
 * Reading an indexed VCF by region with our own BGZF + tabix code: the same records `tabix` prints,
 * for .tbi and .csi, including the last record of a file that ends without a newline (which
 * @gmod/tabix 3.x drops).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../electron/services/errors.js';
import { bgzfCompress } from '../../../electron/services/variants/bgzf.js';
import { regionBins, parseTabixIndex } from '../../../electron/services/variants/tabixReader.js';
import { tabixIndexVcf, type IndexedLine } from '../../../electron/services/variants/tabixIndex.js';
import { IndexedVcf } from '../../../electron/services/variants/vcf/indexedVcf.js';
import { hasTool, skipNote } from './testdata.js';
import { tempFolder } from './tempFiles.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';

const write = tempFolder('region');
const HEADER = [
  '##fileformat=VCFv4.2',
  '##contig=<ID=chr1,length=248956422>',
  '##contig=<ID=chr2,length=242193529>',
  '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
  '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
].join('\n');

/** A sorted VCF of `n` records spread over chr1 and chr2 (deletions every 7th record). */
function vcfText(n: number, finalNewline: boolean): { text: string; records: Array<[string, number, string]> } {
  const records: Array<[string, number, string]> = [];
  for (let i = 0; i < n; i++) {
    const chrom = i < n / 2 ? 'chr1' : 'chr2';
    const pos = 1000 + (i % Math.ceil(n / 2)) * 997;
    records.push([chrom, pos, i % 7 === 0 ? 'ACGTACGTAC' : 'A']);
  }
  const lines = records.map(([chrom, pos, ref]) => `${chrom}\t${pos}\trs${pos}\t${ref}\tT\t50\tPASS\tDP=${pos % 300}`);
  return { text: `${HEADER}\n${lines.join('\n')}${finalNewline ? '\n' : ''}`, records };
}

/** bgzip + .tbi with our own writer (as the demo case does). */
function ownIndexed(
  name: string,
  n: number,
  finalNewline: boolean,
): { vcf: string; tbi: string; records: Array<[string, number, string]> } {
  const { text, records } = vcfText(n, finalNewline);
  const indexed: IndexedLine[] = [];
  let offset = HEADER.length + 1;
  const lines = text.slice(offset).split('\n');
  records.forEach(([chrom, pos, ref], i) => {
    const length = lines[i]!.length + (i < records.length - 1 || finalNewline ? 1 : 0);
    indexed.push({ chrom, begin: pos - 1, end: pos - 1 + ref.length, textStart: offset, textEnd: offset + length });
    offset += length;
  });
  const compressed = bgzfCompress(Buffer.from(text));
  return {
    vcf: write(`${name}.vcf.gz`, compressed.bytes),
    tbi: write(`${name}.vcf.gz.tbi`, tabixIndexVcf(indexed, compressed)),
    records,
  };
}

const overlapping = (records: Array<[string, number, string]>, chrom: string, start: number, end: number) =>
  records.filter(([c, pos, ref]) => c === chrom && pos <= end && pos + ref.length - 1 >= start).map(([, pos]) => pos);

describe('region reading through a tabix index', () => {
  it('finds the same records as a scan, over many blocks', async () => {
    const { vcf, tbi, records } = ownIndexed('many', 40_000, true);
    const file = await IndexedVcf.open(vcf, tbi);
    try {
      for (const [chrom, start, end] of [
        ['chr1', 1, 5000],
        ['chr1', 1_000_000, 1_200_000],
        ['chr2', 3_000_000, 3_000_010],
        ['2', 19_000_000, 30_000_000],
        ['chr1', 19_930_000, 19_940_000],
      ] as const) {
        const got = await file.region('f', { chrom, start, end });
        const want = overlapping(records, chrom.startsWith('chr') ? chrom : `chr${chrom}`, start, end);
        expect(variantsOf(got).map((variant) => variant.pos)).toEqual(want);
        expect(got.records).toBe(want.length);
      }
    } finally {
      await file.close();
    }
  });

  it('keeps the last record of a file without a final newline', async () => {
    const { vcf, tbi, records } = ownIndexed('no-newline', 50, false);
    const last = records[records.length - 1]!;
    const file = await IndexedVcf.open(vcf, tbi);
    const got = await file.region('f', { chrom: last[0], start: last[1], end: last[1] });
    await file.close();
    expect(variantsOf(got).map((variant) => variant.pos)).toEqual([last[1]]);
    expect(variantsOf(got)[0]!.info).toEqual({ DP: String(last[1] % 300) });
  });

  it('bounds an answer and says so', async () => {
    const { vcf, tbi } = ownIndexed('bounded', 2000, true);
    const file = await IndexedVcf.open(vcf, tbi);
    const got = await file.region('f', { chrom: 'chr1', start: 1, end: 248_000_000 }, 10);
    await file.close();
    expect(variantsOf(got)).toHaveLength(10);
    expect(got.records).toBe(1000);
    expect(got.capped).toBe(true);
  });

  it('matches htslib tabix for .tbi and .csi indexes', async (context) => {
    if (!hasTool('bgzip') || !hasTool('tabix')) {
      skipNote('bgzip/tabix not installed');
      context.skip();
    }
    const { text } = vcfText(20_000, true);
    const plain = write('htslib.vcf', text);
    expect(spawnSync('bgzip', ['-f', plain]).status).toBe(0);
    const gz = `${plain}.gz`;
    expect(spawnSync('tabix', ['-f', '-p', 'vcf', gz]).status).toBe(0);
    expect(spawnSync('tabix', ['-f', '-C', '-p', 'vcf', gz]).status).toBe(0);
    for (const index of [`${gz}.tbi`, `${gz}.csi`]) {
      expect(parseTabixIndex(readFileSync(index)).kind).toBe(index.endsWith('.csi') ? 'csi' : 'tbi');
      const file = await IndexedVcf.open(gz, index);
      for (const region of ['chr1:500000-900000', 'chr2:1-20000', 'chr2:9000000-9100000']) {
        const want = spawnSync('tabix', [gz, region], { encoding: 'utf8' })
          .stdout.split('\n')
          .filter(Boolean)
          .map((line) => Number(line.split('\t')[1]));
        const [chrom, span] = region.split(':') as [string, string];
        const [start, end] = span.split('-').map(Number) as [number, number];
        const got = await file.region('f', { chrom, start, end });
        expect(variantsOf(got).map((variant) => variant.pos)).toEqual(want);
      }
      await file.close();
    }
  });

  it('names the index file when it is not one', async () => {
    const { vcf } = ownIndexed('bad-index', 10, true);
    const notIndex = write('bad-index.vcf.gz.tbi', 'hello');
    const error = await IndexedVcf.open(vcf, notIndex).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).file).toBe(notIndex);
    expect((error as ServiceError).message).toMatch(/not a usable index/);
  });

  it('computes the bins of the SAM specification', () => {
    // reg2bins(0, 1) on the default scheme: one bin per level, 0 then the first of each level.
    expect(regionBins(0, 1, 14, 5)).toEqual([0, 1, 9, 73, 585, 4681]);
    expect(regionBins(16384, 16385, 14, 5)).toContain(4682);
  });
});
