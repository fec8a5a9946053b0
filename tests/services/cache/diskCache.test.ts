import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../../electron/services/cache/diskCache.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'triptych-cache-'));
const bytes = (n: number, seed = 1) => {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
};
/** Every entry file under a cache folder (both tiers). */
const entryFiles = (dir: string) =>
  ['cached', 'pinned'].flatMap((tier) => {
    try {
      return readdirSync(join(dir, tier)).flatMap((g) => readdirSync(join(dir, tier, g)).map((f) => join(dir, tier, g, f)));
    } catch {
      return [];
    }
  });

describe('DiskCache', () => {
  it('keeps what it is given, across a reopen', async () => {
    const dir = fresh();
    const frames = new DiskCache(dir, 1 << 30).group('imageset-1');
    await frames.put('frame-a', bytes(5000), 'image/jpeg');
    await frames.put('frame-b', bytes(70, 2), 'image/jph');
    const again = new DiskCache(dir, 1 << 30).group('imageset-1');
    expect(await again.get('frame-a')).toEqual({ bytes: bytes(5000), contentType: 'image/jpeg' });
    expect((await again.get('frame-b'))?.contentType).toBe('image/jph');
    expect(await again.get('frame-c')).toBeNull();
    // Groups are apart: the same key in another image set is another entry.
    expect(await new DiskCache(dir, 1 << 30).group('imageset-2').get('frame-a')).toBeNull();
  });

  it('reads byte ranges of a big entry, checking only the blocks they touch', async () => {
    const dir = fresh();
    const parts = new DiskCache(dir, 1 << 30).group('readset-1');
    const part = bytes(3 * (1 << 20) + 12345, 7);
    async function* chunks() {
      for (let at = 0; at < part.length; at += 100_000) yield part.subarray(at, at + 100_000);
    }
    expect(await parts.put('SOURCE1/part-1', chunks(), 'application/octet-stream')).toBe(part.length);
    for (const [start, end] of [
      [0, 9],
      [(1 << 20) - 5, (1 << 20) + 5],
      [part.length - 100, part.length - 1],
      [2_000_000, 3_200_000],
    ]) {
      const got = await parts.read('SOURCE1/part-1', start, end);
      expect(got?.size).toBe(part.length);
      expect(Buffer.from(got!.bytes).equals(Buffer.from(part.subarray(start, end + 1)))).toBe(true);
    }
  });

  it('a damaged entry is a miss (and is deleted), never wrong bytes', async () => {
    const dir = fresh();
    const cache = new DiskCache(dir, 1 << 30);
    await cache.group('g').put('small', bytes(4000), 'image/jpeg');
    await cache.group('g').put('big', bytes(2 * (1 << 20) + 10), 'application/octet-stream');
    for (const file of entryFiles(dir)) {
      const content = readFileSync(file);
      content[10] ^= 0xff; // one flipped byte in the payload
      writeFileSync(file, content);
    }
    const reopened = new DiskCache(dir, 1 << 30);
    expect(await reopened.group('g').get('small')).toBeNull();
    expect(await reopened.group('g').read('big', 0, 100)).toBeNull();
    expect((await reopened.statistics()).corruptDropped).toBe(2);
    expect(entryFiles(dir)).toHaveLength(0);
    // A range that misses the damaged block is still served; here the block was the first, so nothing is.
  });

  it('a truncated entry (torn by a crash before the rename could not happen, but say a disk fault) is a miss', async () => {
    const dir = fresh();
    const cache = new DiskCache(dir, 1 << 30);
    await cache.group('g').put('frame', bytes(3000), 'image/jpeg');
    const [file] = entryFiles(dir);
    writeFileSync(file, readFileSync(file).subarray(0, 2000));
    expect(await new DiskCache(dir, 1 << 30).group('g').get('frame')).toBeNull();
  });

  it('evicts the least recently used past its limit, never a pinned entry', async () => {
    const dir = fresh();
    const entry = 10_000;
    const cache = new DiskCache(dir, 5.5 * entry);
    const g = cache.group('slide');
    await g.put('pinned-1', bytes(entry), 'image/jpeg', 'pinned');
    for (const k of ['a', 'b', 'c', 'd']) await g.put(k, bytes(entry), 'image/jpeg');
    await g.get('a'); // a is now more recent than b
    await g.put('e', bytes(entry), 'image/jpeg'); // over the limit: b goes
    expect(await g.has('b')).toBe(false);
    for (const k of ['pinned-1', 'a', 'c', 'd', 'e']) expect(await g.has(k)).toBe(true);
    await cache.setMaxBytes(2 * entry);
    expect(await g.has('pinned-1')).toBe(true);
    const stats = await cache.statistics();
    expect(stats.pinnedEntries).toBe(1);
    expect(stats.evicted).toBeGreaterThanOrEqual(4);
    expect(stats.bytes).toBeLessThanOrEqual(2 * entry);
  });

  it('pins for offline use without rewriting, and releases a whole group', async () => {
    const dir = fresh();
    const cache = new DiskCache(dir, 1 << 30);
    const g = cache.group('imageset');
    await g.put('f1', bytes(100), 'image/jpeg');
    expect(await g.pin('f1')).toBe(true);
    expect(await g.pin('not-there')).toBe(false);
    expect(await g.tierOf('f1')).toBe('pinned');
    expect(await new DiskCache(dir, 1 << 30).group('imageset').tierOf('f1')).toBe('pinned');
    expect((await g.size()).pinnedEntries).toBe(1);
    await g.release('unpin');
    expect(await g.tierOf('f1')).toBe('cached');
    await g.release('remove');
    expect(await g.has('f1')).toBe(false);
  });

  it('survives SIGKILL at any moment while writing: entries are whole or absent, temp files dropped', async () => {
    const dir = fresh();
    const writer = resolve(import.meta.dirname, 'cacheWriter.fixture.ts');
    for (let round = 0; round < 40; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, String(round)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
      await new Promise((wait) => setTimeout(wait, (round * 13) % 60));
      child.kill('SIGKILL');
      await new Promise((exited) => child.once('exit', exited));
    }
    const cache = new DiskCache(dir, 2 ** 40);
    const stats = await cache.statistics();
    expect(stats.entries).toBeGreaterThan(0);
    // Every entry the writer could have made: present means exactly its bytes.
    let present = 0;
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 400; i++) {
        const got = await cache.group(`round-${round}`).get(`frame-${i}`);
        if (!got) continue;
        present++;
        expect(Buffer.from(got.bytes).equals(Buffer.from(bytes(20_000 + i, round * 1000 + i)))).toBe(true);
      }
    }
    expect(present).toBe(stats.entries);
    expect((await cache.statistics()).corruptDropped).toBe(0);
    expect(readdirSync(join(dir, 'tmp'))).toHaveLength(0);
  }, 120_000);
});
