/** The genome view's tracks: variant and alignment files told by content, each with the index beside it. */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CaseSession } from '../../../electron/services/case/caseSession.js';
import { openCase } from '../../../electron/services/case/openCase.js';
import { ServiceError } from '../../../electron/services/errors.js';
import { bgzfCompress } from '../../../electron/services/variants/bgzf.js';
import { findIndex, listGenomeTracks, readRegion } from '../../../electron/services/variants/genomeTracks.js';
import { detectAlignmentFormat } from '../../../electron/services/variants/sniffAlignment.js';
import { generateDemoVariants } from '../../../electron/services/demo/demoVariants.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';

const bamBytes = (): Buffer => bgzfCompress(Buffer.concat([Buffer.from('BAM\x01', 'latin1'), Buffer.alloc(8)])).bytes;
const cramBytes = (): Buffer => Buffer.concat([Buffer.from('CRAM', 'latin1'), Buffer.from([3, 1]), Buffer.alloc(20)]);

describe('alignment files by content', () => {
  it('BAM inside BGZF, CRAM by its magic, nothing else', () => {
    expect(detectAlignmentFormat(bamBytes())).toBe('BAM');
    expect(detectAlignmentFormat(cramBytes())).toBe('CRAM');
    expect(detectAlignmentFormat(bgzfCompress(Buffer.from('##fileformat=VCFv4.2\n')).bytes)).toBeNull();
    expect(detectAlignmentFormat(gzipSync(Buffer.from('BAM\x01')))).toBeNull(); // plain gzip is not BGZF
    expect(detectAlignmentFormat(Buffer.from('CRAM'))).toBeNull();
  });
  it('finds the index beside by both naming habits', () => {
    const names = new Map([
      ['a.vcf.gz.tbi', 'i1'],
      ['reads.bai', 'i2'],
      ['t.cram.crai', 'i3'],
    ]);
    expect(findIndex('a.vcf.gz', 'VCF', names)).toEqual({ indexFileId: 'i1', indexFormat: 'tbi' });
    expect(findIndex('reads.bam', 'BAM', names)).toEqual({ indexFileId: 'i2', indexFormat: 'bai' });
    expect(findIndex('t.cram', 'CRAM', names)).toEqual({ indexFileId: 'i3', indexFormat: 'crai' });
    expect(findIndex('b.vcf.gz', 'VCF', names)).toBeUndefined();
  });
});

describe('tracks of a case folder', () => {
  it('lists variant files and alignments with their indexes; reads regions of the indexed VCF only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'triptych-tracks-'));
    await generateDemoVariants(root);
    mkdirSync(join(root, 'reads'));
    writeFileSync(join(root, 'reads', 'tumor.bam'), bamBytes());
    writeFileSync(join(root, 'reads', 'tumor.bam.bai'), Buffer.from('BAI\x01'));
    writeFileSync(join(root, 'reads', 'tumor.cram'), cramBytes());
    // A reference with its index is a track (the genome); one without, or a non-FASTA .fa, is not.
    writeFileSync(join(root, 'ref.fa'), '>chr1\nACGT\n');
    writeFileSync(join(root, 'ref.fa.fai'), 'chr1\t4\t6\t4\t5\n');
    writeFileSync(join(root, 'lonely.fasta'), '>chr1\nACGT\n');
    writeFileSync(join(root, 'notes.fa'), 'not a sequence\n');
    writeFileSync(join(root, 'notes.fa.fai'), 'chr1\t4\t6\t4\t5\n');
    writeFileSync(join(root, 'cn.seg'), 'ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nS1\t1\t1\t1000\t5\t0.2\n');
    const session = new CaseSession(await openCase(root));
    const tracks = await listGenomeTracks(session);
    const byName = Object.fromEntries(tracks.map((t) => [t.fileName, t]));
    expect(byName['variants/tumor_vs_normal.somatic.vcf']).toMatchObject({ format: 'VCF', bgzipped: false });
    expect(byName['variants/tumor_vs_normal.somatic.vcf']!.indexFileId).toBeUndefined();
    expect(byName['variants/tumor_vs_normal.somatic.vcf.gz']).toMatchObject({
      format: 'VCF',
      bgzipped: true,
      indexFormat: 'tbi',
    });
    expect(byName['reads/tumor.bam']).toMatchObject({ format: 'BAM', indexFormat: 'bai' });
    expect(byName['reads/tumor.cram']).toMatchObject({ format: 'CRAM' });
    expect(byName['ref.fa']).toMatchObject({ format: 'FASTA', indexFormat: 'fai' });
    expect(byName['lonely.fasta']).toBeUndefined();
    expect(byName['notes.fa']).toBeUndefined();
    expect(byName['cn.seg']).toMatchObject({ format: 'SEG' });

    const gz = byName['variants/tumor_vs_normal.somatic.vcf.gz']!;
    const region = await readRegion(session, gz.fileId, { chrom: 'chr4', start: 1801841, end: 1801841 });
    expect(variantsOf(region).map((v) => `${v.gene} ${v.hgvsp}`)).toEqual(['FGFR3 p.S249C']);
    const plain = byName['variants/tumor_vs_normal.somatic.vcf']!;
    const refused = await readRegion(session, plain.fileId, { chrom: 'chr4', start: 1, end: 2 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceError);
    expect((refused as ServiceError).code).toBe('UNSUPPORTED');
    await session.close();
  });
});
