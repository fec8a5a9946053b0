/**
 * A case whose case.json names HealthOmics data, through the app's own contract and binary
 * handler: the read set is a BAM track served with HTTP Range like a local file, the run's VCF a
 * variant track; "Add from HealthOmics" writes case.json; "Make available offline" fetches and
 * pins it all (cancel keeps what was fetched, starting again resumes), and afterwards the case
 * opens and reads with no network.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import { forgetOmicsClients } from '../../../electron/services/healthomics/omicsClients.js';
import type { GenomeTrack } from '../../../shared/model/variants.js';
import { withEnv } from '../aws/awsEnv.js';
import { inWorld, skipReason, startTestWorld, WORLD } from './omicsTestWorld.js';

let world: Awaited<ReturnType<typeof startTestWorld>>;
const readSetUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`;
const vcfUrl = `s3://${WORLD.bucket}/${WORLD.outputPrefix}out/tumor_vs_normal.somatic.vcf.gz`;

async function call<T>(services: AppServices, method: string, params: unknown = {}): Promise<T> {
  const answer = (await services.dispatch(method as never, params as never)) as { ok: boolean; value?: T; error?: unknown };
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as T;
}

async function get(services: AppServices, fileId: string, range?: string) {
  const reply = await services.serveBinary({
    method: 'GET',
    pathname: `/binary/files/${fileId}`,
    search: '',
    range: range ?? null,
  });
  return {
    status: reply.status,
    headers: reply.headers,
    body: reply.body ? Buffer.from(reply.body as Uint8Array) : Buffer.alloc(0),
  };
}

describe.skipIf(skipReason)('HealthOmics data of a case', () => {
  beforeAll(async () => {
    world = await startTestWorld({ s3Access: false });
  });
  afterAll(async () => world?.server.close());

  it('adds, serves by range, makes available offline, reopens offline', async () => {
    const caseDir = mkdtempSync(join(tmpdir(), 'triptych-omics-case-'));
    writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title: 'PAT-0042', patient: { id: WORLD.subjectId } }));
    const dataDir = mkdtempSync(join(tmpdir(), 'triptych-omics-data-'));
    const progress: Array<{ task: string; state?: string; done: number; total: number }> = [];
    const services = await createAppServices({
      dataDir,
      host: 'http',
      emit: (event, payload) => event === 'progress' && progress.push(payload as (typeof progress)[number]),
    });
    let tracks: GenomeTrack[] = [];
    await inWorld(world, async () => {
      await services.openCase(caseDir);
      await call(services, 'healthOmics.addToCase', { urls: [readSetUrl, vcfUrl], labels: { [readSetUrl]: 'Tumour WGS' } });
      const written = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8'));
      expect(written.title).toBe('PAT-0042');
      expect(written.healthOmics).toEqual({
        readSets: [{ url: readSetUrl, label: 'Tumour WGS' }],
        runOutputs: [{ url: vcfUrl }],
      });

      tracks = await call<GenomeTrack[]>(services, 'variants.tracks');
      const bam = tracks.find((t) => t.format === 'BAM')!;
      expect(bam).toMatchObject({ fileName: 'Tumour WGS', bgzipped: true, indexFormat: 'bai' });
      const vcf = tracks.find((t) => t.fileName === 'tumor_vs_normal.somatic.vcf.gz')!;
      expect(vcf).toMatchObject({ format: 'VCF', bgzipped: true, indexFormat: 'tbi' });

      // Range across a part boundary, as igv.js asks for it.
      const ranged = await get(services, bam.fileId, 'bytes=65000-70000');
      expect(ranged.status).toBe(206);
      expect(ranged.headers['Content-Range']).toBe(`bytes 65000-70000/${world.bam.bam.length}`);
      expect(ranged.body.equals(world.bam.bam.subarray(65000, 70001))).toBe(true);
      const index = await get(services, bam.indexFileId!);
      expect(index.status).toBe(200);
      expect(index.body.equals(world.bam.bai)).toBe(true);
      const tbi = await get(services, vcf.indexFileId!);
      expect(tbi.body.equals(world.runFiles['out/tumor_vs_normal.somatic.vcf.gz.tbi'])).toBe(true);
      expect((await get(services, bam.fileId, `bytes=${world.bam.bam.length}-`)).status).toBe(416);

      // Offline: cancel at once (what was fetched stays), then again to the end.
      world.server.latencyMs = 30;
      const { task } = await call<{ task: string }>(services, 'healthOmics.makeOffline');
      await new Promise((r) => setTimeout(r, 150));
      expect(await call(services, 'tasks.cancel', { id: task })).toBe(true);
      await waitFor(() => progress.some((p) => p.task === task && p.state === 'cancelled'));
      world.server.latencyMs = 0;
      const partsBefore = world.server.requests.filter((r) => r.operation === 'GetReadSet').length;
      await call(services, 'healthOmics.makeOffline');
      await waitFor(() => progress.some((p) => p.task === task && p.state === 'done'));
      const fetchedNow = world.server.requests.filter((r) => r.operation === 'GetReadSet').length - partsBefore;
      const totalParts = Math.ceil(world.bam.bam.length / (64 * 1024)) + Math.ceil(world.bam.bai.length / (64 * 1024));
      expect(fetchedNow).toBeLessThan(totalParts); // resumed: the parts fetched before were not fetched again
      const stats = await call<{ pinnedBytes: number }>(services, 'cache.stats');
      expect(stats.pinnedBytes).toBeGreaterThanOrEqual(world.bam.bam.length + world.bam.bai.length);
    });
    await services.dispose();

    // No network at all: the case opens, its tracks and bytes come from the pinned cache.
    forgetOmicsClients();
    await withEnv({ ...world.server.env(), AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }, async () => {
      const offline = await createAppServices({ dataDir, host: 'http', emit: () => {} });
      await offline.openCase(caseDir);
      const again = await call<GenomeTrack[]>(offline, 'variants.tracks');
      expect(again.map((t) => t.fileId).sort()).toEqual(tracks.map((t) => t.fileId).sort());
      const bam = again.find((t) => t.format === 'BAM')!;
      const end = world.bam.bam.length - 1;
      const tail = await get(offline, bam.fileId, `bytes=${end - 99999}-${end}`);
      expect(tail.body.equals(world.bam.bam.subarray(end - 99999))).toBe(true);
      const vcf = again.find((t) => t.format === 'VCF')!;
      const whole = await get(offline, vcf.fileId);
      expect(whole.body.equals(world.runFiles['out/tumor_vs_normal.somatic.vcf.gz'])).toBe(true);
      await offline.dispose();
    });
  });
});

async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
