/**
 * `triptych inspect` on HealthOmics and S3 URLs, as a child process with the SDK's own environment
 * pointing at the loopback stand-in (AWS_ENDPOINT_URL, keys, no shared files).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VARIANTS } from '../../electron/services/variants/limits.js';
import { writeLargeVcf } from '../services/healthomics/largeVcf.js';
import { skipReason, startTestWorld, WORLD } from '../services/healthomics/omicsTestWorld.js';
import { hasTool } from '../services/variants/testdata.js';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/triptych.mjs');

let world: Awaited<ReturnType<typeof startTestWorld>>;
const noTools = !hasTool('bgzip') || !hasTool('tabix');

/** Bytes the stand-in sent for GetObject of one key since request `from`. */
const fetchedSince = (from: number, key: string) =>
  world.server.requests
    .slice(from)
    .filter((r) => r.operation === 'GetObject' && r.path.endsWith(`/${key}`))
    .reduce((sum, r) => sum + r.bytes, 0);

async function triptych(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: world.dir, TRIPTYCH_DATA_DIR: world.dir, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.skipIf(skipReason)('triptych inspect on HealthOmics and S3', () => {
  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => world?.server.close());

  it('a read set: format, subject, sample, reference, parts and length', async () => {
    const { code, stdout, stderr } = await triptych(
      world.server.env(),
      'inspect',
      `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      kind: 'alignments',
      format: 'BAM',
      subjectId: WORLD.subjectId,
      sampleId: WORLD.sampleId,
      reference: `omics-reference://${WORLD.region}/${WORLD.referenceStoreId}/${WORLD.referenceId}`,
      parts: Math.ceil(world.bam.bam.length / (64 * 1024)),
      contentLength: world.bam.bam.length,
    });
  });

  it('a reference: its contigs and lengths, from the index', async () => {
    const { code, stdout } = await triptych(
      // The Omics endpoint alone, as AWS_ENDPOINT_URL_OMICS names it.
      { ...world.server.env(), AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_OMICS: world.server.endpoint },
      'inspect',
      `omics-reference://${WORLD.region}/${WORLD.referenceStoreId}/${WORLD.referenceId}`,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ kind: 'reference', name: 'small-reference', contigs: world.fasta.contigs });
  });

  it('a run: its outputs in S3', async () => {
    const { code, stdout } = await triptych(world.server.env(), 'inspect', `omics-run://${WORLD.region}/${WORLD.runId}`);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      kind: 'run',
      status: 'COMPLETED',
      runGroupId: 'rg-clinical',
      tags: { subjectId: WORLD.subjectId },
    });
    expect(result.outputs.map((o: { key: string; role: string }) => `${o.key} ${o.role}`)).toEqual([
      'logs/run.log other',
      'out/tumor_vs_normal.somatic.vcf.gz variants',
      'out/tumor_vs_normal.somatic.vcf.gz.tbi index',
    ]);
  });

  it('an S3 VCF prints the same JSON as the local file', async () => {
    const key = `${WORLD.outputPrefix}out/tumor_vs_normal.somatic.vcf.gz`;
    const remote = await triptych(world.server.env(), 'inspect', `s3://${WORLD.bucket}/${key}`);
    expect(remote.stderr).toBe('');
    const local = await triptych({}, 'inspect', resolve(world.dir, 'run/variants/tumor_vs_normal.somatic.vcf.gz'));
    expect(local.code).toBe(0);
    expect(JSON.parse(remote.stdout)).toEqual(JSON.parse(local.stdout));
    expect(JSON.parse(remote.stdout).records).toBeGreaterThan(10);
  });

  it.skipIf(noTools)(
    'an S3 VCF with an index beside it is read through the index: the same JSON as the local file, a small part of the object fetched',
    async () => {
      const gz = writeLargeVcf(world.dir, { chr1Records: 130_000, chr2Records: 90_000, tokenParts: 20 });
      const bytes = readFileSync(gz);
      const key = `${WORLD.outputPrefix}big/large.vcf.gz`;
      world.s3.put(WORLD.bucket, key, bytes);
      world.s3.put(WORLD.bucket, `${key}.tbi`, readFileSync(`${gz}.tbi`));
      const from = world.server.requests.length;
      const remote = await triptych(world.server.env(), 'inspect', `s3://${WORLD.bucket}/${key}`);
      expect(remote.stderr).toBe('');
      const fetched = fetchedSince(from, key);
      const local = await triptych({}, 'inspect', gz);
      expect(local.code).toBe(0);
      const json = JSON.parse(remote.stdout);
      expect(json).toEqual(JSON.parse(local.stdout));
      // Past the table's cap, counted in the index: the local file's capped warning too.
      expect(json).toMatchObject({ records: 220_000, contigs: ['chr1', 'chr2'] });
      expect(json.records).toBeGreaterThan(MAX_VARIANTS);
      expect(json.variants).toHaveLength(1000);
      expect(bytes.length).toBeGreaterThan(16 << 20);
      expect(fetched).toBeGreaterThan(0);
      expect(fetched / bytes.length).toBeLessThan(0.1);
    },
    180_000,
  );

  it('an S3 VCF with no index beside it is read whole, as before', async () => {
    const bytes = readFileSync(resolve(world.dir, 'run/variants/tumor_vs_normal.somatic.vcf.gz'));
    const key = `${WORLD.outputPrefix}no-index/tumor_vs_normal.somatic.vcf.gz`;
    world.s3.put(WORLD.bucket, key, bytes);
    const from = world.server.requests.length;
    const remote = await triptych(world.server.env(), 'inspect', `s3://${WORLD.bucket}/${key}`);
    expect(remote.stderr).toBe('');
    expect(fetchedSince(from, key)).toBe(bytes.length);
    const local = await triptych({}, 'inspect', resolve(world.dir, 'run/variants/tumor_vs_normal.somatic.vcf.gz'));
    expect(JSON.parse(remote.stdout)).toEqual(JSON.parse(local.stdout));
  });

  it('one error line and exit 2: a missing read set, expired credentials', async () => {
    const missing = await triptych(world.server.env(), 'inspect', `omics://${WORLD.region}/${WORLD.sequenceStoreId}/404404`);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^error: omics:\/\/.*404404: .*not found/);
    world.server.faults.push({ kind: 'expired-token', times: 1 });
    const expired = await triptych(world.server.env(), 'inspect', `omics-run://${WORLD.region}/${WORLD.runId}`);
    expect(expired.code).toBe(2);
    expect(expired.stderr).toMatch(/^error: .*expired/);
  });
});
