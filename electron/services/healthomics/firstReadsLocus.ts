/**
 * Where a remote BAM's first reads lie: the .bai (which igv.js reads whole anyway, so it comes
 * from the cache) gives the file offset of the first contig's first chunk; the read there names
 * its position. A genome view with no variant to go to starts at the 16 kb around it, rather than
 * at the whole genome, where no read is drawn. (Leaf bins cannot say it: htslib merges small bins
 * into their parents.)
 */
import { BgzfReader } from '../variants/bgzfReader.js';
import { bamContigs } from './bamContigs.js';
import type { RangeSource } from './partedFile.js';

/** htslib's pseudo-bin (the contig's span and counts), not a bin of reads. */
const PSEUDO_BIN = 37450;
const WINDOW = 1 << 14;

export async function firstReadsLocus(bam: RangeSource, bai: RangeSource): Promise<string | null> {
  const index = Buffer.from(await bai.read(0, bai.size - 1));
  if (index.subarray(0, 4).toString('latin1') !== 'BAI\x01') return null;
  const refCount = index.readInt32LE(4);
  let at = 8;
  for (let ref = 0; ref < refCount; ref++) {
    const binCount = index.readInt32LE(at);
    at += 4;
    let first: bigint | null = null;
    for (let b = 0; b < binCount; b++) {
      const bin = index.readUInt32LE(at);
      const chunkCount = index.readInt32LE(at + 4);
      for (let c = 0; c < chunkCount && bin !== PSEUDO_BIN; c++) {
        const start = index.readBigUInt64LE(at + 8 + 16 * c);
        if (first === null || start < first) first = start;
      }
      at += 8 + 16 * chunkCount;
    }
    at += 4 + 8 * index.readInt32LE(at); // the linear index
    if (first === null) continue;
    // The record there: block_size, refID, pos (0-based), all int32.
    const record = await BgzfReader.over(bam).read(first, first + (1n << 16n));
    if (record.length < 12 || record.readInt32LE(4) !== ref) return null;
    const name = (await bamContigs(bam))[ref];
    if (!name) return null;
    const start = Math.floor(record.readInt32LE(8) / WINDOW) * WINDOW;
    return `${name}:${start + 1}-${start + WINDOW}`;
  }
  return null;
}
