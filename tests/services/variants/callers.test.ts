/**
 * Real caller output (Mutect, Strelka, VarScan, Delly), igv.js and maftools files: the right tumor
 * sample and VAF for records checked by hand against the file (the raw line is quoted above each).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Variant } from '../../../shared/model/variants.js';
import { readVariantFile } from '../../../electron/services/variants/readVariantFile.js';
import { bcftoolsRecordCount, hasSharedVariants, hasTool, SHARED_VARIANTS, skipNote } from './testdata.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';

const file = (name: string): string => join(SHARED_VARIANTS, name);
const at = (variants: Variant[], chrom: string, pos: number): Variant[] =>
  variants.filter((v) => v.chrom === chrom && v.pos === pos);

if (!hasSharedVariants) skipNote(`${SHARED_VARIANTS} is absent: the caller file tests are skipped`);

describe.skipIf(!hasSharedVariants)('caller VCFs', () => {
  it('Mutect: tumor from the name (NORMAL, TUMOR columns), VAF from AD', async () => {
    const table = await readVariantFile(file('callers/test_mutect.vcf'));
    expect(table).toMatchObject({
      format: 'VCF',
      samples: ['NORMAL', 'TUMOR'],
      tumorSample: 'TUMOR',
      records: 500,
      genomeBuild: 'GRCh37',
    });
    // 1	2453125	.	C	G	.	REJECT	.	GT:AD:BQ:DP:FA	0/1:160,31:13:192:0.162	0:175,30:.:206:0.146
    const [variant] = at(variantsOf(table), '1', 2453125);
    expect(variant).toMatchObject({ ref: 'C', alt: 'G', filter: 'REJECT', depth: 206, sample: 'TUMOR' });
    expect(variant!.vaf).toBeCloseTo(30 / 205, 6);
  });

  it('Strelka SNV: VAF from the tier-1 base counts', async () => {
    const table = await readVariantFile(file('callers/test_strelka.vcf'));
    expect(table.tumorSample).toBe('TUMOR');
    // 1	35944648	.	G	A	.	PASS	NT=ref;…	DP:FDP:SDP:SUBDP:AU:CU:GU:TU	78:0:0:0:0,0:0,0:78,78:0,0	58:0:0:0:56,57:0,0:2,2:0,0
    const [variant] = at(variantsOf(table), '1', 35944648);
    expect(variant).toMatchObject({ ref: 'G', alt: 'A', depth: 58 });
    expect(variant!.vaf).toBeCloseTo(56 / 58, 6);
  });

  it('Strelka indel: VAF from TIR / (TIR + TAR)', async () => {
    const table = await readVariantFile(file('callers/test_strelka.vcf'));
    // 2	102626146	.	CG	C	.	PASS	…	DP:DP2:TAR:TIR:TOR:DP50:FDP50:SUBDP50	91:91:87,89:0,0:3,1:…	89:89:19,19:57,58:12,11:87.69:0.01:0.00
    const [variant] = at(variantsOf(table), '2', 102626146);
    expect(variant).toMatchObject({ ref: 'CG', alt: 'C', depth: 89 });
    expect(variant!.vaf).toBeCloseTo(57 / 76, 6);
  });

  it('VarScan: VAF from FREQ, not from its ALT-only AD', async () => {
    const table = await readVariantFile(file('callers/test_varscan.vcf'));
    expect(table.tumorSample).toBe('TUMOR');
    // 1	1991014	.	A	G	.	PASS	DP=208;…	GT:GQ:DP:RD:AD:FREQ:DP4	0/1:.:117:59:56:48.7%:31,28,33,23	0/1:.:91:56:35:38.46%:31,25,16,19
    const [variant] = at(variantsOf(table), '1', 1991014);
    expect(variant).toMatchObject({ depth: 91 });
    expect(variant!.vaf).toBeCloseTo(0.3846, 6);
  });

  it('Delly: the TUMOR column comes first and is still the tumor; breakends kept as ALT', async () => {
    const table = await readVariantFile(file('callers/test_delly.vcf'));
    expect(table).toMatchObject({ samples: ['TUMOR', 'NORMAL'], tumorSample: 'TUMOR', records: 15, genomeBuild: 'GRCh37' });
    // 21	42843749	BND00000094	C	]15:80623247]C	.	PASS	PRECISE;SVTYPE=BND;…
    expect(at(variantsOf(table), '21', 42843749)[0]).toMatchObject({ alt: ']15:80623247]C', id: 'BND00000094', filter: 'PASS' });
  });

  it.skipIf(!hasTool('bcftools'))('record counts agree with bcftools', async () => {
    for (const name of ['test_mutect.vcf', 'test_strelka.vcf', 'test_varscan.vcf', 'test_delly.vcf']) {
      expect((await readVariantFile(file(`callers/${name}`))).records).toBe(bcftoolsRecordCount(file(`callers/${name}`)));
    }
  });
});

describe.skipIf(!hasSharedVariants)('igv.js VCFs', () => {
  it('bgzip VCF: streamed through gunzip, FORMAT AF read', async () => {
    const table = await readVariantFile(file('igvjs/S4.vcf.gz'));
    expect(table).toMatchObject({ format: 'VCF', records: 58, samples: ['S4'], tumorSample: 'S4', genomeBuild: 'GRCh38' });
    // chr6	151944357	.	G	A	0.06	low_t_alt_frac;t_lod_fstar	…	GT:AD:AF:…	0/1:3349,11:0.003:3362:…
    expect(at(variantsOf(table), 'chr6', 151944357)[0]).toMatchObject({
      vaf: 0.003,
      filter: 'low_t_alt_frac;t_lod_fstar',
      qual: 0.06,
    });
  });

  it('multi-allelic record: one variant per ALT, each with its own SnpEff ANN', async () => {
    const table = await readVariantFile(file('igvjs/multi_allelic.vcf'));
    expect(table.records).toBe(1);
    expect(variantsOf(table)).toHaveLength(3);
    expect(variantsOf(table).map((v) => v.hgvsc)).toEqual([
      'c.5376+55_5376+58delACAC',
      'c.5376+54_5376+55insAC',
      'c.5376+55_5376+60delACACAC',
    ]);
    expect(variantsOf(table).every((v) => v.gene === 'LTN1' && v.consequence === 'intron_variant')).toBe(true);
  });

  it('a VCF with only the two required header lines loads (bcftools reads it too); its HTML IDs stay text', async () => {
    // igv.js calls it "noheader": ##fileformat and #CHROM are there, no INFO/contig lines.
    const table = await readVariantFile(file('igvjs/noheader.vcf'));
    expect(table.records).toBe(3);
    expect(variantsOf(table)[0]!.id).toContain("<a href='https://www.ncbi.nlm.nih.gov/snp/rs1779765'");
  });

  it('a VCF with a header and no records loads empty, with a warning', async () => {
    const table = await readVariantFile(file('igvjs/novariants.vcf.gz'));
    expect(table.records).toBe(0);
    expect(variantsOf(table)).toEqual([]);
    expect(table.warnings).toContain('the file holds no variant records');
  });

  it('gVCF reference blocks are records but not variants; a trailing blank line is a warning', async () => {
    const table = await readVariantFile(file('igvjs/gvcf_non_ref.vcf'));
    expect(table.records).toBe(4);
    expect(variantsOf(table)).toEqual([]);
    expect(table.warnings.some((w) => /^line \d+: blank line skipped$/.test(w))).toBe(true);
  });

  it.skipIf(!hasTool('bcftools'))('record counts agree with bcftools', async () => {
    for (const name of [
      'S4.vcf.gz',
      'cnv.vcf',
      'large_header.vcf',
      'multi_allelic.vcf',
      'noheader.vcf',
      'svtype_BND.vcf',
      'novariants.vcf.gz',
    ]) {
      expect((await readVariantFile(file(`igvjs/${name}`))).records, name).toBe(bcftoolsRecordCount(file(`igvjs/${name}`)));
    }
  });
});

describe.skipIf(!hasSharedVariants)('MAF and SEG', () => {
  it('vcf2maf MAF: VAF from t_alt_count / t_depth', async () => {
    const table = await readVariantFile(file('callers/test.maf'));
    expect(table).toMatchObject({ format: 'MAF', records: 20, samples: ['TUMOR'], tumorSample: 'TUMOR', genomeBuild: 'GRCh37' });
    // MTOR 0 . GRCh37 1 11290179 11290179 + Intron DEL A A - … t_depth=20 t_ref_count=10 t_alt_count=10
    expect(at(variantsOf(table), '1', 11290179)[0]).toMatchObject({
      gene: 'MTOR',
      ref: 'A',
      alt: '-',
      consequence: 'Intron',
      vaf: 0.5,
      depth: 20,
    });
  });

  it('VEP-annotated GRCh38 MAF: HGVS columns, t_ref_count "." tolerated', async () => {
    const table = await readVariantFile(file('callers/test_b38_output.maf'));
    expect(table.genomeBuild).toBe('GRCh38');
    // RUNX1 … 21 34792292 … Missense_Mutation SNP A A C … c.1286T>G p.Leu429Arg p.L429R … t_depth=54 t_ref_count=. t_alt_count=21
    const [variant] = at(variantsOf(table), '21', 34792292);
    expect(variant).toMatchObject({
      gene: 'RUNX1',
      alt: 'C',
      hgvsc: 'c.1286T>G',
      hgvsp: 'p.L429R',
      consequence: 'Missense_Mutation',
      depth: 54,
    });
    expect(variant!.vaf).toBeCloseTo(21 / 54, 6);
  });

  it('TCGA MAF with comment lines and a lower-case Start_position column', async () => {
    const table = await readVariantFile(file('igvjs/tcga_test.maf'));
    expect(table.records).toBe(17);
    // ATG2A 23130 broad.mit.edu 37 11 64679415 64679415 + Missense_Mutation SNP G G A … TCGA-EM-A22P-01A-11D-A19J-08
    expect(at(variantsOf(table), '11', 64679415)[0]).toMatchObject({
      gene: 'ATG2A',
      ref: 'G',
      alt: 'A',
      sample: 'TCGA-EM-A22P-01A-11D-A19J-08',
    });
  });

  it('gzip MAF', async () => {
    const table = await readVariantFile(file('maf-seg/brca.maf.gz'));
    expect(table).toMatchObject({ format: 'MAF', records: 1913, samples: ['TCGA-A8-A08B'] });
  });

  it('SEG files: segments counted, samples and contigs listed', async () => {
    const igv = await readVariantFile(file('igvjs/chr_17_only.seg'));
    expect(igv).toMatchObject({ format: 'SEG', records: 600, contigs: ['17'], columns: { length: 0 } });
    expect(igv.samples.length).toBeGreaterThan(10);
    const tcga = await readVariantFile(file('maf-seg/TCGA.AB.3009.hg19.seg.txt'));
    expect(tcga).toMatchObject({ format: 'SEG', records: 818, samples: ['TCGA-AB-3009'] });
  });
});
