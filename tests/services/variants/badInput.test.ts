/** Broken and odd inputs: a clear ServiceError naming the line, or warnings — never a crash. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../electron/services/errors.js';
import { MAX_VARIANTS } from '../../../electron/services/variants/limits.js';
import { readVariantFile } from '../../../electron/services/variants/readVariantFile.js';
import { tempFolder } from './tempFiles.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';

const write = tempFolder('variants');
const HEADER = '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n';
const RECORD = '1\t100\t.\tA\tC\t.\tPASS\t.\n';

async function refusal(path: string): Promise<ServiceError> {
  const error = await readVariantFile(path).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).code).toBe('BAD_FILE');
  expect((error as ServiceError).file).toBe(path);
  return error as ServiceError;
}

describe('files that are refused', () => {
  it('an empty file', async () => {
    expect((await refusal(write('empty.vcf', ''))).message).toBe('line 1: the file is empty');
  });

  it('records with no header at all', async () => {
    expect((await refusal(write('bare.vcf', RECORD))).message).toMatch(/^line 1: not a VCF .*MAF or SEG file/);
  });

  it('records before the #CHROM line', async () => {
    const message = (await refusal(write('nochrom.vcf', `##fileformat=VCFv4.2\n${RECORD}`))).message;
    expect(message).toBe('line 2: a record before the #CHROM header line');
  });

  it('a header that never reaches #CHROM', async () => {
    const message = (await refusal(write('meta-only.vcf', '##fileformat=VCFv4.2\n##source=x\n'))).message;
    expect(message).toBe('line 2: the header ends without a #CHROM line');
  });

  it('a #CHROM line with wrong columns, naming its line', async () => {
    const message = (
      await refusal(write('columns.vcf', '##fileformat=VCFv4.2\n##x=y\n#CHROM\tPOSITION\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'))
    ).message;
    expect(message).toMatch(/^line 3: /);
  });

  it('gzip data cut short', async () => {
    const whole = gzipSync(Buffer.from(HEADER + RECORD.repeat(5000)));
    const message = (await refusal(write('cut.vcf.gz', whole.subarray(0, whole.length - 200)))).message;
    expect(message).toMatch(/^line \d+: the gzip data is broken/);
  });

  it('gzip data corrupted in the middle', async () => {
    const bytes = Buffer.from(gzipSync(Buffer.from(HEADER + RECORD.repeat(5000))));
    bytes.fill(0x55, 100, 140);
    expect((await refusal(write('corrupt.vcf.gz', bytes))).message).toMatch(/^line \d+: the gzip data is broken/);
  });

  it('a gzip file whose first block is broken', async () => {
    const bytes = Buffer.from(gzipSync(Buffer.from(HEADER)));
    bytes.fill(0, 10);
    expect((await refusal(write('broken-start.vcf.gz', bytes))).message).toMatch(/^line 1: /);
  });

  it('a MAF header without the allele columns', async () => {
    const message = (
      await refusal(write('short.maf', '#version 2.4\nHugo_Symbol\tChromosome\tStart_Position\nTP53\t17\t7674220\n'))
    ).message;
    expect(message).toMatch(/^line 2: .*Reference_Allele/);
  });

  it('a file that does not exist', async () => {
    expect((await refusal('/nonexistent/triptych/x.vcf')).message).toMatch(/does not exist/);
  });
});

describe('oddities that are warnings', () => {
  it('malformed records are skipped with their line number and still counted', async () => {
    const path = write('malformed.vcf', `${HEADER}${RECORD}1\tabc\t.\tA\tC\t.\tPASS\t.\n1\t200\t.\tA\n\n${RECORD}`);
    const table = await readVariantFile(path);
    expect(table.records).toBe(4);
    expect(variantsOf(table)).toHaveLength(2);
    expect(table.warnings).toEqual([
      'line 4: POS is not a position: abc; record skipped',
      expect.stringMatching(/^line 5: .*record skipped$/),
      'line 6: blank line skipped',
    ]);
  });

  it(`keeps the first ${MAX_VARIANTS} variants and says so`, async () => {
    const lines = Array.from({ length: MAX_VARIANTS + 2 }, (_, i) => `1\t${i + 1}\t.\tA\tC\t.\tPASS\t.\n`);
    const table = await readVariantFile(write('huge.vcf', HEADER + lines.join('')));
    expect(table.records).toBe(MAX_VARIANTS + 2);
    expect(variantsOf(table)).toHaveLength(MAX_VARIANTS);
    expect(table.warnings.at(-1)).toMatch(/only the first 200,000 variants are shown/);
  });

  it('bounds the number of warnings', async () => {
    const table = await readVariantFile(write('noisy.vcf', HEADER + '1\tx\t.\tA\tC\t.\t.\t.\n'.repeat(500)));
    expect(table.warnings).toHaveLength(101);
    expect(table.warnings.at(-1)).toBe('… and 400 more warnings');
  });
});

describe('line endings and compression', () => {
  const maf = [
    '#version 2.4',
    'Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tt_alt_count\tt_ref_count',
    'TP53\t17\t7674220\tC\tT\t30\t70',
    'FGFR3\t4\t1801841\tC\tG\t5\t15',
  ];
  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('MAF with %s line endings', async (_, ending) => {
    const table = await readVariantFile(
      write(`endings-${maf.length}-${ending.length}${ending === '\r' ? 'cr' : ''}.maf`, maf.join(ending) + ending),
    );
    expect(table.records).toBe(2);
    expect(variantsOf(table)[1]).toMatchObject({ gene: 'FGFR3', alt: 'G', vaf: 0.25, depth: 20 });
  });

  it('gzip MAF with \\r line endings', async () => {
    const table = await readVariantFile(write('cr.maf.gz', gzipSync(Buffer.from(maf.join('\r')))));
    expect(variantsOf(table).map((v) => v.gene)).toEqual(['TP53', 'FGFR3']);
  });

  it('a \\r\\n split across two read chunks is one line break', async () => {
    // fs streams read 64 KiB at a time: put the '\r' last in the first chunk, the '\n' first in the next.
    const [fileformat, columns] = HEADER.split('\n');
    const before = `${fileformat}\n##comment=`;
    const text = `${before}${'x'.repeat(65535 - before.length)}\r\n${columns}\n${RECORD}`;
    expect(text.indexOf('\r')).toBe(65535);
    const table = await readVariantFile(write('split-crlf.vcf', text));
    expect(table).toMatchObject({ records: 1, warnings: [] });
  });
});
