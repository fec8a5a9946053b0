/**
 * The on-disk cache of remote data: HealthImaging frames, HealthOmics read-set parts and
 * reference ranges, S3 objects. One file per entry, in groups (an image set, a read set) so a
 * whole group can be listed, measured or dropped.
 *
 * - Written atomically: a temp file, fsync, rename. A kill at any moment leaves the old state or
 *   the new one; leftover temp files (a download cut short) are dropped at the next open.
 * - Checked on read: each entry ends with a trailer holding its key, type, size and a CRC-32 per
 *   block; an entry that does not match is deleted and reported as a miss, so it is fetched again.
 * - Two tiers: "cached" entries are evicted least recently used past the size limit; "pinned"
 *   entries (made available offline by the user) are never evicted, only dropped on request.
 *
 * Entry file: payload | trailer (UTF-8 JSON) | trailer length (u32 LE) | magic "TPCACHE1".
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

export type CacheTier = 'cached' | 'pinned';
export type CachedBytes = { bytes: Uint8Array; contentType: string };
export type CachedRange = CachedBytes & { size: number };

export type CacheStats = {
  entries: number;
  bytes: number;
  pinnedEntries: number;
  pinnedBytes: number;
  maxBytes: number;
  /** Entries found damaged on read since the cache was opened (deleted, to be fetched again). */
  corruptDropped: number;
  /** Entries evicted to stay under the limit since the cache was opened. */
  evicted: number;
};

type Trailer = { v: 1; key: string; contentType: string; size: number; blockSize: number; crcs: number[] };
type IndexEntry = { tier: CacheTier; size: number; lastUse: number; group: string };

const MAGIC = Buffer.from('TPCACHE1', 'latin1');
const FOOTER = 12; // trailer length + magic
const BLOCK = 1 << 20;
/** Entries up to this size are read whole in one call; larger ones by range, block by block. */
const SMALL = 1 << 20;
const MAX_TRAILER = 1 << 22;
/** Recency is written to the file's mtime at most this often per entry (it survives a restart). */
const TOUCH_EVERY_MS = 10 * 60_000;
const TMP = 'tmp';
/** Open entry files kept for reuse: a hit is then one positional read, as for a local DICOM tile. */
const OPEN_HANDLES = 256;

const hash = (text: string, length = 40) => createHash('sha256').update(text).digest('hex').slice(0, length);

export class DiskCache {
  private readonly index = new Map<string, IndexEntry>();
  private opened: Promise<void> | undefined;
  private stats = { corruptDropped: 0, evicted: 0 };
  private bytes = { cached: 0, pinned: 0 };
  private readonly handles = new Map<string, Promise<FileHandle>>();

  constructor(
    readonly dir: string,
    private maxBytes: number,
  ) {}

  /** A group of entries (one image set, one read set …), named by what it holds. */
  group(name: string): CacheGroup {
    return new CacheGroup(this, hash(name, 24));
  }

  setMaxBytes(maxBytes: number): Promise<void> {
    this.maxBytes = maxBytes;
    return this.evictPastLimit();
  }

  async statistics(): Promise<CacheStats> {
    await this.ready();
    let entries = 0;
    let pinnedEntries = 0;
    for (const e of this.index.values()) if (e.tier === 'pinned') pinnedEntries++;
    entries = this.index.size;
    return {
      entries,
      bytes: this.bytes.cached + this.bytes.pinned,
      pinnedEntries,
      pinnedBytes: this.bytes.pinned,
      maxBytes: this.maxBytes,
      ...this.stats,
    };
  }

  /** Scan the folder once: build the index, drop temp files left by a process that died. */
  ready(): Promise<void> {
    this.opened ??= this.scan();
    return this.opened;
  }

  // ---- used by CacheGroup ----

  /** @internal */
  pathOf(tier: CacheTier, group: string, keyHash: string): string {
    return join(this.dir, tier, group, keyHash);
  }

  /** @internal */
  entry(id: string): IndexEntry | undefined {
    return this.index.get(id);
  }

  /** @internal */
  groupEntries(group: string): Array<[string, IndexEntry]> {
    return [...this.index].filter(([, e]) => e.group === group);
  }

  /** @internal Note a hit: most recently used now (and, now and then, on disk). */
  touch(id: string, path: string): void {
    const e = this.index.get(id);
    if (!e) return;
    const now = Date.now();
    if (e.tier === 'cached') {
      this.index.delete(id);
      this.index.set(id, e);
    }
    if (now - e.lastUse > TOUCH_EVERY_MS) {
      const seconds = now / 1000;
      utimes(path, seconds, seconds).catch(() => {});
    }
    e.lastUse = now;
  }

  /** @internal */
  async writeEntry(
    tier: CacheTier,
    group: string,
    keyHash: string,
    key: string,
    chunks: AsyncIterable<Uint8Array> | Uint8Array,
    contentType: string,
  ): Promise<number> {
    await this.ready();
    const tmpDir = join(this.dir, TMP);
    await mkdir(tmpDir, { recursive: true });
    const temp = join(tmpDir, `${keyHash}.${process.pid}.${randomBytes(4).toString('hex')}`);
    const handle = await open(temp, 'w', 0o600);
    let size = 0;
    let diskSize = 0;
    const crcs: number[] = [];
    let blockCrc = 0;
    let blockFill = 0;
    try {
      const source = chunks instanceof Uint8Array ? [chunks] : chunks;
      for await (const chunk of source) {
        // CRC per block of BLOCK bytes, whatever the chunking of the source.
        let offset = 0;
        while (offset < chunk.byteLength) {
          const take = Math.min(BLOCK - blockFill, chunk.byteLength - offset);
          blockCrc = crc32(chunk.subarray(offset, offset + take), blockCrc);
          blockFill += take;
          offset += take;
          if (blockFill === BLOCK) {
            crcs.push(blockCrc);
            blockCrc = 0;
            blockFill = 0;
          }
        }
        await handle.write(chunk);
        size += chunk.byteLength;
      }
      if (blockFill > 0 || size === 0) crcs.push(blockCrc);
      const trailer: Trailer = { v: 1, key, contentType, size, blockSize: BLOCK, crcs };
      const trailerBytes = Buffer.from(JSON.stringify(trailer), 'utf8');
      const footer = Buffer.alloc(FOOTER);
      footer.writeUInt32LE(trailerBytes.byteLength, 0);
      MAGIC.copy(footer, 4);
      await handle.write(Buffer.concat([trailerBytes, footer]));
      diskSize = size + trailerBytes.byteLength + FOOTER;
      await handle.sync();
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => {});
      await rm(temp, { force: true });
      throw error;
    }
    const path = this.pathOf(tier, group, keyHash);
    await mkdir(join(this.dir, tier, group), { recursive: true });
    this.closeHandle(path);
    await rename(temp, path);
    const id = `${group}/${keyHash}`;
    const other = tier === 'pinned' ? 'cached' : 'pinned';
    const previous = this.index.get(id);
    if (previous) {
      this.bytes[previous.tier] -= previous.size;
      this.index.delete(id);
      if (previous.tier === other) await rm(this.pathOf(other, group, keyHash), { force: true });
    }
    // Sizes in the index are bytes on disk (what the limit is about), trailer included.
    this.index.set(id, { tier, size: diskSize, lastUse: Date.now(), group });
    this.bytes[tier] += diskSize;
    await this.evictPastLimit();
    return size;
  }

  /** @internal Read and check an entry, whole or a range of it; a damaged one is deleted. */
  async readEntry(id: string, key: string, range?: { start: number; end: number }): Promise<CachedRange | null> {
    await this.ready();
    const e = this.index.get(id);
    if (!e) return null;
    const [group, keyHash] = id.split('/');
    const path = this.pathOf(e.tier, group, keyHash);
    try {
      const handle = await this.handleFor(path);
      const found = e.size <= SMALL ? await readSmall(handle, e.size, key, range) : await readLarge(handle, e.size, key, range);
      if (!found) {
        await this.drop(id, 'corrupt');
        return null;
      }
      this.touch(id, path);
      return found;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        this.forget(id);
        return null;
      }
      // Closed under us by an eviction or a move: a miss, not damage.
      if (code === 'EBADF') return null;
      throw error;
    }
  }

  private handleFor(path: string): Promise<FileHandle> {
    let handle = this.handles.get(path);
    if (handle) {
      this.handles.delete(path);
      this.handles.set(path, handle);
      return handle;
    }
    handle = open(path, 'r');
    this.handles.set(path, handle);
    handle.catch(() => this.handles.delete(path));
    if (this.handles.size > OPEN_HANDLES) {
      const [oldest] = this.handles.keys();
      this.closeHandle(oldest);
    }
    return handle;
  }

  private closeHandle(path: string): void {
    const handle = this.handles.get(path);
    if (!handle) return;
    this.handles.delete(path);
    handle.then(
      (h) => h.close().catch(() => {}),
      () => {},
    );
  }

  /** Close every open entry file (the cache stays usable: files are opened again on need). */
  close(): void {
    for (const path of [...this.handles.keys()]) this.closeHandle(path);
  }

  /** @internal Move an entry between tiers (pin for offline, or unpin) without rewriting it. */
  async moveEntry(id: string, tier: CacheTier): Promise<boolean> {
    await this.ready();
    const e = this.index.get(id);
    if (!e) return false;
    if (e.tier === tier) return true;
    const [group, keyHash] = id.split('/');
    await mkdir(join(this.dir, tier, group), { recursive: true });
    this.closeHandle(this.pathOf(e.tier, group, keyHash));
    await rename(this.pathOf(e.tier, group, keyHash), this.pathOf(tier, group, keyHash));
    this.bytes[e.tier] -= e.size;
    this.bytes[tier] += e.size;
    this.index.delete(id);
    this.index.set(id, { ...e, tier });
    await this.evictPastLimit();
    return true;
  }

  /** @internal */
  async drop(id: string, why: 'corrupt' | 'evicted' | 'removed'): Promise<void> {
    const e = this.index.get(id);
    if (!e) return;
    const [group, keyHash] = id.split('/');
    this.forget(id);
    if (why === 'corrupt') this.stats.corruptDropped++;
    if (why === 'evicted') this.stats.evicted++;
    this.closeHandle(this.pathOf(e.tier, group, keyHash));
    await unlink(this.pathOf(e.tier, group, keyHash)).catch(() => {});
  }

  private forget(id: string): void {
    const e = this.index.get(id);
    if (!e) return;
    this.bytes[e.tier] -= e.size;
    this.index.delete(id);
  }

  private async evictPastLimit(): Promise<void> {
    if (this.bytes.cached + this.bytes.pinned <= this.maxBytes) return;
    // The Map keeps cached entries in order of use: the first ones are the least recently used.
    const victims: string[] = [];
    let total = this.bytes.cached + this.bytes.pinned;
    for (const [id, e] of this.index) {
      if (total <= this.maxBytes) break;
      if (e.tier !== 'cached') continue;
      victims.push(id);
      total -= e.size;
    }
    for (const id of victims) await this.drop(id, 'evicted');
  }

  private async scan(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await dropDeadTemps(join(this.dir, TMP));
    const found: Array<[string, IndexEntry]> = [];
    for (const tier of ['cached', 'pinned'] as const) {
      const groups = await readdir(join(this.dir, tier)).catch(() => [] as string[]);
      for (const group of groups) {
        const names = await readdir(join(this.dir, tier, group)).catch(() => [] as string[]);
        for (const name of names) {
          const s = await stat(join(this.dir, tier, group, name)).catch(() => null);
          if (!s?.isFile() || s.size < FOOTER) continue;
          found.push([`${group}/${name}`, { tier, size: s.size, lastUse: s.mtimeMs, group }]);
        }
      }
    }
    found.sort((a, b) => a[1].lastUse - b[1].lastUse);
    for (const [id, e] of found) {
      this.index.set(id, e);
      this.bytes[e.tier] += e.size;
    }
  }
}

/** The entries of one group. Keys are any strings (frame ids, part numbers, byte ranges). */
export class CacheGroup {
  constructor(
    private readonly cache: DiskCache,
    readonly id: string,
  ) {}

  private idOf(key: string): { id: string; keyHash: string } {
    const keyHash = hash(key);
    return { id: `${this.id}/${keyHash}`, keyHash };
  }

  async has(key: string): Promise<boolean> {
    await this.cache.ready();
    return this.cache.entry(this.idOf(key).id) !== undefined;
  }

  async tierOf(key: string): Promise<CacheTier | null> {
    await this.cache.ready();
    return this.cache.entry(this.idOf(key).id)?.tier ?? null;
  }

  async get(key: string): Promise<CachedBytes | null> {
    const found = await this.cache.readEntry(this.idOf(key).id, key);
    return found ? { bytes: found.bytes, contentType: found.contentType } : null;
  }

  /** Bytes start..end (inclusive) of an entry, checked block by block. */
  read(key: string, start: number, end: number): Promise<CachedRange | null> {
    return this.cache.readEntry(this.idOf(key).id, key, { start, end });
  }

  /** Store an entry (whole bytes, or streamed chunks for big ones); returns its size. */
  put(
    key: string,
    data: Uint8Array | AsyncIterable<Uint8Array>,
    contentType: string,
    tier: CacheTier = 'cached',
  ): Promise<number> {
    const { keyHash } = this.idOf(key);
    return this.cache.writeEntry(tier, this.id, keyHash, key, data, contentType);
  }

  /** Keep an entry for offline use (never evicted). False when it is not in the cache. */
  pin(key: string): Promise<boolean> {
    return this.cache.moveEntry(this.idOf(key).id, 'pinned');
  }

  /** The group's size on disk, all and pinned. */
  async size(): Promise<{ entries: number; bytes: number; pinnedEntries: number; pinnedBytes: number }> {
    await this.cache.ready();
    let bytes = 0;
    let pinnedBytes = 0;
    let pinnedEntries = 0;
    const entries = this.cache.groupEntries(this.id);
    for (const [, e] of entries) {
      bytes += e.size;
      if (e.tier === 'pinned') {
        pinnedBytes += e.size;
        pinnedEntries++;
      }
    }
    return { entries: entries.length, bytes, pinnedEntries, pinnedBytes };
  }

  /** Unpin every entry (they stay cached until evicted), or remove them all. */
  async release(how: 'unpin' | 'remove'): Promise<void> {
    await this.cache.ready();
    for (const [id] of this.cache.groupEntries(this.id)) {
      if (how === 'remove') await this.cache.drop(id, 'removed');
      else await this.cache.moveEntry(id, 'cached');
    }
  }
}

function parseTrailer(footer: Buffer, fileSize: number): number | null {
  if (footer.byteLength !== FOOTER || !footer.subarray(4).equals(MAGIC)) return null;
  const length = footer.readUInt32LE(0);
  if (length > MAX_TRAILER || length + FOOTER > fileSize) return null;
  return length;
}

function checkTrailer(text: string, key: string, payloadSize: number): Trailer | null {
  try {
    const t = JSON.parse(text) as Trailer;
    if (t.v !== 1 || t.key !== key || t.size !== payloadSize || typeof t.contentType !== 'string') return null;
    if (!Array.isArray(t.crcs) || t.blockSize !== BLOCK || t.crcs.length !== Math.max(1, Math.ceil(t.size / BLOCK))) return null;
    return t;
  } catch {
    return null;
  }
}

async function readSmall(
  handle: FileHandle,
  fileSize: number,
  key: string,
  range?: { start: number; end: number },
): Promise<CachedRange | null> {
  const file = Buffer.allocUnsafe(fileSize);
  const { bytesRead } = await handle.read(file, 0, fileSize, 0);
  if (bytesRead !== fileSize) return null;
  const length = parseTrailer(file.subarray(file.byteLength - FOOTER), file.byteLength);
  if (length === null) return null;
  const payloadSize = file.byteLength - FOOTER - length;
  const trailer = checkTrailer(file.toString('utf8', payloadSize, payloadSize + length), key, payloadSize);
  if (!trailer) return null;
  const payload = file.subarray(0, payloadSize);
  if (crc32(payload) !== trailer.crcs[0]) return null;
  const bytes = range ? payload.subarray(range.start, Math.min(range.end, payloadSize - 1) + 1) : payload;
  return { bytes: plain(bytes), contentType: trailer.contentType, size: payloadSize };
}

async function readLarge(
  handle: FileHandle,
  fileSize: number,
  key: string,
  range?: { start: number; end: number },
): Promise<CachedRange | null> {
  const footer = Buffer.alloc(FOOTER);
  if ((await handle.read(footer, 0, FOOTER, fileSize - FOOTER)).bytesRead !== FOOTER) return null;
  const length = parseTrailer(footer, fileSize);
  if (length === null) return null;
  const payloadSize = fileSize - FOOTER - length;
  const trailerBytes = Buffer.alloc(length);
  await handle.read(trailerBytes, 0, length, payloadSize);
  const trailer = checkTrailer(trailerBytes.toString('utf8'), key, payloadSize);
  if (!trailer) return null;
  const start = range?.start ?? 0;
  const end = Math.min(range?.end ?? payloadSize - 1, payloadSize - 1);
  if (start > end) return { bytes: new Uint8Array(0), contentType: trailer.contentType, size: payloadSize };
  // Read the whole blocks the range touches, check them, hand back the range.
  const firstBlock = Math.floor(start / BLOCK);
  const lastBlock = Math.floor(end / BLOCK);
  const from = firstBlock * BLOCK;
  const to = Math.min(payloadSize, (lastBlock + 1) * BLOCK);
  const buffer = Buffer.alloc(to - from);
  if ((await handle.read(buffer, 0, buffer.byteLength, from)).bytesRead !== buffer.byteLength) return null;
  for (let b = firstBlock; b <= lastBlock; b++) {
    const slice = buffer.subarray((b - firstBlock) * BLOCK, Math.min(buffer.byteLength, (b - firstBlock + 1) * BLOCK));
    if (crc32(slice) !== trailer.crcs[b]) return null;
  }
  return { bytes: plain(buffer.subarray(start - from, end - from + 1)), contentType: trailer.contentType, size: payloadSize };
}

/** A Uint8Array view of a Buffer's bytes (no copy): callers get the plain type the contract uses. */
const plain = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Temp files whose writer is gone: a download or write cut short by a crash or a kill. */
async function dropDeadTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(name.split('.')[1]);
    if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && isAlive(pid))) continue;
    await rm(join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
