/**
 * The genome's sequence from a HealthOmics reference store: a case naming a read set gets the
 * read set's reference (its referenceArn) as an indexed FASTA track, served by range through
 * GetReference like a local FASTA; CRAM read sets come with it. A reference whose contigs fit none
 * of the read set's is refused with a reason, and the reads stay.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import { forgetCredentials } from '../../../electron/services/aws/awsClientConfig.js';
import { forgetOmicsClients } from '../../../electron/services/healthomics/omicsClients.js';
import type { GenomeTrack } from '../../../shared/model/variants.js';
import { startOmicsWorld, type OmicsWorld } from '../../support/aws/omicsWorld.js';
import { inWorld, skipReason, WORLD } from './omicsTestWorld.js';

let world: OmicsWorld;
let dir: string;
const readSetUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`;
const cramUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.cramReadSetId}`;

async function call<T>(services: AppServices, method: string, params: unknown = {}): Promise<T> {
  const answer = (await services.dispatch(method as never, params as never)) as { ok: boolean; value?: T; error?: unknown };
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as T;
}

async function get(services: AppServices, fileId: string, range: string) {
  const reply = await services.serveBinary({ method: 'GET', pathname: `/binary/files/${fileId}`, search: '', range });
  return { status: reply.status, body: reply.body ? Buffer.from(reply.body as Uint8Array) : Buffer.alloc(0) };
}

async function openCase(healthOmics: unknown): Promise<AppServices> {
  const caseDir = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title: 'PAT-0042', healthOmics }));
  const services = await createAppServices({ dataDir: mkdtempSync(join(dir, 'data-')), host: 'http', emit: () => {} });
  await services.openCase(caseDir);
  return services;
}

describe.skipIf(skipReason)('the reference of a case’s read sets', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'triptych-omics-reference-'));
    world = await startOmicsWorld(join(dir, 'world'), { genome: true, extraReadSets: 0 });
    forgetCredentials();
    forgetOmicsClients();
  });
  afterAll(async () => world?.server.close());

  it('is the genome FASTA of the case, read by range through GetReference; CRAM comes with it', async () => {
    await inWorld(world, async () => {
      const services = await openCase({ readSets: [{ url: readSetUrl }, { url: cramUrl }] });
      try {
        const tracks = await call<GenomeTrack[]>(services, 'variants.tracks');
        const fasta = tracks.find((t) => t.format === 'FASTA')!;
        expect(fasta).toMatchObject({ fileName: 'GRCh38-loci', indexFormat: 'fai', bgzipped: false });
        const cram = tracks.find((t) => t.format === 'CRAM');
        expect(cram).toMatchObject({ fileName: 'tumor-wgs-cram', indexFormat: 'crai' });
        // The CRAM holds the BAM read set's reads: its view starts at the same first reads.
        expect(cram!.readsLocus).toMatch(/^chr\w+:\d+-\d+$/);
        expect(cram!.readsLocus).toBe(tracks.find((t) => t.format === 'BAM')!.readsLocus);
        const status = await call<{ problems: unknown[] }>(services, 'healthOmics.caseStatus');
        expect(status.problems).toEqual([]);

        const genome = world.genome!;
        const fai = await get(services, fasta.indexFileId!, `bytes=0-${genome.fai.length - 1}`);
        expect(fai.body.equals(genome.fai)).toBe(true);
        // The FGFR3 locus's line on chr4, as igv.js asks for a sequence window.
        const [, , offset] = genome.fai.toString().split('\n')[0].split('\t').map(Number);
        const lineStart = offset + Math.floor((1_801_841 - 1) / 60) * 61;
        const window = await get(services, fasta.fileId, `bytes=${lineStart}-${lineStart + 609}`);
        expect(window.status).toBe(206);
        expect(window.body.equals(genome.fasta.subarray(lineStart, lineStart + 610))).toBe(true);
        expect(window.body.toString().replace(/\n/g, '').slice(0, 60)).toBe(
          genome.bases('chr4', Math.floor((1_801_841 - 1) / 60) * 60 + 1, 60),
        );
        const asked = world.server.requests.filter((r) => r.operation === 'GetReference');
        expect(asked.length).toBeGreaterThan(0);
        // A sequence window costs one 1 MiB block, not the 66 MB FASTA.
        expect(asked.reduce((sum, r) => sum + r.bytes, 0)).toBeLessThan(3 << 20);
      } finally {
        await services.dispose();
      }
    });
  });

  it('refuses a reference whose contigs fit none of the read set’s, and keeps the reads', async () => {
    await inWorld(world, async () => {
      const small = `omics-reference://${WORLD.region}/${WORLD.referenceStoreId}/${WORLD.referenceId}`;
      const services = await openCase({ readSets: [{ url: readSetUrl }], references: [{ url: small }] });
      try {
        const tracks = await call<GenomeTrack[]>(services, 'variants.tracks');
        expect(tracks.some((t) => t.format === 'FASTA')).toBe(false);
        expect(tracks.some((t) => t.format === 'BAM')).toBe(true);
        const status = await call<{ problems: Array<{ url: string; message: string }> }>(services, 'healthOmics.caseStatus');
        expect(status.problems).toEqual([
          {
            url: small,
            message: expect.stringMatching(/small-reference \(contigs ref1, ref2, refM\) names none .*chr4, chr7, chr17/),
          },
        ]);
      } finally {
        await services.dispose();
      }
    });
  });
});
