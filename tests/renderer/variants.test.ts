import { describe, expect, it } from 'vitest';
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
