/** The demo case's variant, ctDNA and case.json files: deterministic, valid, and telling the story. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCtdnaFile, mergeCtdnaSeries } from '../../../electron/services/ctdna/readCtdnaFile.js';
import { generateDemoCaseJson } from '../../../electron/services/demo/demoCaseJson.js';
import { generateDemoCtdna } from '../../../electron/services/demo/demoCtdna.js';
import { generateDemoVariants } from '../../../electron/services/demo/demoVariants.js';
import { readVariantFile } from '../../../electron/services/variants/readVariantFile.js';
import { bcftoolsRecordCount, hasTool, skipNote } from '../variants/testdata.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';

async function generateAll(): Promise<{ dir: string; variants: string[]; ctdna: string[]; caseJson: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'triptych-demo-'));
  return {
    dir,
    variants: await generateDemoVariants(dir),
    ctdna: await generateDemoCtdna(dir),
    caseJson: await generateDemoCaseJson(dir),
  };
}

const filesOf = (dir: string): Map<string, Buffer> =>
  new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(dir, path), readFileSync(path)];
      }),
  );

let first: Awaited<ReturnType<typeof generateAll>>;
beforeAll(async () => {
  first = await generateAll();
});

const withBcftools = hasTool('bcftools');
const withTabix = hasTool('tabix');
if (!withBcftools) skipNote('bcftools is not installed: the demo VCF is not checked with it');
if (!withTabix) skipNote('tabix is not installed: the demo index is not queried with it');

describe('demo generators', () => {
  it('write the expected files, byte for byte the same on a second run', async () => {
    const second = await generateAll();
    const a = filesOf(first.dir);
    const b = filesOf(second.dir);
    expect([...a.keys()].sort()).toEqual([
      'case.json',
      'ctdna/events.csv',
      'ctdna/results.csv',
      'variants/tumor_vs_normal.somatic.vcf',
      'variants/tumor_vs_normal.somatic.vcf.gz',
      'variants/tumor_vs_normal.somatic.vcf.gz.tbi',
    ]);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);
  });

  it('return the paths they wrote', () => {
    expect(first.variants.map((p) => relative(first.dir, p))).toEqual([
      'variants/tumor_vs_normal.somatic.vcf',
      'variants/tumor_vs_normal.somatic.vcf.gz',
      'variants/tumor_vs_normal.somatic.vcf.gz.tbi',
    ]);
    expect(first.ctdna.map((p) => relative(first.dir, p))).toEqual(['ctdna/results.csv', 'ctdna/events.csv']);
    expect(relative(first.dir, first.caseJson)).toBe('case.json');
  });
});

describe('demo VCF', () => {
  const vcf = (): string => first.variants[0]!;

  it('has the header a GRCh38 tumor/normal somatic VCF needs', () => {
    const header = readFileSync(vcf(), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('#'));
    expect(header[0]).toBe('##fileformat=VCFv4.2');
    expect(header).toContain('##reference=GRCh38');
    expect(header).toContain('##tumor_sample=TUMOR');
    expect(header).toContain('##normal_sample=NORMAL');
    expect(header).toContain('##contig=<ID=chr1,length=248956422,assembly=GRCh38>');
    expect(header.filter((line) => line.startsWith('##contig='))).toHaveLength(24);
    expect(header.some((line) => line.startsWith('##INFO=<ID=CSQ,') && line.includes('Format: Allele|Consequence|'))).toBe(true);
    expect(header.at(-1)).toBe('#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR');
  });

  it.skipIf(!withBcftools)('passes bcftools view with the record count the reader gives', async () => {
    const check = spawnSync('bcftools', ['view', '-H', vcf()], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const table = await readVariantFile(vcf());
    expect(table.records).toBe(bcftoolsRecordCount(vcf()));
    expect(table.records).toBe(50);
  });

  it('reads back with drivers, VAFs, filters and the multi-allelic record', async () => {
    const table = await readVariantFile(vcf());
    expect(table).toMatchObject({
      format: 'VCF',
      genomeBuild: 'GRCh38',
      samples: ['NORMAL', 'TUMOR'],
      tumorSample: 'TUMOR',
      warnings: [],
    });
    const byChange = new Map(variantsOf(table).map((v) => [`${v.gene} ${v.hgvsp}`, v]));
    const expectDriver = (key: string, pos: number, vaf: number, hgvsc: string): void => {
      const variant = byChange.get(key);
      expect(variant, key).toMatchObject({ pos, filter: 'PASS', hgvsc, sample: 'TUMOR' });
      expect(variant!.vaf).toBeCloseTo(vaf, 2);
    };
    expectDriver('FGFR3 p.S249C', 1801841, 0.41, 'c.746C>G');
    expectDriver('TP53 p.R248Q', 7674220, 0.37, 'c.743G>A');
    expectDriver('TP53 p.R273H', 7673802, 0.08, 'c.818G>A');
    expectDriver('PIK3CA p.E545K', 179218303, 0.22, 'c.1633G>A');
    expectDriver('KDM6A p.Q555*', 45063557, 0.58, 'c.1663C>T');
    expectDriver('ERBB2 p.S310F', 39711955, 0.18, 'c.929C>T');
    expectDriver('ARID1A p.R1276*', 26773456, 0.29, 'c.3826C>T');
    expect(byChange.get('KDM6A p.Q555*')!.consequence).toBe('stop_gained');

    const crebbp = variantsOf(table).filter((v) => v.gene === 'CREBBP');
    expect(crebbp.map((v) => [v.alt, v.hgvsp, v.vaf])).toEqual([
      ['A', 'p.D1435Y', 0.107],
      ['T', 'p.D1435N', 0.065],
    ]);

    const filters = new Set(variantsOf(table).map((v) => v.filter));
    expect([...filters].sort()).toEqual(['PASS', 'germline_risk', 'strand_bias', 'weak_evidence']);
    const vafs = variantsOf(table).map((v) => v.vaf!);
    expect(Math.min(...vafs)).toBeLessThan(0.05);
    expect(Math.max(...vafs)).toBeGreaterThan(0.5);
    expect(variantsOf(table).every((v) => v.depth! >= 60 && v.gene !== undefined && v.hgvsp !== undefined)).toBe(true);
  });

  it('its bgzip copy holds the same text and reads the same', async () => {
    const [plain, gz] = first.variants;
    expect(gunzipSync(readFileSync(gz!)).equals(readFileSync(plain!))).toBe(true);
    const [a, b] = await Promise.all([readVariantFile(plain!), readVariantFile(gz!)]);
    expect(b).toEqual(a);
  });

  it.skipIf(!withTabix)('its tabix index answers region queries', () => {
    const gz = first.variants[1]!;
    const query = (region: string): string[] =>
      spawnSync('tabix', [gz, region], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t').slice(0, 2).join(':'));
    expect(query('chr17:7670000-7680000')).toEqual(['chr17:7673802', 'chr17:7674220']);
    expect(query('chr4:1801841-1801841')).toEqual(['chr4:1801841']);
    expect(query('chr16')).toEqual(['chr16:3738650']);
    expect(query('chrY')).toEqual([]);
    expect(spawnSync('tabix', ['-l', gz], { encoding: 'utf8' }).stdout.split('\n')).toContain('chrX');
    const all = spawnSync(
      'tabix',
      [
        gz,
        'chr1',
        'chr2',
        'chr3',
        'chr4',
        'chr5',
        'chr7',
        'chr8',
        'chr9',
        'chr10',
        'chr11',
        'chr12',
        'chr13',
        'chr14',
        'chr16',
        'chr17',
        'chr19',
        'chr22',
        'chrX',
      ],
      { encoding: 'utf8' },
    )
      .stdout.split('\n')
      .filter(Boolean);
    expect(all).toHaveLength(50);
  });
});

describe('demo ctDNA', () => {
  it('reads back without warnings, in one unit, tracking 16 variants', async () => {
    const series = mergeCtdnaSeries(await Promise.all(first.ctdna.map((path) => readCtdnaFile(path))));
    expect(series.warnings).toEqual([]);
    expect(new Set(series.points.map((p) => p.unit))).toEqual(new Set(['MTM/mL']));
    expect(series.points.every((p) => p.variantsTracked === 16 && p.lod === 0.01)).toBe(true);
    expect(series.points[0]).toMatchObject({ date: '2025-01-21', status: 'DETECTED', value: 48.2, variantsDetected: 14 });
    expect(series.points.map((p) => p.status)).toContain('QNS');
    expect(series.points.map((p) => p.status)).toContain('INDETERMINATE');
  });

  it('tells the story: cleared after cystectomy, positive again before CT shows progression', async () => {
    const { points, events } = mergeCtdnaSeries(await Promise.all(first.ctdna.map((path) => readCtdnaFile(path))));
    const surgery = events.find((e) => e.type === 'surgery')!;
    const progression = events.find((e) => e.type === 'imaging' && e.result?.startsWith('progression'))!;
    expect(surgery).toMatchObject({ label: expect.stringMatching(/cystectomy/i), start: '2025-05-06' });
    expect(progression).toMatchObject({ start: '2026-03-03', result: 'progression: new pelvic nodes' });
    expect(events.find((e) => e.type === 'diagnosis')).toMatchObject({
      start: '2025-01-08',
      label: expect.stringMatching(/TURBT/),
    });
    expect(events.filter((e) => e.type === 'treatment').map((e) => e.start)).toEqual(['2025-01-27', '2025-06-16']);

    const preSurgery = points.filter((p) => p.date < surgery.start);
    expect(preSurgery.every((p) => p.status === 'DETECTED')).toBe(true);
    expect(preSurgery.map((p) => p.value)).toEqual([...preSurgery.map((p) => p.value)].sort((a, b) => b! - a!));
    const afterSurgery = points.filter((p) => p.date > surgery.start);
    expect(afterSurgery[0]).toMatchObject({ status: 'NOT_DETECTED', value: null });
    const relapse = afterSurgery.find((p) => p.status === 'DETECTED')!;
    expect(relapse).toMatchObject({ date: '2025-11-04', value: 0.08 });
    expect(relapse.date < progression.start).toBe(true);
    const earlierCts = events.filter((e) => e.type === 'imaging' && e.start > surgery.start && e.start < progression.start);
    expect(earlierCts.map((e) => e.result)).toEqual(['NED', 'NED']);
    expect(afterSurgery.filter((p) => p.status === 'DETECTED' && p.date < progression.start).map((p) => p.value)).toEqual([
      0.08, 0.9, 6.4, 17.9,
    ]);
  });
});

describe('demo case.json', () => {
  it('names the synthetic patient and lists tissue and every plasma draw', async () => {
    const json = JSON.parse(readFileSync(first.caseJson, 'utf8'));
    expect(json.patient).toEqual({
      id: 'TRIPTYCH-DEMO-0001',
      name: 'DEMO^SYNTHETIC',
      sex: 'F',
      birthDate: '1958-03-14',
      diagnosis: 'Muscle-invasive urothelial carcinoma of the bladder',
      diagnosisDate: '2025-01-08',
    });
    expect(json.title).toBe('Synthetic demo — bladder cancer');
    const tissue = json.specimens.filter((s: { type: string }) => s.type === 'tissue');
    expect(tissue.map((s: { collected: string }) => s.collected)).toEqual(['2025-01-08', '2025-05-06']);
    const series = await readCtdnaFile(first.ctdna[0]!);
    const plasmaIds = json.specimens.filter((s: { type: string }) => s.type === 'plasma').map((s: { id: string }) => s.id);
    expect(plasmaIds).toEqual(series.points.map((p) => p.specimenId));
  });
});

describe('demo case.json against the published schema', () => {
  it('is valid and links the TURBT specimen to the slide and the VCF', async () => {
    const { readCaseJson } = await import('../../../electron/services/case/caseJson.js');
    const { value, warnings } = await readCaseJson(first.caseJson, 'case.json');
    expect(warnings).toEqual([]);
    const turbt = value.specimens!.find((s) => s.id === 'TS-25-0108-A1')!;
    expect(turbt.slides).toEqual(['slides']);
    expect(turbt.variantFiles).toEqual(['variants/tumor_vs_normal.somatic.vcf.gz']);
  });
});
