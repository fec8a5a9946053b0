/**
 * BGZF (blocked gzip, as bgzip writes it): the text cut into blocks of at most 0xff00 bytes, each a
 * gzip member whose "BC" extra field gives the block's size, then the standard empty EOF block.
 * Any gzip reader reads it; tabix indexes point into it by virtual offset.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** bgzip's block payload size: leaves room for the header and an incompressible deflate. */
const BLOCK_DATA_SIZE = 0xff00;
const HEADER_SIZE = 18;
const FOOTER_SIZE = 8;
const EOF_BLOCK = Buffer.from('1f8b08040000000000ff0600424302001b0003000000000000000000', 'hex');

function block(data: Uint8Array): Buffer {
  const deflated = deflateRawSync(data, { level: 6 });
  const out = Buffer.alloc(HEADER_SIZE + deflated.length + FOOTER_SIZE);
  // ID1 ID2 CM=deflate FLG=FEXTRA, MTIME=0, XFL=0, OS=unknown, XLEN=6, subfield 'B' 'C' of length 2.
  out.set([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0]);
  out.writeUInt16LE(out.length - 1, 16);
  out.set(deflated, HEADER_SIZE);
  out.writeUInt32LE(crc32(data), HEADER_SIZE + deflated.length);
  out.writeUInt32LE(data.length, HEADER_SIZE + deflated.length + 4);
  return out;
}

export type Bgzf = {
  bytes: Buffer;
  /** Virtual offset (compressed block start << 16 | offset in the block) of an uncompressed offset. */
  virtualOffset(uncompressedOffset: number): bigint;
};

export function bgzfCompress(data: Uint8Array): Bgzf {
  const blocks: Buffer[] = [];
  const blockStarts: number[] = [];
  let compressedOffset = 0;
  for (let start = 0; start < data.length; start += BLOCK_DATA_SIZE) {
    const compressed = block(data.subarray(start, start + BLOCK_DATA_SIZE));
    blockStarts.push(compressedOffset);
    blocks.push(compressed);
    compressedOffset += compressed.length;
  }
  blocks.push(EOF_BLOCK);
  return {
    bytes: Buffer.concat(blocks),
    virtualOffset(offset) {
      const index = Math.floor(offset / BLOCK_DATA_SIZE);
      // The end of the data points at the start of the EOF block, as htslib does.
      if (index >= blockStarts.length) return BigInt(compressedOffset) << 16n;
      return (BigInt(blockStarts[index]!) << 16n) | BigInt(offset - index * BLOCK_DATA_SIZE);
    },
  };
}
