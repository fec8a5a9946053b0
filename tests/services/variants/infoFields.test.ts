/** INFO and annotation fields kept per variant for user-chosen columns: bounded, verbatim text. */
import { describe, expect, it } from 'vitest';
import { MAX_INFO_FIELDS, MAX_INFO_VALUE_LENGTH } from '../../../shared/model/variants.js';
import { inspectPath } from '../../../electron/services/inspect/inspectPath.js';
import { readVariantFile } from '../../../electron/services/variants/readVariantFile.js';
import { tempFolder } from './tempFiles.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';

const write = tempFolder('info');
const header = (extra: string[] = []) =>
  [
    '##fileformat=VCFv4.3',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
    '##INFO=<ID=NOTE,Number=1,Type=String,Description="Free text">',
    '##INFO=<ID=SOMATIC,Number=0,Type=Flag,Description="Somatic">',
    '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL|HGVSp|gnomAD_AF">',
    ...extra,
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
  ].join('\n');

describe('INFO fields of a VCF', () => {
  it('keeps INFO keys and the chosen CSQ entry as CSQ.<field>, as text', async () => {
    const path = write(
      'a.vcf',
      `${header()}\nchr4\t1801841\t.\tC\tG\t.\tPASS\tDP=212;NOTE=<b>bold</b>;SOMATIC;CSQ=G|missense_variant|FGFR3|p.Ser249Cys|0.0001\n`,
    );
    const [variant] = variantsOf(await readVariantFile(path));
    expect(variant!.info).toEqual({
      DP: '212',
      NOTE: '<b>bold</b>',
      SOMATIC: 'true',
      'CSQ.Allele': 'G',
      'CSQ.Consequence': 'missense_variant',
      'CSQ.SYMBOL': 'FGFR3',
      'CSQ.HGVSp': 'p.Ser249Cys',
      'CSQ.gnomAD_AF': '0.0001',
    });
  });

  it('bounds the number of fields and the length of each value', async () => {
    const many = Array.from({ length: 100 }, (_, i) => `##INFO=<ID=K${i},Number=1,Type=String,Description="k">`);
    const info = Array.from({ length: 100 }, (_, i) => `K${i}=${'x'.repeat(i === 0 ? 1000 : 3)}`).join(';');
    const path = write('many.vcf', `${header(many)}\n1\t100\t.\tA\tC\t.\tPASS\t${info}\n`);
    const [variant] = variantsOf(await readVariantFile(path));
    expect(Object.keys(variant!.info!)).toHaveLength(MAX_INFO_FIELDS);
    expect(variant!.info!.K0).toHaveLength(MAX_INFO_VALUE_LENGTH);
    expect(variant!.info!.K0!.endsWith('…')).toBe(true);
  });

  it('keeps a MAF’s other columns', async () => {
    const path = write(
      'a.maf',
      'Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tCOSMIC\tIMPACT\n' +
        'TP53\t17\t7674220\tC\tT\tS1\tCOSM10662\tMODERATE\n',
    );
    const [variant] = variantsOf(await readVariantFile(path));
    expect(variant!.info).toEqual({ COSMIC: 'COSM10662', IMPACT: 'MODERATE' });
  });
});

describe('triptych inspect of a variant file', () => {
  it('prints kind, format, records, samples, contigs and normalized variants', async () => {
    const path = write(
      'inspect.vcf',
      `${header()}\nchr4\t1801841\trs1\tC\tG\t.\tPASS\tDP=212;CSQ=G|missense_variant|FGFR3|p.Ser249Cys|\nchr4\t1801900\t.\tC\tT\t.\tLowQual\tDP=3\n`,
    );
    const result = (await inspectPath(path)) as Record<string, unknown> & { variants: Array<Record<string, unknown>> };
    expect(result).toMatchObject({ kind: 'variants', format: 'VCF', records: 2, samples: [], contigs: ['chr4'] });
    expect(result.variants[0]).toEqual({
      chrom: 'chr4',
      pos: 1801841,
      ref: 'C',
      alt: 'G',
      gene: 'FGFR3',
      consequence: 'missense_variant',
      hgvsp: 'p.S249C',
      vaf: undefined,
      depth: undefined,
      filter: 'PASS',
      sample: undefined,
    });
    expect(result.variants[1]).toMatchObject({ pos: 1801900, filter: 'LowQual' });
  });
});
