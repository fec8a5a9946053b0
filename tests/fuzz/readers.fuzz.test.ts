/**
 * Every reader, fed generated mutations of a valid file, ends in a result or a typed error
 * (ServiceError): never another exception, never a hang. A short run here; `npm run fuzz` runs
 * long (FUZZ_RUNS).
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCaseJson } from '../../electron/services/case/caseJson.js';
import { readCtdnaFile } from '../../electron/services/ctdna/readCtdnaFile.js';
import { ServiceError } from '../../electron/services/errors.js';
import { openDicomSlide } from '../../electron/services/slides/dicom/index.js';
import { readVariantFile } from '../../electron/services/variants/readVariantFile.js';
import { storyBundle, storyJson, storyTimeline } from '../services/ctdna/fixtures.js';
import { seriesUID, writeInstance } from '../services/slides/fixtures/slideFixtures.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** A reader that takes longer than this on a file of a few kB has hung. */
const DEADLINE_MS = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'triptych-fuzz-'));
let counter = 0;

/** Mutations a damaged or hostile file shows: flipped bytes, cut short, spliced, huge lengths. */
const mutation = (seed: Uint8Array) =>
  fc.oneof(
    fc
      .array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 })
      .map((flips) => {
        const out = Uint8Array.from(seed);
        for (const [at, value] of flips) out[at] = value;
        return out;
      }),
    fc.nat(seed.length).map((cut) => seed.subarray(0, cut)),
    fc
      .tuple(fc.nat(seed.length), fc.uint8Array({ maxLength: 64 }))
      .map(([at, bytes]) => concat(seed.subarray(0, at), bytes, seed.subarray(at))),
    fc
      .tuple(fc.nat(Math.max(0, seed.length - 4)), fc.constantFrom(0xffffffff, 0x7fffffff, 0xfffffffe, 0x10000000))
      .map(([at, length]) => {
        const out = Uint8Array.from(seed);
        new DataView(out.buffer).setUint32(at, length, true);
        return out;
      }),
  );

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function withinDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DEADLINE_MS} ms: the reader hung`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The property: the reader answers, or throws a ServiceError. */
async function fuzz(seed: Uint8Array, name: string, read: (path: string) => Promise<unknown>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(mutation(seed), async (bytes) => {
      const path = join(dir, `${counter++}-${name}`);
      writeFileSync(path, bytes);
      try {
        await withinDeadline(read(path));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        expect(error.message.length).toBeGreaterThan(0);
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261129) },
  );
}

const VCF = `##fileformat=VCFv4.2
##reference=GRCh38
##contig=<ID=chr4,length=190214555>
##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|HGVSc|HGVSp">
##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
##tumor_sample=TUMOR
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR
chr4\t1801841\t.\tC\tG\t50\tPASS\tCSQ=G|missense_variant|MODERATE|FGFR3|c.746C>G|p.Ser249Cys\tAD:DP\t40,0:40\t20,18:38
chr4\t1803564\t.\tA\tT,C\t50\tweak_evidence\t.\tAD:DP\t30,0,0:30\t20,5,3:28
`;
const MAF = `#version 2.4
Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tReference_Allele\tTumor_Seq_Allele2\tVariant_Classification\tHGVSp_Short\tt_ref_count\tt_alt_count\tTumor_Sample_Barcode
FGFR3\tchr4\t1801841\t1801841\tC\tG\tMissense_Mutation\tp.S249C\t20\t18\tTUMOR-01
TP53\tchr17\t7674220\t7674220\tC\tT\tMissense_Mutation\tp.R248Q\t30\t10\tTUMOR-01
`;
const SEG = `ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean
TUMOR\t1\t10000\t2000000\t120\t0.45
TUMOR\t4\t1000\t1900000\t80\t-0.8
`;
const CTDNA = `date,value,unit,status,lod,variants_detected,variants_tracked
2025-01-08,48.2,MTM/mL,DETECTED,0.01,14,16
2025-06-02,,MTM/mL,NOT_DETECTED,0.01,0,16
2025-11-04,0.08,MTM/mL,DETECTED,0.01,2,16
`;
const CASE_JSON = JSON.stringify({ title: 'Case', patient: { id: 'P1', name: 'DOE^JANE', birthDate: '1960-01-01' } });

const text = (s: string) => new TextEncoder().encode(s);

describe('readers under mutated input', () => {
  let dicom: Uint8Array;
  beforeAll(async () => {
    const written = await writeInstance(dir, seriesUID('fuzz'), {
      fileName: 'seed.dcm',
      width: 64,
      height: 48,
      tileWidth: 32,
      tileHeight: 32,
    });
    dicom = readFileSync(written.path);
  });

  it('DICOM slide: open, then read every tile', async () => {
    await fuzz(dicom, 'slide.dcm', async (path) => {
      const slide = await openDicomSlide([path]);
      try {
        for (const level of slide.describe().levels) {
          for (let row = 0; row < level.rows; row++)
            for (let col = 0; col < level.columns; col++) await slide.readTile(level.index, col, row);
        }
      } finally {
        await slide.close();
      }
    });
  }, 120_000);

  it('VCF, plain and gzip', async () => {
    await fuzz(text(VCF), 'v.vcf', readVariantFile);
    await fuzz(gzipSync(text(VCF)), 'v.vcf.gz', readVariantFile);
  }, 120_000);

  it('MAF', async () => {
    await fuzz(text(MAF), 'm.maf', readVariantFile);
  }, 120_000);

  it('SEG', async () => {
    await fuzz(text(SEG), 's.seg', readVariantFile);
  }, 120_000);

  it('ctDNA CSV', async () => {
    await fuzz(text(CTDNA), 'results.csv', readCtdnaFile);
  }, 120_000);

  it('ctDNA JSON (our schema), FHIR R4 Bundle, cBioPortal timeline', async () => {
    await fuzz(text(JSON.stringify(storyJson())), 'series.json', readCtdnaFile);
    await fuzz(text(JSON.stringify(storyBundle())), 'bundle.json', readCtdnaFile);
    await fuzz(text(storyTimeline()['data_timeline_labtest.txt']), 'data_timeline_labtest.txt', readCtdnaFile);
  }, 120_000);

  it('case.json: a problem is a warning, never a failed case', async () => {
    await fuzz(text(CASE_JSON), 'case.json', async (path) => {
      const { value, warnings } = await readCaseJson(path, 'case.json');
      expect(typeof value).toBe('object');
      expect(Array.isArray(warnings)).toBe(true);
    });
  }, 120_000);
});

describe('bounded reads', () => {
  it('a gzip bomb is stopped, not inflated into memory', async () => {
    // 1 GiB of the same line compresses to about 1 MB.
    const line = text('chr1\t1\t.\tA\tC\t.\tPASS\t.\n');
    const chunk = new Uint8Array(line.length * 40000);
    for (let i = 0; i < 40000; i++) chunk.set(line, i * line.length);
    const header = text('##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n');
    const path = join(dir, 'bomb.vcf.gz');
    const { gzipSync: gz } = await import('node:zlib');
    const body = gz(chunk, { level: 9 });
    const parts = [gz(header), ...Array.from({ length: 1000 }, () => body)];
    writeFileSync(path, concat(...parts));
    const before = process.memoryUsage().rss;
    const started = Date.now();
    try {
      const table = await withinDeadline(readVariantFile(path));
      expect(table.warnings.join(' ')).toMatch(/cap|limit|only the first|too large/i);
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceError);
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(1024 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
  }, 60_000);
});
