/**
 * Errors a user can act on, for the HealthOmics data of a case, as the pane that tried shows
 * them: a read set that cannot be opened is a case problem naming it (throttled: wait and retry;
 * access denied: the action and the resource; expired credentials: the command that renews
 * them); a throttled run output fails its variant table with the S3 action named.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import type { GenomeTrack } from '../../../shared/model/variants.js';
import type { FaultKind } from '../../support/aws/awsTestServer.js';
import { inWorld, skipReason, startTestWorld, WORLD } from './omicsTestWorld.js';

let world: Awaited<ReturnType<typeof startTestWorld>>;
const readSetUrl = `omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`;
const vcfUrl = `s3://${WORLD.bucket}/${WORLD.outputPrefix}out/tumor_vs_normal.somatic.vcf.gz`;

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; file?: string } };
const call = <T>(services: AppServices, method: string, params: unknown = {}) =>
  services.dispatch(method as never, params as never) as Promise<Answer<T>>;

async function openCase(healthOmics: unknown): Promise<AppServices> {
  const caseDir = mkdtempSync(join(world.dir, 'case-'));
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title: 'PAT-0042', healthOmics }));
  const services = await createAppServices({ dataDir: mkdtempSync(join(world.dir, 'data-')), host: 'http', emit: () => {} });
  await services.openCase(caseDir);
  return services;
}

describe.skipIf(skipReason)('HealthOmics errors a user can act on', () => {
  beforeAll(async () => {
    world = await startTestWorld({ s3Access: false });
  });
  afterAll(async () => world?.server.close());

  const cases: Array<[FaultKind, RegExp]> = [
    ['throttle', /AWS is throttling omics:GetReadSetMetadata \(after \d+ attempts\): wait a moment and try again/],
    [
      'access-denied',
      /Access denied: omics:GetReadSetMetadata on read set 9876543210 of sequence store 1234567890 is not allowed/,
    ],
    ['expired-token', /have expired: renew them \(`aws sso login` for an SSO profile/],
  ];
  for (const [kind, message] of cases) {
    it(`a read set that is ${kind}: a case problem that names it and says what to do`, async () => {
      await inWorld(world, async () => {
        const services = await openCase({ readSets: [{ url: readSetUrl }] });
        world.server.faults.push({ operation: 'GetReadSetMetadata', kind, times: Infinity });
        try {
          const tracks = await call<GenomeTrack[]>(services, 'variants.tracks');
          expect(tracks.ok && tracks.value.some((t) => t.format === 'BAM')).toBe(false);
          const status = await call<{ problems: Array<{ url: string; message: string }> }>(services, 'healthOmics.caseStatus');
          expect(status.ok).toBe(true);
          if (!status.ok) return;
          expect(status.value.problems).toEqual([{ url: readSetUrl, message: expect.stringMatching(message) }]);
        } finally {
          world.server.faults.length = 0;
          await services.dispose();
        }
      });
    });
  }

  it('a throttled run output fails its table with the S3 action named', async () => {
    await inWorld(world, async () => {
      const services = await openCase({ runOutputs: [{ url: vcfUrl }] });
      try {
        const tracks = await call<GenomeTrack[]>(services, 'variants.tracks');
        if (!tracks.ok) throw new Error(tracks.error.message);
        world.server.faults.push({ operation: 'HeadObject', kind: 'throttle', times: Infinity });
        const table = await call(services, 'variants.table', { fileId: tracks.value[0].fileId });
        expect(table.ok).toBe(false);
        if (table.ok) return;
        expect(table.error.code).toBe('THROTTLED');
        expect(table.error.message).toMatch(/AWS is throttling s3:GetObject .*try again/);
        expect(table.error.file).toBe(vcfUrl);
      } finally {
        world.server.faults.length = 0;
        await services.dispose();
      }
    });
  });
});
