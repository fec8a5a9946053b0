/**
 * The table's own VCF line reader (vcfLine.ts) against the @gmod/vcf-based one (vcfRecord.ts):
 * for every data line of the real files (hts-specs conformance suite, caller VCFs, igv.js files)
 * and of generated lines, the line reader either leaves the line to the library or gives exactly
 * the variants the library gives.
 */
import fc from 'fast-check';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VariantColumnsBuilder, variantAt } from '../../../shared/model/variantColumns.js';
import type { Variant } from '../../../shared/model/variants.js';
import { forEachLine } from '../../../electron/services/variants/textSource.js';
import { VcfLineReader } from '../../../electron/services/variants/vcf/vcfLine.js';
import { parseVcfHeader, type HeaderLine, type VcfHeader } from '../../../electron/services/variants/vcf/vcfHeader.js';
import { RecordProblem, recordVariants } from '../../../electron/services/variants/vcf/vcfRecord.js';
import { WarningList } from '../../../electron/services/variants/warningList.js';
import { hasSharedVariants, SHARED_VARIANTS, skipNote } from './testdata.js';

/** The library's variants of a line, or null when it refuses the line. */
function libraryVariants(line: string, header: VcfHeader): Variant[] | null {
  try {
    return recordVariants(line, header);
  } catch (error) {
    if (error instanceof RecordProblem) return null;
    throw error;
  }
}

/** The line reader's variants of a line, or 'left' when it leaves the line to the library. */
function lineReaderVariants(line: string, reader: VcfLineReader, bytes?: Uint8Array, byteStart?: number): Variant[] | 'left' {
  const builder = new VariantColumnsBuilder();
  if (!reader.read(line, builder, bytes, byteStart)) return 'left';
  const typed = builder.typed();
  return Array.from({ length: typed.length }, (_, i) => variantAt(typed, i));
}

/** Same fields, a field left undefined and a field absent counting alike. */
const normalized = (variants: Variant[]): Variant[] =>
  variants.map((v) => Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined)) as Variant);

type Agreement = { lines: number; read: number };

/**
 * An ASCII line's bytes as textSource offers them: inside a larger chunk, at an offset (the
 * reader then codes its values from the bytes); undefined for other lines, as textSource gives.
 */
function bytesOf(line: string): [Uint8Array, number] | [] {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(line) ? [Buffer.from(`##\n${line}\n#`, 'latin1'), 3] : [];
}

function agree(
  line: string,
  header: VcfHeader,
  reader: VcfLineReader,
  where: string,
  tally: Agreement,
  bytes: [Uint8Array, number] | [] = bytesOf(line),
): void {
  tally.lines += 1;
  const fast = lineReaderVariants(line, reader);
  // Read from the line's bytes, the same variants as from its characters.
  if (bytes.length) expect(lineReaderVariants(line, reader, ...bytes), `${where} (from its bytes)`).toEqual(fast);
  if (fast === 'left') return;
  tally.read += 1;
  const library = libraryVariants(line, header);
  expect(library, `${where}: the library refuses a line the line reader took`).not.toBeNull();
  expect(normalized(fast), where).toEqual(normalized(library!));
}

async function agreeOnFile(path: string): Promise<Agreement> {
  const tally = { lines: 0, read: 0 };
  const headerLines: HeaderLine[] = [];
  let header: VcfHeader | undefined;
  let reader: VcfLineReader | undefined;
  await forEachLine(path, (text, lineNumber, bytes, byteStart) => {
    if (!header) {
      if (!text.startsWith('#')) throw new Error('no header');
      headerLines.push({ text, lineNumber });
      if (!text.startsWith('##')) {
        header = parseVcfHeader(path, headerLines, new WarningList());
        reader = new VcfLineReader(header);
      }
      return;
    }
    if (text === '' || text.startsWith('#')) return;
    agree(text, header, reader!, `${path}:${lineNumber}`, tally, bytes ? [bytes, byteStart!] : []);
  });
  return tally;
}

/** Every VCF under the shared test data whose header the library accepts. */
function sharedVcfs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.vcf(\.gz)?$/.test(name)) out.push(path);
    }
  };
  walk(SHARED_VARIANTS);
  return out.sort();
}

if (!hasSharedVariants) skipNote(`${SHARED_VARIANTS} is absent: the line reader is compared on generated lines only`);

describe.skipIf(!hasSharedVariants)('the line reader agrees with @gmod/vcf on the real files', () => {
  it('record for record, over the conformance suite, the caller and igv.js VCFs', async () => {
    let files = 0;
    const total = { lines: 0, read: 0 };
    for (const path of sharedVcfs()) {
      let tally: Agreement;
      try {
        tally = await agreeOnFile(path);
      } catch (error) {
        // A file whose header is refused (the `failed` suite) has no line to compare.
        if ((error as Error).name === 'ServiceError' || (error as Error).message === 'no header') continue;
        throw error;
      }
      files += 1;
      total.lines += tally.lines;
      total.read += tally.read;
    }
    expect(files).toBeGreaterThan(300);
    // Not a vacuous agreement: the line reader takes most lines itself.
    expect(total.read / total.lines).toBeGreaterThan(0.8);
  }, 120_000);

  it('takes every line of the caller VCFs itself', async () => {
    for (const name of ['test_mutect.vcf', 'test_strelka.vcf', 'test_varscan.vcf', 'test_delly.vcf']) {
      const tally = await agreeOnFile(join(SHARED_VARIANTS, 'callers', name));
      expect(tally.read, name).toBe(tally.lines);
    }
  });
});

describe('the line reader agrees with @gmod/vcf on generated lines', () => {
  const HEADER = [
    '##fileformat=VCFv4.2',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele fraction">',
    '##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description="Somatic">',
    '##INFO=<ID=GENE,Number=1,Type=String,Description="Gene">',
    '##INFO=<ID=SYMBOL,Number=1,Type=String,Description="Gene symbol">',
    '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|HGVSc|HGVSp|CANONICAL|SYMBOL">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
    '##tumor_sample=TUMOR',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR',
  ];
  const header = parseVcfHeader(
    'generated.vcf',
    HEADER.map((text, i) => ({ text, lineNumber: i + 1 })),
    new WarningList(),
  );
  const reader = new VcfLineReader(header);

  const token = (...values: string[]) => fc.constantFrom(...values);
  /** Mostly plain values, sometimes odd ones (which the line reader may leave to the library). */
  const mostly = (plain: string[], odd: string[]) =>
    fc.oneof({ arbitrary: token(...plain), weight: 8 }, { arbitrary: token(...odd), weight: 1 });
  const csqEntry = fc
    .tuple(
      token('T', 'G', 'A', '-', 'CT'),
      token('missense_variant', 'stop_gained&splice_region_variant', '', 'intron_variant'),
      token('MODERATE', 'HIGH', ''),
      token('TP53', 'FGFR3', ''),
      token('ENST01.1:c.743G>A', 'c.1A>T', ''),
      token('ENSP01.1:p.Arg248Gln', 'p.Ser249Cys', 'p.Arg213Ter', ''),
      token('YES', '', 'NO'),
      token('', 'KDM6A', ' padded '),
    )
    .map((fields) => fields.join('|'));
  const infoField = fc.oneof(
    token('DP=100', 'DP=0100', 'DP=.', 'DP=', 'DP=1,2', 'DP=abc', 'DP=12345678901234567890'),
    token('AF=0.5', 'AF=0.50', 'AF=1e-3', 'AF=.,0.2', 'AF=-0'),
    token('SOMATIC', 'SOMATIC=1'),
    token('GENE=TP53', 'GENE=TP53:7157|x', 'GENE=.', 'GENE=,KRAS', 'SYMBOL=KRAS', 'GENEINFO=BRCA2:675'),
    mostly(['X=1', 'Y', 'Z=<img src=x onerror=alert(1)>', 'constructor=2', ''], ['X=a%3Bb', '1KG=0.2', '__proto__=1']),
    fc.array(csqEntry, { minLength: 1, maxLength: 3 }).map((entries) => `CSQ=${entries.join(',')}`),
    token('CSQ', 'CSQ=.', 'CSQ=,', 'CSQ=.,T|missense_variant'),
  );
  const info = fc.oneof(
    token('.'),
    fc.array(infoField, { minLength: 1, maxLength: 6 }).map((fields) => fields.join(';')),
  );
  const sample = token('0/1:10,5:0.333:15', '0/1:10,5:.:15', '0/1:.:.:.', '.', '0/1', '0/1:3:0.2', '0/1:10,5,2:0.3,0.1:17', '');
  const line = fc
    .record({
      chrom: mostly(['chr1', '1', 'chrUn_KI270742v1'], ['']),
      pos: mostly(['100', '007', '0'], ['-1', 'x', '', '12345678901234567']),
      id: mostly(['.', 'rs1', 'rs1;rs2'], ['']),
      ref: mostly(['C', 'AC', 'n'], ['N*', '']),
      alt: mostly(['T', 'T,G', '.', '<DEL>', '*', 'T,<NON_REF>', 'C]2:100]'], ['']),
      qual: mostly(['.', '50', '1e3'], ['abc', '']),
      filter: mostly(['PASS', '.', 'weak;low'], ['']),
      info,
      format: token('GT:AD:AF:DP', 'GT', 'AD:DP', 'GT:AF:AF', '.', ''),
      normal: sample,
      tumor: sample,
      columns: fc.oneof({ arbitrary: fc.constant(11), weight: 4 }, { arbitrary: fc.integer({ min: 7, max: 10 }), weight: 1 }),
      cr: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
    })
    .map((r) => {
      const cells = [r.chrom, r.pos, r.id, r.ref, r.alt, r.qual, r.filter, r.info, r.format, r.normal, r.tumor];
      return `${cells.slice(0, r.columns).join('\t')}${r.cr ? '\r' : ''}`;
    });

  it('variant for variant, whatever the line', () => {
    const tally = { lines: 0, read: 0 };
    fc.assert(
      fc.property(line, (text) => agree(text, header, reader, JSON.stringify(text), tally)),
      { numRuns: 3000, seed: 17 },
    );
    expect(tally.read).toBeGreaterThan(tally.lines / 4);
  });

  it('variant for variant over many lines into one table (what the reader keeps between lines)', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        const builder = new VariantColumnsBuilder();
        const expected: Variant[] = [];
        for (const [k, text] of lines.entries()) {
          const before = builder.length;
          // Lines with and without their bytes into one table, as a chunk's first line comes without.
          const [bytes, byteStart] = k % 3 === 0 ? [] : bytesOf(text);
          if (!reader.read(text, builder, bytes, byteStart)) continue;
          expect(builder.length - before, JSON.stringify(text)).toBe(libraryVariants(text, header)!.length);
          expected.push(...libraryVariants(text, header)!);
        }
        const typed = builder.typed();
        const fast = Array.from({ length: typed.length }, (_, i) => variantAt(typed, i));
        expect(normalized(fast)).toEqual(normalized(expected));
      }),
      { numRuns: 300, seed: 23 },
    );
  });
});
