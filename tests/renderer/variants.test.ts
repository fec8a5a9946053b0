import { describe, expect, it } from 'vitest';
import { parseRegion, regionLabel } from '../../renderer/panes/variants/regionText.js';
import {
  chromRank,
  classifyConsequence,
  isPass,
  proteinPosition,
  shortProtein,
} from '../../renderer/panes/variants/consequence.js';

describe('classifyConsequence', () => {
  it('shows the most severe VEP term', () => {
    expect(classifyConsequence('splice_region_variant&missense_variant')).toMatchObject({ label: 'Missense', cls: 'missense' });
    expect(classifyConsequence('stop_gained')).toMatchObject({ label: 'Nonsense', cls: 'truncating' });
    expect(classifyConsequence('frameshift_variant')).toMatchObject({ label: 'Frameshift', cls: 'truncating' });
  });
  it('understands MAF Variant_Classification', () => {
    expect(classifyConsequence('Missense_Mutation').cls).toBe('missense');
    expect(classifyConsequence('Frame_Shift_Del').label).toBe('Frameshift');
    expect(classifyConsequence('Splice_Site').cls).toBe('splice');
    expect(classifyConsequence('Silent').cls).toBe('silent');
  });
  it('keeps unknown terms readable', () => {
    expect(classifyConsequence('mature_miRNA_variant')).toMatchObject({ label: 'Mature miRNA', cls: 'other' });
    expect(classifyConsequence(undefined).label).toBe('—');
  });
});

describe('shortProtein', () => {
  it('writes protein changes the cBioPortal way', () => {
    expect(shortProtein('ENSP00000269305.4:p.Arg175His')).toBe('p.R175H');
    expect(shortProtein('p.(Gly12Asp)')).toBe('p.G12D');
    expect(shortProtein('ENSP1:p.Arg1450Ter')).toBe('p.R1450*');
    expect(shortProtein('ENSP1:p.Gly1286%3D')).toBe('p.G1286=');
    expect(shortProtein(undefined)).toBe('');
  });
  it('sorts by protein position', () => {
    expect(proteinPosition('p.R175H')).toBe(175);
  });
});

describe('chromosomes and filters', () => {
  it('orders chromosomes as a karyotype', () => {
    expect(['chrX', 'chr10', 'chr2', 'chrM', '1'].sort((a, b) => chromRank(a) - chromRank(b))).toEqual([
      '1',
      'chr2',
      'chr10',
      'chrX',
      'chrM',
    ]);
  });
  it('treats PASS and an unset FILTER as passing', () => {
    expect(isPass('PASS')).toBe(true);
    expect(isPass('.')).toBe(true);
    expect(isPass('LowQual')).toBe(false);
  });
});

describe('parseRegion', () => {
  it('reads what users type and igv.js shows', () => {
    expect(parseRegion('chr7:1,000,000-3,000,000')).toEqual({ chrom: 'chr7', start: 1_000_000, end: 3_000_000 });
    expect(parseRegion(' chr7:1000001-3000000 ')).toEqual({ chrom: 'chr7', start: 1_000_001, end: 3_000_000 });
    expect(parseRegion('7:5')).toEqual({ chrom: '7', start: 5, end: 5 });
    expect(parseRegion('chrX')).toEqual({ chrom: 'chrX', start: 1, end: 2 ** 31 });
    expect(regionLabel({ chrom: 'chrX', start: 1, end: 2 ** 31 })).toBe('chrX');
    expect(regionLabel({ chrom: 'chr7', start: 1_000_000, end: 3_000_000 })).toBe('chr7:1,000,000-3,000,000');
  });
  it('says what is wrong with a region it cannot read', () => {
    expect(parseRegion('chr7 from 1 Mb')).toMatch(/chromosome:start-end/);
    expect(parseRegion('chr7:300-200')).toMatch(/ends before it starts/);
    expect(parseRegion('chr7:0-10')).toMatch(/ends before it starts/);
    expect(parseRegion('chr7:1-99999999999')).toMatch(/past the largest position/);
  });
});
