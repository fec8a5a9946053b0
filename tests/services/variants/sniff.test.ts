/** File-kind detection: the format from the first KBs of content, whatever the file is called. */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniffVariantFormat } from '../../../electron/services/variants/readVariantFile.js';
import { detectVariantFormat } from '../../../electron/services/variants/sniffVariantFormat.js';
import { tempFolder } from './tempFiles.js';
import { hasSharedVariants, SHARED_VARIANTS, skipNote } from './testdata.js';

const write = tempFolder('sniff');

describe('detectVariantFormat', () => {
  it.each([
    ['##fileformat=VCFv4.3\n#CHROM\tPOS', 'VCF'],
    ['\uFEFF##fileformat=VCFv4.1\n', 'VCF'],
    ['#version 2.4\nHugo_Symbol\tChromosome\tStart_Position\tEnd_Position\n', 'MAF'],
    ['ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\n', 'SEG'],
    ['Sample\tChromosome\tStart\tEnd\tNum_Probes\tSegment_Mean\r\n', 'SEG'],
    ['date,value,unit,status\n', null],
    ['#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n', null],
    ['', null],
  ])('%j -> %s', (head, format) => expect(detectVariantFormat(head)).toBe(format));
});

describe('sniffVariantFormat', () => {
  it('looks inside gzip, whatever the name', async () => {
    expect(await sniffVariantFormat(write('calls.txt', gzipSync('##fileformat=VCFv4.2\n')))).toBe('VCF');
    expect(await sniffVariantFormat(write('calls.bin', gzipSync('Hugo_Symbol\tChromosome\tStart_Position\n')))).toBe('MAF');
  });

  it('says null for other files, broken gzip and missing files', async () => {
    expect(await sniffVariantFormat(write('notes.vcf', 'hello\n'))).toBeNull();
    expect(await sniffVariantFormat(write('broken.vcf.gz', Buffer.from([0x1f, 0x8b, 0, 0, 1, 2, 3])))).toBeNull();
    expect(await sniffVariantFormat('/nonexistent/triptych.vcf')).toBeNull();
  });

  it.skipIf(!hasSharedVariants)('recognizes the shared test files; index files are none', async () => {
    const expected: Array<[string, string | null]> = [
      ['igvjs/S4.vcf.gz', 'VCF'],
      ['igvjs/S4.vcf.gz.tbi', null],
      ['maf-seg/brca.maf.gz', 'MAF'],
      ['igvjs/tcga_test.maf', 'MAF'],
      ['igvjs/chr_17_only.seg', 'SEG'],
      ['maf-seg/TCGA.AB.3009.hg19.seg.txt', 'SEG'],
      ['callers/LICENSE-vcf2maf', null],
    ];
    for (const [name, format] of expected) expect(await sniffVariantFormat(join(SHARED_VARIANTS, name)), name).toBe(format);
  });
});

if (!hasSharedVariants) skipNote(`${SHARED_VARIANTS} is absent: sniffing of the shared files is skipped`);
