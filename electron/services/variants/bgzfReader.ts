/**
 * Random access into a BGZF file (bgzip): blocks read by their compressed offset, inflated one at a
 * time, so that a region of a large indexed file costs the blocks it touches, not the whole file.
 * The bytes come from any byte source: a local file, or a remote object read by ranges.
 */
import { inflateRawSync } from 'node:zlib';
import { openFileSource, type ByteSource } from './byteSource.js';

/** A BGZF block is at most 64 KiB compressed. */
const MAX_BLOCK = 0x10000;

/** Is this the start of a BGZF block: gzip, FEXTRA, with a 'BC' subfield of length 2? */
export function isBgzfHeader(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 18 &&
    bytes[0] === 0x1f &&
    bytes[1] === 0x8b &&
    bytes[2] === 8 &&
    (bytes[3]! & 4) !== 0 &&
    bytes[12] === 0x42 &&
    bytes[13] === 0x43 &&
    bytes[14] === 2 &&
    bytes[15] === 0
  );
}

export type BgzfBlock = { data: Buffer; compressedSize: number };

/** Inflates the block at the start of `bytes`; throws when it is not one. */
export function inflateBlock(bytes: Buffer): BgzfBlock {
  if (!isBgzfHeader(bytes)) throw new Error('not a BGZF block');
  const compressedSize = bytes.readUInt16LE(16) + 1;
  if (compressedSize > bytes.length) throw new Error('truncated BGZF block');
  const xlen = bytes.readUInt16LE(10);
  const data = inflateRawSync(bytes.subarray(12 + xlen, compressedSize - 8));
  return { data, compressedSize };
}

export class BgzfReader {
  readonly size: number;

  private constructor(
    private readonly source: ByteSource,
    private readonly release: () => Promise<void>,
  ) {
    this.size = source.size;
  }

  static async open(path: string): Promise<BgzfReader> {
    const file = await openFileSource(path);
    return new BgzfReader(file, () => file.close());
  }

  /** Over bytes someone else owns (a remote object through the cache): closing leaves them be. */
  static over(source: ByteSource): BgzfReader {
    return new BgzfReader(source, async () => {});
  }

  /** The block starting at a compressed offset, or null at the end of the file. */
  async blockAt(offset: number): Promise<BgzfBlock | null> {
    if (offset >= this.size) return null;
    const bytes = await this.source.read(offset, Math.min(this.size, offset + MAX_BLOCK) - 1);
    return inflateBlock(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /**
   * The uncompressed bytes from virtual offset `start` up to `end` (exclusive), or to the end of
   * the block holding `end`'s compressed offset when `end` is undefined.
   */
  async read(start: bigint, end: bigint): Promise<Buffer> {
    const parts: Buffer[] = [];
    const first = Number(start >> 16n);
    let within = Number(start & 0xffffn);
    const endBlock = Number(end >> 16n);
    const endWithin = Number(end & 0xffffn);
    if (first >= this.size || first > endBlock) return Buffer.alloc(0);
    // The compressed span in one read (its last block is at most 64 KiB): one request of the
    // source per chunk, not one per block.
    const span = await this.source.read(first, Math.min(this.size, endBlock + MAX_BLOCK) - 1);
    const bytes = Buffer.from(span.buffer, span.byteOffset, span.byteLength);
    for (let at = 0; first + at <= endBlock && at < bytes.length;) {
      const block = inflateBlock(bytes.subarray(at));
      const stop = first + at === endBlock ? Math.min(endWithin, block.data.length) : block.data.length;
      if (stop > within) parts.push(block.data.subarray(within, stop));
      within = 0;
      at += block.compressedSize;
    }
    return Buffer.concat(parts);
  }

  close(): Promise<void> {
    return this.release();
  }
}

/**
 * Calls `onLine` for each line of the whole text, block after block from the start, without its
 * terminator (`\n` or `\r\n`); stops as soon as `onLine` returns false, so reading the first
 * lines of a large file costs only the blocks they are in.
 */
export async function forEachBgzfLine(
  reader: BgzfReader,
  onLine: (line: string, lineNumber: number) => boolean | void,
): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let lineNumber = 0;
  const emit = (text: string): boolean => onLine(text.endsWith('\r') ? text.slice(0, -1) : text, ++lineNumber) !== false;
  for (let offset = 0; ;) {
    const block = await reader.blockAt(offset);
    if (!block) break;
    offset += block.compressedSize;
    const text = pending + decoder.decode(block.data, { stream: true });
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      if (!emit(text.slice(start, i))) return;
      start = i + 1;
    }
    pending = text.slice(start);
  }
  pending += decoder.decode();
  if (pending.length > 0) emit(pending);
}
