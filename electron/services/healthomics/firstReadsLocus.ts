/**
 * Where a remote BAM's or CRAM's first reads lie. A BAM: the .bai (which igv.js reads whole anyway, so it comes
 * from the cache) gives the file offset of the first contig's first chunk; the read there names
 * its position. A genome view with no variant to go to starts at the 16 kb around it, rather than
 * at the whole genome, where no read is drawn. (Leaf bins cannot say it: htslib merges small bins
 * into their parents.) A CRAM: the .crai lists each slice's contig number and first position, and
 * the CRAM's header names the contig.
 */
import { gunzipSync } from 'node:zlib';
import { BgzfReader } from '../variants/bgzfReader.js';
import { bamContigs } from './bamContigs.js';
import { cramContigs } from './cramContigs.js';
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
    return windowAround(name, record.readInt32LE(8));
  }
  return null;
}

/**
 * From the .crai (gzipped text; a line a slice: contig number, alignment start, span, container
 * offset, slice offset, slice size): the first position on the lowest-numbered contig with reads
 * (-1 is unplaced reads). Null when the index holds none, or is not a .crai.
 */
export async function firstCramReadsLocus(cram: RangeSource, crai: RangeSource): Promise<string | null> {
  const stored = Buffer.from(await crai.read(0, crai.size - 1));
  const text = (stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : stored).toString('latin1');
  let first: { contig: number; start: number } | null = null;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const fields = line.split('\t').map(Number);
    if (fields.length !== 6 || fields.some((n) => !Number.isInteger(n))) return null;
    const [contig, start] = fields as [number, number];
    if (contig < 0) continue;
    if (!first || contig < first.contig || (contig === first.contig && start < first.start)) first = { contig, start };
  }
  if (!first) return null;
  const name = (await cramContigs(cram))[first.contig];
  return name ? windowAround(name, Math.max(0, first.start - 1)) : null;
}

/** The 16 kb window holding a 0-based position, as a 1-based locus. */
function windowAround(contig: string, position: number): string {
  const start = Math.floor(position / WINDOW) * WINDOW;
  return `${contig}:${start + 1}-${start + WINDOW}`;
}
