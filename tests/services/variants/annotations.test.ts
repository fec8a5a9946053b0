/** VEP CSQ / SnpEff ANN picking, protein notation, tumor sample choice, VAF sources, genome build. */
import { describe, expect, it } from 'vitest';
import { buildFromContig, buildFromName } from '../../../electron/services/variants/genomeBuild.js';
import { longProteinChange, shortProteinChange } from '../../../electron/services/variants/proteinChange.js';
import { readVariantFile } from '../../../electron/services/variants/readVariantFile.js';
import { alleleFraction, readDepth } from '../../../electron/services/variants/vcf/alleleFraction.js';
import { annotationLayout, pickAnnotation } from '../../../electron/services/variants/vcf/annotations.js';
import { pickTumorSample } from '../../../electron/services/variants/vcf/tumorSample.js';
import { tempFolder } from './tempFiles.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';

const write = tempFolder('annotations');

const VEP_FIELDS = 'Allele|Consequence|IMPACT|SYMBOL|Feature|HGVSc|HGVSp|CANONICAL';
const vepLayout = annotationLayout(() => `Consequence annotations from Ensembl VEP. Format: ${VEP_FIELDS}`)!;

describe('annotations', () => {
  it('reads the field list of VEP and SnpEff descriptions', () => {
    expect(vepLayout).toMatchObject({ key: 'CSQ', fields: VEP_FIELDS.split('|'), at: { allele: 0, gene: 3, canonical: 7 } });
    const snpEff = annotationLayout((key) =>
      key === 'ANN' ? "Functional annotations: 'Allele | Annotation | Gene_Name | HGVS.c | HGVS.p'" : undefined,
    );
    expect(snpEff).toMatchObject({
      key: 'ANN',
      fields: ['Allele', 'Annotation', 'Gene_Name', 'HGVS.c', 'HGVS.p'],
      at: { gene: 2, hgvsp: 4, canonical: -1 },
    });
  });

  it('prefers the canonical transcript, takes the first consequence term, shortens HGVS', () => {
    const csq = [
      'T|intron_variant|MODIFIER|TP53|ENST00000420246|ENST00000420246.6:c.672+1G>A||',
      'T|missense_variant&splice_region_variant|MODERATE|TP53|ENST00000269305|ENST00000269305.9:c.743G>A|ENSP00000269305.4:p.Arg248Gln|YES',
    ];
    expect(pickAnnotation(csq, vepLayout, 'C', ['T'], 'T')).toEqual({
      gene: 'TP53',
      consequence: 'missense_variant',
      hgvsc: 'c.743G>A',
      hgvsp: 'p.R248Q',
    });
  });

  it('matches each ALT of a multi-allelic record, VEP naming a deletion "-"', () => {
    const csq = [
      '-|frameshift_variant|HIGH|ARID1A|ENST1|c.1del|p.Gln1fs|YES',
      'TC|frameshift_variant|HIGH|ARID1A|ENST1|c.1dup|p.Gln1ProfsTer5|YES',
    ];
    expect(pickAnnotation(csq, vepLayout, 'AT', ['A', 'ATC'], 'A').hgvsc).toBe('c.1del');
    expect(pickAnnotation(csq, vepLayout, 'AT', ['A', 'ATC'], 'ATC').hgvsp).toBe('p.Q1Pfs*5');
  });

  it('falls back to all entries when no allele matches, and to nothing without a value', () => {
    expect(pickAnnotation(['G|stop_gained|HIGH|KDM6A|E|c.1C>T|p.Gln555Ter|'], vepLayout, 'C', ['T'], 'T').hgvsp).toBe('p.Q555*');
    expect(pickAnnotation(undefined, vepLayout, 'C', ['T'], 'T')).toEqual({});
  });

  it('reads a VEP-annotated tumor/normal VCF end to end (percent-encoded "=" included)', async () => {
    const vcf = [
      '##fileformat=VCFv4.2',
      '##contig=<ID=chr1,length=248956422>',
      `##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: ${VEP_FIELDS}">`,
      '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP7_T\tP7_N',
      'chr1\t1000\trs1\tG\tA\t50\tPASS\tCSQ=A|synonymous_variant|LOW|GENE1|ENST2|ENST2.1:c.3G>A|ENSP2.1:p.Leu1%3D|YES\tAD:DP\t30,10:41\t20,0:20',
    ].join('\n');
    const table = await readVariantFile(write('vep.vcf', vcf));
    expect(table).toMatchObject({ genomeBuild: 'GRCh38', tumorSample: 'P7_T', samples: ['P7_T', 'P7_N'] });
    expect(variantsOf(table)[0]).toMatchObject({
      gene: 'GENE1',
      hgvsp: 'p.L1=',
      vaf: 0.25,
      depth: 41,
      id: 'rs1',
      qual: 50,
      sample: 'P7_T',
    });
  });

  it('takes the gene from INFO GENE when there is no CSQ/ANN', async () => {
    const vcf = '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\t.\tGENE=BRCA2;DP=3\n';
    expect(variantsOf(await readVariantFile(write('gene.vcf', vcf)))[0]).toMatchObject({ gene: 'BRCA2', filter: '.' });
  });
});

describe('protein changes', () => {
  it.each([
    ['ENSP00000269305.4:p.Arg248Gln', 'p.R248Q'],
    ['p.Arg213Ter', 'p.R213*'],
    ['p.(Gly12Asp)', 'p.(G12D)'],
    ['p.Lys224AsnfsTer19', 'p.K224Nfs*19'],
    ['p.L429R', 'p.L429R'],
  ])('%s -> %s', (long, short) => expect(shortProteinChange(long)).toBe(short));

  it('writes the long form from the hotspot table', () => {
    expect(longProteinChange('Q555*')).toBe('p.Gln555Ter');
  });
});

describe('tumor sample', () => {
  it.each<[string[], string | undefined, string | undefined]>([
    [['NORMAL', 'TUMOR'], undefined, 'TUMOR'],
    [['TUMOR', 'NORMAL'], undefined, 'TUMOR'],
    [['a', 'b'], 'a', 'a'],
    [['a', 'b'], 'missing', 'b'],
    [['S1_N', 'S1_T'], undefined, 'S1_T'],
    [['T1', 'N1'], undefined, 'T1'],
    [['TCGA-AB-1234-01A', 'TCGA-AB-1234-10A'], undefined, 'TCGA-AB-1234-01A'],
    [['TCGA-AB-1234-10A', 'TCGA-AB-1234-01A'], undefined, 'TCGA-AB-1234-01A'],
    [['sample_tumour', 'blood'], undefined, 'sample_tumour'],
    [['NA00001', 'NA00002'], undefined, 'NA00002'],
    [[], undefined, undefined],
  ])('%j (declared %s) -> %s', (samples, declared, expected) => expect(pickTumorSample(samples, declared)).toBe(expected));
});

describe('allele fraction and depth', () => {
  it('AF first, per ALT', () => expect(alleleFraction({ AF: '0.1,0.3', AD: '10,1,3' }, 1, 2, 'A', 'G')).toBe(0.3));
  it('AD when it lists REF and every ALT', () => expect(alleleFraction({ AD: '10,1,9' }, 1, 2, 'A', 'G')).toBe(0.45));
  it('not an ALT-only AD', () => expect(alleleFraction({ AD: '35', FREQ: '38.46%' }, 0, 1, 'A', 'G')).toBeCloseTo(0.3846));
  it('Strelka tier-1 counts', () => expect(alleleFraction({ CU: '30,31', TU: '10,12' }, 0, 1, 'C', 'T')).toBe(0.25));
  it('nothing usable', () => expect(alleleFraction({ AF: '.', AD: 'x,y' }, 0, 1, 'C', 'T')).toBeUndefined());
  it('depth from DP, else the sum of AD', () => {
    expect(readDepth({ DP: '40', AD: '1,1' }, 1)).toBe(40);
    expect(readDepth({ AD: '30,10' }, 1)).toBe(40);
  });
});

describe('genome build', () => {
  it('from chromosome 1 length', () => {
    expect(buildFromContig('chr1', 248956422)).toBe('GRCh38');
    expect(buildFromContig('1', 249250621)).toBe('GRCh37');
    expect(buildFromContig('chr2', 248956422)).toBeUndefined();
  });
  it.each([
    ['file:///data/Homo_sapiens_assembly38.fasta', 'GRCh38'],
    ['Homo_sapiens_assembly19.fasta', 'GRCh37'],
    ['/ifs/depot/assemblies/H.sapiens/b37/b37.fasta', 'GRCh37'],
    ['hg19.fa', 'GRCh37'],
    ['GRCh38', 'GRCh38'],
    ['38', 'GRCh38'],
    ['GRCh37-lite', 'GRCh37'],
  ])('from the name %s', (name, build) => expect(buildFromName(name)).toBe(build));
});
