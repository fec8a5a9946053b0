import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseSession } from '../../../electron/services/case/caseSession.js';
import { openCase } from '../../../electron/services/case/openCase.js';
import { ServiceError } from '../../../electron/services/errors.js';
import { bgzfCompress } from '../../../electron/services/variants/bgzf.js';
import { seriesUID, writeInstance } from '../slides/fixtures/slideFixtures.js';

const VCF = '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t100\t.\tA\tC\t.\tPASS\t.\n';
const CTDNA = 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n';

async function caseFolder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'triptych-case-'));
  mkdirSync(join(dir, 'slides'));
  const series = seriesUID('case-test');
  await writeInstance(join(dir, 'slides'), series, { fileName: 'level0', width: 64, height: 64, tileWidth: 32, tileHeight: 32 });
  await writeInstance(join(dir, 'slides'), series, { fileName: 'label.bin', kind: 'LABEL', width: 16, height: 16 });
  writeFileSync(join(dir, 'calls.txt'), VCF); // a VCF whatever its name says
  writeFileSync(join(dir, 'calls.txt.tbi'), 'index');
  writeFileSync(join(dir, 'plasma.csv'), CTDNA);
  writeFileSync(join(dir, 'README'), 'notes about the case');
  writeFileSync(join(dir, '.hidden.vcf'), VCF);
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ title: 'Case 7', patient: { id: 'P7', name: 'DOE^JANE' } }));
  return dir;
}

describe('opening a case folder', () => {
  it('recognizes files by content, not by name, and groups slide files into one slide', async () => {
    const dir = await caseFolder();
    const { summary } = await openCase(dir);
    const kinds = Object.fromEntries(summary.files.map((f) => [f.name, f.kind]));
    expect(kinds).toEqual({
      README: 'unknown',
      'calls.txt': 'variants',
      'calls.txt.tbi': 'index',
      'case.json': 'case-json',
      'plasma.csv': 'ctdna',
      'slides/label.bin': 'slide',
      'slides/level0': 'slide',
    });
    expect(summary.slides).toHaveLength(1);
    expect(summary.slides[0].fileIds).toHaveLength(2);
    expect(summary.title).toBe('Case 7');
    expect(summary.patient).toEqual({ id: 'P7', name: 'DOE^JANE' });
    expect(summary.variantFileIds).toHaveLength(1);
    expect(summary.ctdnaFileIds).toHaveLength(1);
  });

  it('recognizes BAM (inside BGZF) and CRAM alignments by their magic, with their indexes', async () => {
    const dir = await caseFolder();
    writeFileSync(
      join(dir, 'tumor.reads'),
      bgzfCompress(Buffer.concat([Buffer.from('BAM\x01', 'latin1'), Buffer.alloc(8)])).bytes,
    );
    writeFileSync(join(dir, 'tumor.reads.bai'), 'index');
    writeFileSync(
      join(dir, 'normal.cram'),
      Buffer.concat([Buffer.from('CRAM', 'latin1'), Buffer.from([3, 0]), Buffer.alloc(20)]),
    );
    const kinds = Object.fromEntries((await openCase(dir)).summary.files.map((f) => [f.name, f.kind]));
    expect(kinds).toMatchObject({ 'tumor.reads': 'alignments', 'tumor.reads.bai': 'index', 'normal.cram': 'alignments' });
  });

  it('gives stable ids that are not paths', async () => {
    const dir = await caseFolder();
    const first = await openCase(dir);
    const second = await openCase(dir);
    expect(second.summary.files.map((f) => f.id)).toEqual(first.summary.files.map((f) => f.id));
    for (const file of first.summary.files) expect(file.id).toMatch(/^f[\w-]{16}$/);
  });

  it('leaves out links, which could lead out of the folder', async () => {
    const dir = await caseFolder();
    const outside = mkdtempSync(join(tmpdir(), 'triptych-outside-'));
    writeFileSync(join(outside, 'secret.vcf'), VCF);
    symlinkSync(join(outside, 'secret.vcf'), join(dir, 'linked.vcf'));
    symlinkSync(outside, join(dir, 'linked-folder'));
    const { summary, paths } = await openCase(dir);
    expect(summary.files.map((f) => f.name)).not.toContain('linked.vcf');
    expect([...paths.values()].some((p) => p.startsWith(outside))).toBe(false);
  });

  it('keeps a broken DICOM file as a slide whose opening names the file and the reason', async () => {
    const dir = await caseFolder();
    const broken = Buffer.alloc(200);
    broken.write('DICM', 128, 'latin1');
    writeFileSync(join(dir, 'broken.dcm'), broken);
    const index = await openCase(dir);
    const slide = index.summary.slides.find((s) => s.name === 'broken.dcm');
    expect(slide).toBeDefined();
    const session = new CaseSession(index);
    const error = await session.slideInfo(slide!.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('BAD_FILE');
    expect((error as ServiceError).file).toContain('broken.dcm');
    // The good slide still opens.
    const good = index.summary.slides.find((s) => s.name !== 'broken.dcm')!;
    expect((await session.slideInfo(good.id)).levels[0].width).toBe(64);
    await session.close();
  });

  it('reports a damaged case.json as a warning and still opens the case', async () => {
    const dir = await caseFolder();
    writeFileSync(join(dir, 'case.json'), '{"patient": {"id": 7}}');
    const { summary } = await openCase(dir);
    expect(summary.warnings.join('\n')).toMatch(/case\.json: patient\.id/);
    expect(summary.files.length).toBeGreaterThan(3);
  });

  it('opens a single file as a case of its own', async () => {
    const dir = await caseFolder();
    const { summary } = await openCase(join(dir, 'calls.txt'));
    expect(summary.files.map((f) => f.name)).toEqual(['calls.txt']);
  });

  it('says clearly when the path does not exist', async () => {
    await expect(openCase(join(tmpdir(), 'no-such-case-folder'))).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: 'no such file or folder',
    });
  });
});

describe('the genome build of a case', () => {
  const vcfOn = (build: string) =>
    `##fileformat=VCFv4.2\n##reference=${build}\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t100\t.\tA\tC\t.\tPASS\t.\n`;
  const vcfWithContig = (length: number) =>
    `##fileformat=VCFv4.2\n##contig=<ID=chr1,length=${length}>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t100\t.\tA\tC\t.\tPASS\t.\n`;
  const maf = (build: string) =>
    `#version 2.4\nHugo_Symbol\tChromosome\tStart_Position\tNCBI_Build\tReference_Allele\tTumor_Seq_Allele2\nTP53\t17\t7675088\t${build}\tC\tT\n`;
  const folder = (files: Record<string, string | Buffer>) => {
    const dir = mkdtempSync(join(tmpdir(), 'triptych-build-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('says which variant file is on another build than case.json, by name, contig length or MAF column', async () => {
    const dir = folder({
      'case.json': JSON.stringify({ genomeBuild: 'GRCh38' }),
      'ok.vcf': vcfOn('GRCh38'),
      'hg19.vcf': vcfOn('hg19'),
      'b37-contigs.vcf.gz': bgzfCompress(Buffer.from(vcfWithContig(249250621))).bytes,
      'calls.maf': maf('37'),
      'unnamed.vcf': VCF,
    });
    const { summary } = await openCase(dir);
    expect(summary.genomeBuild).toBe('GRCh38');
    expect(summary.warnings.filter((w) => w.includes('genome') || w.includes('GRCh')).sort()).toEqual([
      'Variant file "b37-contigs.vcf.gz" is on GRCh37, not GRCh38 as case.json says.',
      'Variant file "calls.maf" is on GRCh37, not GRCh38 as case.json says.',
      'Variant file "hg19.vcf" is on GRCh37, not GRCh38 as case.json says.',
    ]);
  });

  it('takes the build the files agree on without case.json, and says when they disagree', async () => {
    const agreed = await openCase(folder({ 'a.vcf': vcfOn('GRCh37'), 'b.maf': maf('GRCh37'), 'c.vcf': VCF }));
    expect(agreed.summary.genomeBuild).toBe('GRCh37');
    expect(agreed.summary.warnings).toEqual([]);

    const mixed = await openCase(folder({ 'a.vcf': vcfOn('GRCh37'), 'b.vcf': vcfWithContig(248956422) }));
    expect(mixed.summary.genomeBuild).toBeUndefined();
    expect(mixed.summary.warnings).toEqual([
      'The variant files are on different genome builds: "a.vcf" (GRCh37), "b.vcf" (GRCh38).',
    ]);
  });
});
