/**
 * A run's VCF, MAF and SEG in S3, named in case.json, are variant tables like local files: the
 * genome tracks list them, `variants.table` with their track id reads them (the same records as
 * the local copy), the cache answers the second time, and a denied object says which action on
 * which object was refused.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import { readVariantFile } from '../../../electron/services/variants/readVariantFile.js';
import type { GenomeTrack, VariantTable } from '../../../shared/model/variants.js';
import { inWorld, skipReason, startTestWorld, WORLD } from './omicsTestWorld.js';

const TESTDATA = join(import.meta.dirname, '../../../../shared/testdata/variants');
const MAF = join(TESTDATA, 'callers/test_b38_output.maf');
const SEG = join(TESTDATA, 'maf-seg/TCGA.AB.3009.hg19.seg.txt');
const s3Url = (key: string) => `s3://${WORLD.bucket}/${WORLD.outputPrefix}${key}`;
const urls = {
  vcf: s3Url('out/tumor_vs_normal.somatic.vcf.gz'),
  maf: s3Url('out/tumor.maf'),
  seg: s3Url('out/tumor.seg.txt'),
};

let world: Awaited<ReturnType<typeof startTestWorld>>;

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; file?: string } };
const call = <T>(services: AppServices, method: string, params: unknown = {}) =>
  services.dispatch(method as never, params as never) as Promise<Answer<T>>;
async function value<T>(services: AppServices, method: string, params: unknown = {}): Promise<T> {
  const answer = await call<T>(services, method, params);
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value;
}

async function openCase(runOutputs: Array<{ url: string }>): Promise<AppServices> {
  const caseDir = mkdtempSync(join(world.dir, 'case-'));
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title: 'PAT-0042', healthOmics: { runOutputs } }));
  const services = await createAppServices({ dataDir: mkdtempSync(join(world.dir, 'data-')), host: 'http', emit: () => {} });
  await services.openCase(caseDir);
  return services;
}

describe.skipIf(skipReason)('run outputs in S3 as variant tables', () => {
  beforeAll(async () => {
    world = await startTestWorld();
    world.s3.put(WORLD.bucket, `${WORLD.outputPrefix}out/tumor.maf`, readFileSync(MAF));
    world.s3.put(WORLD.bucket, `${WORLD.outputPrefix}out/tumor.seg.txt`, readFileSync(SEG));
  });
  afterAll(async () => world?.server.close());

  it('lists VCF, MAF and SEG outputs as tracks and reads each as the local file reads', async () => {
    const local = mkdtempSync(join(tmpdir(), 'triptych-run-output-local-'));
    writeFileSync(join(local, 'somatic.vcf.gz'), world.runFiles['out/tumor_vs_normal.somatic.vcf.gz']);
    copyFileSync(MAF, join(local, 'tumor.maf'));
    copyFileSync(SEG, join(local, 'tumor.seg.txt'));
    await inWorld(world, async () => {
      const services = await openCase([{ url: urls.vcf }, { url: urls.maf }, { url: urls.seg }]);
      try {
        const tracks = await value<GenomeTrack[]>(services, 'variants.tracks');
        const byName = (name: string) => tracks.find((t) => t.fileName === name)!;
        expect(byName('tumor_vs_normal.somatic.vcf.gz')).toMatchObject({ format: 'VCF', indexFormat: 'tbi' });
        expect(byName('tumor.maf')).toMatchObject({ format: 'MAF' });
        expect(byName('tumor.seg.txt')).toMatchObject({ format: 'SEG' });
        for (const [name, path] of [
          ['tumor_vs_normal.somatic.vcf.gz', join(local, 'somatic.vcf.gz')],
          ['tumor.maf', join(local, 'tumor.maf')],
          ['tumor.seg.txt', join(local, 'tumor.seg.txt')],
        ] as const) {
          const table = await value<VariantTable>(services, 'variants.table', { fileId: byName(name).fileId });
          const expected = await readVariantFile(path);
          expect(table.fileName).toBe(name);
          expect(table.format).toBe(expected.format);
          expect(table.records).toBe(expected.records);
          expect(table.records).toBeGreaterThan(0);
          expect(table.columns).toEqual(expected.columns);
        }
        // Read once: asked again, no S3 request.
        const before = world.server.requests.length;
        await value<VariantTable>(services, 'variants.table', { fileId: byName('tumor.maf').fileId });
        expect(world.server.requests.length).toBe(before);
      } finally {
        await services.dispose();
      }
    });
  });

  it('a denied object names the action and the object', async () => {
    await inWorld(world, async () => {
      const services = await openCase([{ url: urls.maf }]);
      try {
        const [track] = await value<GenomeTrack[]>(services, 'variants.tracks');
        world.server.faults.push({ operation: 'HeadObject', kind: 'access-denied', times: 1 });
        const answer = await call<VariantTable>(services, 'variants.table', { fileId: track.fileId });
        world.server.faults.length = 0;
        expect(answer.ok).toBe(false);
        if (answer.ok) return;
        expect(answer.error.code).toBe('ACCESS_DENIED');
        expect(answer.error.message).toContain(`s3:GetObject on ${urls.maf}`);
        expect(answer.error.file).toBe(urls.maf);
      } finally {
        await services.dispose();
      }
    });
  });
});
