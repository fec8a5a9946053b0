/**
 * Random access into a BGZF file (bgzip): blocks read by their compressed offset, inflated one at a
 * time, so that a region of a large indexed file costs the blocks it touches, not the whole file.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

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
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<BgzfReader> {
    const handle = await open(path, 'r');
    try {
      return new BgzfReader(handle, (await handle.stat()).size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The block starting at a compressed offset, or null at the end of the file. */
  async blockAt(offset: number): Promise<BgzfBlock | null> {
    if (offset >= this.size) return null;
    const buffer = Buffer.alloc(Math.min(MAX_BLOCK, this.size - offset));
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, offset);
    return inflateBlock(buffer.subarray(0, bytesRead));
  }

  /**
   * The uncompressed bytes from virtual offset `start` up to `end` (exclusive), or to the end of
   * the block holding `end`'s compressed offset when `end` is undefined.
   */
  async read(start: bigint, end: bigint): Promise<Buffer> {
    const parts: Buffer[] = [];
    let offset = Number(start >> 16n);
    let within = Number(start & 0xffffn);
    const endBlock = Number(end >> 16n);
    const endWithin = Number(end & 0xffffn);
    while (offset <= endBlock) {
      const block = await this.blockAt(offset);
      if (!block) break;
      const stop = offset === endBlock ? Math.min(endWithin, block.data.length) : block.data.length;
      if (stop > within) parts.push(block.data.subarray(within, stop));
      within = 0;
      offset += block.compressedSize;
    }
    return Buffer.concat(parts);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
