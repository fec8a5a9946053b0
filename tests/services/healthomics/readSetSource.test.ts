/**
 * Read sets through the real HealthOmics client against the loopback stand-in: byte ranges map
 * onto parts (across part boundaries, checked against the whole file), only needed parts are
 * fetched, parts come from the disk cache afterwards (also with no network), a damaged cache entry
 * is fetched again, and throttling, 5xx and an expired token end as errors a user can act on.
 */
import { readdirSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEnv } from '../aws/awsEnv.js';
import { seededRandom } from '../../../electron/services/demo/random.js';
import { ServiceError } from '../../../electron/services/errors.js';
import { openReadSet } from '../../../electron/services/healthomics/readSetSource.js';
import { connection, inWorld, remoteDeps, skipReason, startTestWorld, WORLD } from './omicsTestWorld.js';

type World = Awaited<ReturnType<typeof startTestWorld>>;
let world: World;

describe.skipIf(skipReason)('read set parts as a byte source', () => {
  beforeAll(async () => {
    world = await startTestWorld({ partSize: 64 * 1024, s3Access: false });
  });
  afterAll(async () => world?.server.close());

  it('answers any range with the file bytes, across part boundaries', async () => {
    await inWorld(world, async () => {
      const { deps } = remoteDeps(world.dir, 'ranges');
      const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
      const bam = world.bam.bam;
      expect(opened.format).toBe('BAM');
      expect(opened.source.size).toBe(bam.length);
      expect(opened.source.blockCount).toBe(Math.ceil(bam.length / (64 * 1024)));
      expect(opened.source.blockCount).toBeGreaterThan(4);
      expect(opened.summary).toMatchObject({ subjectId: WORLD.subjectId, sampleId: WORLD.sampleId, fileType: 'BAM' });
      const random = seededRandom(3);
      const ranges: Array<[number, number]> = [
        [0, 0],
        [0, bam.length - 1],
        [64 * 1024 - 1, 64 * 1024], // the last byte of part 1, the first of part 2
        [64 * 1024 * 2, 64 * 1024 * 3 - 1], // exactly one part
        [bam.length - 10, bam.length + 500], // past the end: clamped
      ];
      for (let i = 0; i < 40; i++) {
        const start = Math.floor(random() * bam.length);
        ranges.push([start, Math.min(bam.length - 1, start + Math.floor(random() * 200_000))]);
      }
      for (const [start, end] of ranges) {
        const got = await opened.source.read(start, end);
        expect(Buffer.from(got).equals(bam.subarray(start, Math.min(end, bam.length - 1) + 1)), `${start}-${end}`).toBe(true);
      }
      const index = await opened.index!.read(0, opened.index!.size - 1);
      expect(Buffer.from(index).equals(world.bam.bai)).toBe(true);
    });
  });

  it('fetches only the parts a range needs, once', async () => {
    await inWorld(world, async () => {
      const { deps, fetched } = remoteDeps(world.dir, 'only-needed');
      const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
      const before = world.server.requests.filter((r) => r.operation === 'GetReadSet').length;
      await opened.source.read(64 * 1024 - 5, 64 * 1024 + 5);
      await opened.source.read(64 * 1024 + 100, 64 * 1024 + 200); // in part 2 again: from the cache
      const parts = world.server.requests.filter((r) => r.operation === 'GetReadSet').slice(before);
      expect(parts).toHaveLength(2);
      expect(fetched()).toBe(2 * 64 * 1024);
    });
  });

  it('rides out throttling and 5xx; says so when they last', async () => {
    await inWorld(world, async () => {
      const { deps } = remoteDeps(world.dir, 'faults');
      const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
      world.server.faults.push({ operation: 'GetReadSet', kind: 'throttle', times: 1 });
      world.server.faults.push({ operation: 'GetReadSet', kind: 'server-error', times: 1 });
      const bytes = await opened.source.read(0, 99);
      expect(Buffer.from(bytes).equals(world.bam.bam.subarray(0, 100))).toBe(true);

      world.server.faults.push({ operation: 'GetReadSet', kind: 'throttle', times: Infinity });
      const error = await opened.source.read(300_000, 300_010).catch((e: unknown) => e);
      world.server.faults.length = 0;
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe('THROTTLED');
      expect((error as ServiceError).message).toMatch(/omics:GetReadSet.*after 4 attempts/);
    });
  });

  it('an expired token says how to renew it', async () => {
    await inWorld(world, async () => {
      const { deps } = remoteDeps(world.dir, 'expired');
      world.server.faults.push({ operation: 'GetReadSetMetadata', kind: 'expired-token', times: 1 });
      const error = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps).catch((e: unknown) => e);
      expect((error as ServiceError).code).toBe('CREDENTIALS_EXPIRED');
      expect((error as ServiceError).message).toMatch(/expired/);
      expect((error as ServiceError).file).toBe(`omics://${WORLD.region}/${WORLD.sequenceStoreId}/${WORLD.readSetId}`);
    });
  });

  it('refuses an archived read set with the action that activates it', async () => {
    await inWorld(world, async () => {
      const { deps } = remoteDeps(world.dir, 'archived');
      const error = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.archivedReadSetId, deps).catch((e: unknown) => e);
      expect((error as ServiceError).message).toMatch(/archived.*start-read-set-activation-job/);
    });
  });

  it('reopens from the cache with no network; a damaged entry is fetched again', async () => {
    const { deps } = remoteDeps(world.dir, 'offline');
    const range: [number, number] = [100_000, 150_000];
    const expected = world.bam.bam.subarray(range[0], range[1] + 1);
    await inWorld(world, async () => {
      const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
      await opened.source.read(...range);
    });
    // Nothing listens on port 9: every request fails to connect.
    await withEnv({ ...world.server.env(), AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }, async () => {
      const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
      expect(Buffer.from(await opened.source.read(...range)).equals(expected)).toBe(true);
      const missing = await opened.source.read(world.bam.bam.length - 2, world.bam.bam.length - 1).catch((e: unknown) => e);
      expect((missing as ServiceError).code).toBe('UNREACHABLE');
    });
    // Damage every cached part on disk (a byte in the payload): read again, it is refetched.
    const files = listFiles(join(world.dir, 'offline', 'cached')).filter((f) => statSync(f).size > 60_000);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.from([0x55, 0xaa]), 0, 2, 1000);
      closeSync(fd);
    }
    await inWorld(world, async () => {
      const opened = await openReadSet(connection, WORLD.sequenceStoreId, WORLD.readSetId, deps);
      expect(Buffer.from(await opened.source.read(...range)).equals(expected)).toBe(true);
      expect((await deps.cache.statistics()).corruptDropped).toBeGreaterThan(0);
    });
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}
