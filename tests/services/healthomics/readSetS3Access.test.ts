/**
 * A read set whose metadata lists its S3 access point (`files.*.s3Access.s3Uri`): read with S3
 * GetObject + Range in 256 KiB blocks, never by part; a range costs the blocks that hold it. When S3
 * denies the access point, the read set falls back to its parts and the bytes stay the same.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetCredentials } from '../../../electron/services/aws/awsClientConfig.js';
import { seededRandom } from '../../../electron/services/demo/random.js';
import { forgetOmicsClients } from '../../../electron/services/healthomics/omicsClients.js';
import { openReadSet } from '../../../electron/services/healthomics/readSetSource.js';
import { generateBam } from '../../support/aws/omicsFixtures.js';
import { startOmicsWorld, type OmicsWorld } from '../../support/aws/omicsWorld.js';
import { connection, inWorld, remoteDeps, skipReason, WORLD } from './omicsTestWorld.js';

const MiB = 1 << 20;
const BLOCK = 256 << 10;
/** Not a multiple of the block: some blocks span two parts. */
const PART = 600_000;
let world: OmicsWorld;
let dir: string;

describe.skipIf(skipReason)('read set through its S3 access point', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'triptych-omics-s3access-'));
    // Several MiB of BAM: many blocks, in parts that blocks straddle.
    const bam = generateBam(join(dir, 'bam'), { backgroundReads: 40_000 });
    world = await startOmicsWorld(join(dir, 'world'), { partSize: PART, bam, extraReadSets: 0 });
    forgetCredentials();
    forgetOmicsClients();
  });
  afterAll(async () => world?.server.close());

  const since = (from: number, operation: string) => world.server.requests.slice(from).filter((r) => r.operation === operation);

  it('answers ranges with S3 GetObject + Range, fetching only the blocks that hold them', async () => {
    await inWorld(world, async () => {
      const { deps, fetched } = remoteDeps(dir, 's3-ranges');
      const bam = world.bam.bam;
      expect(bam.length).toBeGreaterThan(3 * MiB);
      const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
      expect(opened.viaS3).toBe(true);
      expect(opened.parts.source1).toBe(Math.ceil(bam.length / PART));
      const from = world.server.requests.length;
      const got = await opened.source.read(4 * BLOCK - 10, 4 * BLOCK + 10); // across a block boundary
      expect(Buffer.from(got).equals(bam.subarray(4 * BLOCK - 10, 4 * BLOCK + 11))).toBe(true);
      expect(fetched()).toBe(2 * BLOCK);
      const gets = since(from, 'GetObject');
      expect(gets).toHaveLength(2);
      expect(gets.every((g) => g.status === 206 && g.path.startsWith(`/${WORLD.accessPointAlias}/`))).toBe(true);
      expect(since(from, 'GetReadSet')).toHaveLength(0);

      const random = seededRandom(5);
      for (let i = 0; i < 20; i++) {
        const start = Math.floor(random() * bam.length);
        const end = Math.min(bam.length - 1, start + Math.floor(random() * 300_000));
        expect(Buffer.from(await opened.source.read(start, end)).equals(bam.subarray(start, end + 1))).toBe(true);
      }
      const index = await opened.index!.read(0, opened.index!.size - 1);
      expect(Buffer.from(index).equals(world.bam.bai)).toBe(true);
    });
  });

  it('falls back to parts when S3 denies the access point', async () => {
    await inWorld(world, async () => {
      const { deps } = remoteDeps(dir, 's3-denied');
      const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
      world.server.faults.push({ operation: 'GetObject', kind: 'access-denied', times: 1 });
      const from = world.server.requests.length;
      const start = PART - 100; // in block 2, whose bytes span parts 1 and 2
      const got = await opened.source.read(start, start + 200);
      world.server.faults.length = 0;
      expect(Buffer.from(got).equals(world.bam.bam.subarray(start, start + 201))).toBe(true);
      expect(since(from, 'GetReadSet').length).toBeGreaterThan(0);
      // Once denied, the rest of the session reads by part: no second try at S3.
      const more = world.server.requests.length;
      await opened.source.read(3 * MiB, 3 * MiB + 10);
      expect(since(more, 'GetObject')).toHaveLength(0);
    });
  });

  it('reads by part when the metadata lists no S3 access point', async () => {
    const plain = await startOmicsWorld(join(dir, 'plain'), {
      partSize: PART,
      bam: world.bam,
      extraReadSets: 0,
      s3Access: false,
    });
    try {
      forgetOmicsClients();
      await inWorld(plain, async () => {
        const { deps } = remoteDeps(dir, 'no-s3');
        const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
        expect(opened.viaS3).toBe(false);
        await opened.source.read(10, 20);
        expect(plain.server.requests.filter((r) => r.operation === 'GetReadSet')).toHaveLength(1);
        expect(plain.server.requests.filter((r) => r.operation === 'GetObject')).toHaveLength(0);
      });
    } finally {
      await plain.server.close();
      forgetOmicsClients();
    }
  });
});
