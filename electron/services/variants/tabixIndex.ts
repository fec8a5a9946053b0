/**
 * A tabix (.tbi) index of a bgzipped, sorted VCF, following the SAM/tabix specification: per
 * contig the UCSC binning scheme (16 kb leaves, 5 levels) and a linear index of 16 kb windows.
 * htslib would further merge small neighbouring bins; readers do not need that.
 */
import { bgzfCompress, type Bgzf } from './bgzf.js';

/** One data line: its contig, 0-based half-open span, and where its text starts and ends. */
export type IndexedLine = { chrom: string; begin: number; end: number; textStart: number; textEnd: number };

const LINEAR_SHIFT = 14;
const PSEUDO_BIN = 37450;
const TBX_VCF = 2;

/** The smallest bin holding [begin, end), as in the SAM specification's reg2bin. */
export function regionToBin(begin: number, end: number): number {
  const last = end - 1;
  if (begin >> 14 === last >> 14) return ((1 << 15) - 1) / 7 + (begin >> 14);
  if (begin >> 17 === last >> 17) return ((1 << 12) - 1) / 7 + (begin >> 17);
  if (begin >> 20 === last >> 20) return ((1 << 9) - 1) / 7 + (begin >> 20);
  if (begin >> 23 === last >> 23) return ((1 << 6) - 1) / 7 + (begin >> 23);
  if (begin >> 26 === last >> 26) return ((1 << 3) - 1) / 7 + (begin >> 26);
  return 0;
}

type Chunk = { start: bigint; end: bigint };
type ContigIndex = { bins: Map<number, Chunk[]>; linear: bigint[]; first: bigint; last: bigint; count: number };

/** The .tbi bytes (itself BGZF-compressed) for lines of `compressed`, which must be sorted. */
export function tabixIndexVcf(lines: IndexedLine[], compressed: Bgzf): Buffer {
  const contigs = new Map<string, ContigIndex>();
  for (const line of lines) {
    const start = compressed.virtualOffset(line.textStart);
    const end = compressed.virtualOffset(line.textEnd);
    let contig = contigs.get(line.chrom);
    if (!contig) contigs.set(line.chrom, (contig = { bins: new Map(), linear: [], first: start, last: end, count: 0 }));
    contig.last = end;
    contig.count += 1;
    const bin = regionToBin(line.begin, line.end);
    const chunks = contig.bins.get(bin) ?? [];
    const previous = chunks[chunks.length - 1];
    // Consecutive lines in one bin make one chunk.
    if (previous && previous.end === start) previous.end = end;
    else chunks.push({ start, end });
    contig.bins.set(bin, chunks);
    for (let window = line.begin >> LINEAR_SHIFT; window <= (line.end - 1) >> LINEAR_SHIFT; window++) {
      contig.linear[window] ??= start;
    }
  }

  const names = Buffer.from([...contigs.keys()].map((name) => `${name}\0`).join(''), 'latin1');
  const parts: Buffer[] = [
    Buffer.from('TBI\x01', 'latin1'),
    int32s(contigs.size, TBX_VCF, 1, 2, 0, '#'.charCodeAt(0), 0, names.length),
    names,
  ];
  for (const contig of contigs.values()) {
    parts.push(int32s(contig.bins.size + 1));
    for (const [bin, chunks] of [...contig.bins].sort(([a], [b]) => a - b)) {
      parts.push(int32s(bin, chunks.length), ...chunks.map(({ start, end }) => uint64s(start, end)));
    }
    // htslib's pseudo-bin: the contig's span in the file and its record counts (mapped, unmapped).
    parts.push(int32s(PSEUDO_BIN, 2), uint64s(contig.first, contig.last, BigInt(contig.count), 0n));
    parts.push(int32s(contig.linear.length), uint64s(...filledLinearIndex(contig)));
  }
  parts.push(uint64s(0n)); // records with no coordinate
  return bgzfCompress(Buffer.concat(parts)).bytes;
}

/** Windows no record overlaps take the previous window's offset (the contig's first before any), as htslib does. */
function filledLinearIndex(contig: ContigIndex): bigint[] {
  let previous = contig.first;
  return Array.from(contig.linear, (offset) => (previous = offset ?? previous));
}

function int32s(...values: number[]): Buffer {
  const out = Buffer.alloc(4 * values.length);
  values.forEach((value, i) => out.writeInt32LE(value, 4 * i));
  return out;
}

function uint64s(...values: bigint[]): Buffer {
  const out = Buffer.alloc(8 * values.length);
  values.forEach((value, i) => out.writeBigUInt64LE(value, 8 * i));
  return out;
}
