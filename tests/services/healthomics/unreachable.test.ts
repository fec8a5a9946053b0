/**
 * "AWS unreachable" is a state a pane recovers from without a restart: while every connection to
 * the service is reset, reading a read set's bytes answers 503 with a message naming the action and
 * the likely cause; once the network is back, the same open case reads the same bytes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import type { GenomeTrack } from '../../../shared/model/variants.js';
import { inWorld, skipReason, startTestWorld, WORLD } from './omicsTestWorld.js';

let world: Awaited<ReturnType<typeof startTestWorld>>;
const readSetUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`;

async function tracksOf(services: AppServices): Promise<GenomeTrack[]> {
  const answer = (await services.dispatch('variants.tracks', {})) as { ok: boolean; value?: GenomeTrack[] };
  expect(answer.ok).toBe(true);
  return answer.value!;
}

const read = (services: AppServices, fileId: string, range: string) =>
  services.serveBinary({ method: 'GET', pathname: `/binary/files/${fileId}`, search: '', range });

describe.skipIf(skipReason)('HealthOmics unreachable, then back', () => {
  beforeAll(async () => {
    world = await startTestWorld();
  });
  afterAll(async () => world?.server.close());

  it('fails with a message a user can act on, and reads again once the network is back', async () => {
    const caseDir = mkdtempSync(join(tmpdir(), 'triptych-unreachable-case-'));
    writeFileSync(
      join(caseDir, 'case.json'),
      JSON.stringify({ title: 'PAT-0042', healthOmics: { readSets: [{ url: readSetUrl, label: 'Tumour WGS' }] } }),
    );
    const services = await createAppServices({
      dataDir: mkdtempSync(join(tmpdir(), 'triptych-unreachable-data-')),
      host: 'http',
      emit: () => {},
    });
    await inWorld(world, async () => {
      await services.openCase(caseDir);
      const bam = (await tracksOf(services)).find((t) => t.format === 'BAM')!;
      expect(bam).toBeDefined();

      world.server.faults.push({ kind: 'reset', times: Infinity }); // every operation: parts and S3 access point alike
      // Far from the header (which opening the case has read and cached).
      const at = Math.floor(world.bam.bam.length / 2);
      const range = `bytes=${at}-${at + 999}`;
      const failed = await read(services, bam.fileId, range);
      expect(failed.status).toBe(503); // away for now: a retry may work
      const message = Buffer.from((failed.body as Uint8Array | undefined) ?? new Uint8Array()).toString('utf8');
      expect(message).toMatch(/AWS could not be reached for \S+ .*offline, or the endpoint is blocked/);

      world.server.faults.length = 0; // the network is back
      const again = await read(services, bam.fileId, range);
      expect(again.status).toBe(206);
      expect(Buffer.from(again.body as Uint8Array).equals(world.bam.bam.subarray(at, at + 1000))).toBe(true);
    });
    await services.dispose();
  }, 120_000);
});
