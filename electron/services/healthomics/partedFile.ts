/**
 * A remote file read in fixed-size blocks — a HealthOmics read set's parts, a reference's ranges,
 * an S3 object's ranges — as a byte source that answers any range: it maps start..end onto the
 * blocks that cover it, fetches only those (in parallel through the request queue, duplicates
 * coalesced, cancelled when the reader goes away), keeps each block in the disk cache, and cuts
 * the answer out of them. A block in the cache is read from disk without any network.
 */
import type { CacheGroup } from '../cache/diskCache.js';
import type { RequestQueue } from '../remote/requestQueue.js';

/** A byte source the binary handler serves with HTTP Range (local files are one kind, this another). */
export interface RangeSource {
  readonly size: number;
  /** Bytes start..end inclusive (end clamped to the file). */
  read(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array>;
}

export type PartedFileOptions = {
  /** Names the file in the cache (a read set and its file, an S3 URL with its ETag). */
  cacheKey: string;
  size: number;
  blockSize: number;
  /** Fetch block `n` (0-based): bytes n*blockSize .. min(size, (n+1)*blockSize) - 1. */
  fetchBlock(n: number, signal: AbortSignal): Promise<Uint8Array>;
  cache: CacheGroup;
  queue: RequestQueue<Uint8Array>;
  /** Called with each block's byte count as it arrives from the network (bench, progress). */
  onFetched?: (bytes: number) => void;
};

export class PartedFile implements RangeSource {
  readonly size: number;
  readonly blockSize: number;
  readonly blockCount: number;

  constructor(private readonly options: PartedFileOptions) {
    if (!(options.blockSize > 0)) throw new Error(`block size must be positive, not ${options.blockSize}`);
    this.size = options.size;
    this.blockSize = options.blockSize;
    this.blockCount = Math.max(1, Math.ceil(options.size / options.blockSize));
  }

  /** The blocks (0-based) that hold bytes start..end inclusive. */
  blocksOf(start: number, end: number): number[] {
    const last = Math.min(end, this.size - 1);
    if (start > last) return [];
    const blocks = [];
    for (let n = Math.floor(start / this.blockSize); n <= Math.floor(last / this.blockSize); n++) blocks.push(n);
    return blocks;
  }

  async read(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array> {
    const last = Math.min(end, this.size - 1);
    if (start < 0 || start > last) return new Uint8Array(0);
    const blocks = this.blocksOf(start, last);
    const pieces = await Promise.all(
      blocks.map((n) => {
        const from = Math.max(start, n * this.blockSize) - n * this.blockSize;
        const to = Math.min(last, (n + 1) * this.blockSize - 1) - n * this.blockSize;
        return this.readBlock(n, from, to, signal);
      }),
    );
    if (pieces.length === 1) return pieces[0];
    const out = new Uint8Array(last - start + 1);
    let at = 0;
    for (const piece of pieces) {
      out.set(piece, at);
      at += piece.byteLength;
    }
    return out;
  }

  /** Fetch every block into the cache (no bytes kept in memory), `onBlock` after each. */
  async fetchAll(signal: AbortSignal, onBlock: (done: number, total: number) => void): Promise<void> {
    let done = 0;
    for (let n = 0; n < this.blockCount; n++) {
      if (signal.aborted) throw signal.reason ?? new Error('cancelled');
      if (!(await this.options.cache.has(this.keyOf(n)))) await this.fetchBlock(n, signal);
      onBlock(++done, this.blockCount);
    }
  }

  /** Keep every block for offline use; false when one is missing from the cache. */
  async pinAll(): Promise<boolean> {
    let all = true;
    for (let n = 0; n < this.blockCount; n++) all = (await this.options.cache.pin(this.keyOf(n))) && all;
    return all;
  }

  /** How many blocks are on disk. */
  async cachedBlocks(): Promise<number> {
    let count = 0;
    for (let n = 0; n < this.blockCount; n++) if (await this.options.cache.has(this.keyOf(n))) count++;
    return count;
  }

  keyOf(n: number): string {
    return `${this.options.cacheKey}#${n}`;
  }

  private expectedLength(n: number): number {
    return Math.min(this.size, (n + 1) * this.blockSize) - n * this.blockSize;
  }

  private async readBlock(n: number, from: number, to: number, signal?: AbortSignal): Promise<Uint8Array> {
    const cached = await this.options.cache.read(this.keyOf(n), from, to);
    if (cached && cached.size === this.expectedLength(n)) return cached.bytes;
    const block = await this.fetchBlock(n, signal);
    return block.subarray(from, to + 1);
  }

  private fetchBlock(n: number, signal?: AbortSignal): Promise<Uint8Array> {
    // The queue is shared by every remote file: its key names the cache group too.
    return this.options.queue.run(
      `${this.options.cache.id}|${this.keyOf(n)}`,
      async (abort) => {
        const bytes = await this.options.fetchBlock(n, abort);
        if (bytes.byteLength !== this.expectedLength(n)) {
          throw new Error(`block ${n} of ${this.options.cacheKey} has ${bytes.byteLength} bytes, not ${this.expectedLength(n)}`);
        }
        this.options.onFetched?.(bytes.byteLength);
        await this.options.cache.put(this.keyOf(n), bytes, 'application/octet-stream');
        return bytes;
      },
      { signal },
    );
  }
}
