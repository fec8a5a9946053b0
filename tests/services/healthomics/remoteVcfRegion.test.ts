/**
 * A large bgzipped VCF run output in S3 (past the table's cap), with its tabix index (.tbi, or
 * .csi alone): `variants.region` reads a region through the index over S3 ranges, the same records
 * `tabix FILE REGION` prints, fetching a small fraction of the object; the table reads only the
 * blocks up to the cap and takes the record count and contigs from the index; once fetched, the
 * same region reads again with the network gone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';
import { MAX_VARIANTS } from '../../../electron/services/variants/limits.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';
import type { GenomeTrack, VariantRegion, VariantTable } from '../../../shared/model/variants.js';
import { withEnv } from '../aws/awsEnv.js';
import { hasTool } from '../variants/testdata.js';
import { writeLargeVcf } from './largeVcf.js';
import { inWorld, skipReason, startTestWorld, WORLD } from './omicsTestWorld.js';

const CHR1_RECORDS = 300_000;
const CHR2_RECORDS = 300_000;
const key = (name: string) => `${WORLD.outputPrefix}big/${name}`;
const s3Url = (name: string) => `s3://${WORLD.bucket}/${key(name)}`;
const noTools = !hasTool('bgzip') || !hasTool('tabix') ? 'bgzip/tabix not installed' : null;

let world: Awaited<ReturnType<typeof startTestWorld>>;
let gz: string;
let size: number;

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
async function value<T>(services: AppServices, method: string, params: unknown = {}): Promise<T> {
  const answer = (await services.dispatch(method as never, params as never)) as Answer<T>;
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value;
}

async function openCase(url: string, dataDir = mkdtempSync(join(world.dir, 'data-'))) {
  const caseDir = mkdtempSync(join(world.dir, 'case-'));
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify({ title: 'PAT-0042', healthOmics: { runOutputs: [{ url }] } }));
  const services = await createAppServices({ dataDir, host: 'http', emit: () => {} });
  await services.openCase(caseDir);
  const tracks = await value<GenomeTrack[]>(services, 'variants.tracks');
  return { services, track: tracks.find((t) => t.format === 'VCF')!, dataDir };
}

/** Bytes the stand-in sent for GetObject of keys under `big/` since `from`. */
const fetchedSince = (from: number, name: string) =>
  world.server.requests
    .slice(from)
    .filter((r) => r.operation === 'GetObject' && r.path.endsWith(`/big/${name}`))
    .reduce((sum, r) => sum + r.bytes, 0);

const tabixPositions = (region: string) =>
  spawnSync('tabix', [gz, region], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .stdout.split('\n')
    .filter(Boolean)
    .map((line) => Number(line.split('\t')[1]));

describe.skipIf(skipReason ?? noTools)('a large remote VCF read by region', () => {
  beforeAll(async () => {
    world = await startTestWorld();
    gz = writeLargeVcf(world.dir, { chr1Records: CHR1_RECORDS, chr2Records: CHR2_RECORDS });
    const bytes = readFileSync(gz);
    size = bytes.length;
    world.s3.put(WORLD.bucket, key('large.vcf.gz'), bytes);
    world.s3.put(WORLD.bucket, key('large.vcf.gz.tbi'), readFileSync(`${gz}.tbi`));
    // Another copy with only a CSI index beside it.
    world.s3.put(WORLD.bucket, key('csi-only.vcf.gz'), bytes);
    world.s3.put(WORLD.bucket, key('csi-only.vcf.gz.csi'), readFileSync(`${gz}.csi`));
  }, 120_000);
  afterAll(async () => world?.server.close());

  it('reads a region through the .tbi over S3 ranges: the records tabix prints, a small part of the object', async () => {
    expect(size).toBeGreaterThan(16 << 20);
    await inWorld(world, async () => {
      const { services, track } = await openCase(s3Url('large.vcf.gz'));
      try {
        expect(track).toMatchObject({ indexFormat: 'tbi', bgzipped: true });
        const from = world.server.requests.length;
        for (const [n, [chrom, start, end]] of (
          [
            ['chr2', 100_000_000, 100_200_000],
            ['chr2', 20_000, 30_000],
            ['chr1', 149_000_000, 149_000_600],
          ] as const
        ).entries()) {
          const got = await value<VariantRegion>(services, 'variants.region', {
            fileId: track.fileId,
            region: { chrom, start, end },
          });
          const want = tabixPositions(`${chrom}:${start}-${end}`);
          expect(want.length).toBeGreaterThan(0);
          expect(variantsOf(got).map((v) => v.pos)).toEqual(want);
          expect(got.records).toBe(want.length);
          if (n === 0) {
            const one = fetchedSince(from, 'large.vcf.gz');
            const index = fetchedSince(from, 'large.vcf.gz.tbi');
            console.log(
              `one region read: ${(one / 2 ** 20).toFixed(1)} MiB of the ${(size / 2 ** 20).toFixed(1)} MiB VCF (${((100 * one) / size).toFixed(1)} %), and the ${(index / 2 ** 10).toFixed(0)} KiB index`,
            );
            // The header's 1 MiB block and the region's (two when its BGZF blocks straddle a boundary).
            expect(one).toBeLessThanOrEqual(3 << 20);
          }
        }
        const fetched = fetchedSince(from, 'large.vcf.gz');
        console.log(
          `region reads: ${(fetched / 2 ** 20).toFixed(1)} MiB of the ${(size / 2 ** 20).toFixed(1)} MiB VCF fetched (${((100 * fetched) / size).toFixed(1)} %)`,
        );
        // The header block and the blocks of three regions (1 MiB each), not the object.
        expect(fetched).toBeLessThan(size / 4);
      } finally {
        await services.dispose();
      }
    });
  });

  it('reads the table up to the cap only, counting the records from the index; a region reads again offline', async () => {
    const world2 = world;
    const { services, track, dataDir } = await inWorld(world2, () => openCase(s3Url('large.vcf.gz')));
    try {
      const from = world.server.requests.length;
      const table = await inWorld(world2, () => value<VariantTable>(services, 'variants.table', { fileId: track.fileId }));
      expect(table.records).toBe(CHR1_RECORDS + CHR2_RECORDS);
      expect(table.capped).toBe(true);
      expect(table.contigs).toEqual(['chr1', 'chr2']);
      expect(variantsOf(table).length).toBe(MAX_VARIANTS);
      expect(table.warnings.join('\n')).toMatch(
        /only the first 200,000 variants are shown \(the file holds 600,000 records\); any region/,
      );
      const fetched = fetchedSince(from, 'large.vcf.gz');
      console.log(`table: ${(fetched / 2 ** 20).toFixed(1)} MiB of ${(size / 2 ** 20).toFixed(1)} MiB fetched`);
      // The first 200,000 of 600,000 records: about a third of the object (and its 1 MiB blocks).
      expect(fetched).toBeLessThan(size / 2);

      // Past the cap: read by region; then again from the cache, with the network gone.
      const region = { chrom: 'chr2', start: 150_000_000, end: 150_050_000 };
      const online = await inWorld(world2, () =>
        value<VariantRegion>(services, 'variants.region', { fileId: track.fileId, region }),
      );
      expect(online.records).toBe(tabixPositions('chr2:150000000-150050000').length);
      await withEnv({ ...world2.server.env(), AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }, async () => {
        const offline = await openCase(s3Url('large.vcf.gz'), dataDir);
        try {
          const again = await value<VariantRegion>(offline.services, 'variants.region', { fileId: track.fileId, region });
          expect(again.columns).toEqual(online.columns);
        } finally {
          await offline.services.dispose();
        }
      });
    } finally {
      await services.dispose();
    }
  });

  it('uses X.csi when there is no X.tbi', async () => {
    await inWorld(world, async () => {
      const { services, track } = await openCase(s3Url('csi-only.vcf.gz'));
      try {
        expect(track).toMatchObject({ indexFormat: 'csi' });
        const got = await value<VariantRegion>(services, 'variants.region', {
          fileId: track.fileId,
          region: { chrom: 'chr2', start: 50_000_000, end: 50_100_000 },
        });
        expect(variantsOf(got).map((v) => v.pos)).toEqual(tabixPositions('chr2:50000000-50100000'));
      } finally {
        await services.dispose();
      }
    });
  });
});
