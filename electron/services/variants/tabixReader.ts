/**
 * Reading a tabix index (.tbi, or .csi with tabix's auxiliary header) to find which stretches of a
 * bgzipped, sorted text file (VCF, BED…) hold the records of a region. Follows the SAM/tabix
 * specifications; the region's lines are then read with BgzfReader, so a region costs the blocks it
 * touches. Our own reader: @gmod/tabix 3.x drops the last record of a file without a final newline.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { type BgzfReader } from './bgzfReader.js';

export type Chunk = { start: bigint; end: bigint };

type ContigIndex = { bins: Map<number, { chunks: Chunk[]; loffset?: bigint }>; linear: bigint[] };

export type TabixIndex = {
  kind: 'tbi' | 'csi';
  /** 0 generic, 1 SAM, 2 VCF (tabix's preset); the columns below are 1-based. */
  format: number;
  /** Tabix's flag for BED-like, 0-based half-open coordinates. */
  zeroBased: boolean;
  colSeq: number;
  colBeg: number;
  colEnd: number;
  meta: string;
  skip: number;
  minShift: number;
  depth: number;
  names: string[];
  contigs: ContigIndex[];
};

class Cursor {
  offset = 0;
  constructor(readonly bytes: Buffer) {}
  int32(): number {
    const value = this.bytes.readInt32LE(this.offset);
    this.offset += 4;
    return value;
  }
  uint32(): number {
    const value = this.bytes.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }
  uint64(): bigint {
    const value = this.bytes.readBigUInt64LE(this.offset);
    this.offset += 8;
    return value;
  }
  take(length: number): Buffer {
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

function tabixHeader(
  cursor: Cursor,
): Pick<TabixIndex, 'format' | 'zeroBased' | 'colSeq' | 'colBeg' | 'colEnd' | 'meta' | 'skip' | 'names'> {
  const format = cursor.int32();
  const colSeq = cursor.int32();
  const colBeg = cursor.int32();
  const colEnd = cursor.int32();
  const meta = String.fromCharCode(cursor.int32());
  const skip = cursor.int32();
  const namesLength = cursor.int32();
  const names = cursor.take(namesLength).toString('latin1').split('\0').filter(Boolean);
  return { format: format & 0xffff, zeroBased: (format & 0x10000) !== 0, colSeq, colBeg, colEnd, meta, skip, names };
}

/** Parses the bytes of a .tbi or .csi (BGZF or already inflated). Throws words on anything else. */
export function parseTabixIndex(raw: Buffer): TabixIndex {
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  const cursor = new Cursor(bytes);
  const magic = cursor.take(4).toString('latin1');
  if (magic === 'TBI\x01') {
    const refCount = cursor.int32();
    const header = tabixHeader(cursor);
    const contigs: ContigIndex[] = [];
    for (let r = 0; r < refCount; r++) {
      const bins = readBins(cursor, false);
      const intervalCount = cursor.int32();
      const linear: bigint[] = [];
      for (let i = 0; i < intervalCount; i++) linear.push(cursor.uint64());
      contigs.push({ bins, linear });
    }
    return { kind: 'tbi', minShift: 14, depth: 5, ...header, contigs };
  }
  if (magic === 'CSI\x01') {
    const minShift = cursor.int32();
    const depth = cursor.int32();
    const auxLength = cursor.int32();
    const aux = cursor.take(auxLength);
    if (auxLength < 28) throw new Error('a CSI index without a tabix header (columns, names): not for a text file');
    const header = tabixHeader(new Cursor(aux));
    const refCount = cursor.int32();
    const contigs: ContigIndex[] = [];
    for (let r = 0; r < refCount; r++) {
      contigs.push({ bins: readBins(cursor, true), linear: [] });
    }
    return { kind: 'csi', minShift, depth, ...header, contigs };
  }
  throw new Error(`not a tabix index (starts "${magic.replace(/[^\x20-\x7e]/g, '?')}")`);
}

/** One contig's bins: TBI and CSI write them alike, CSI with each bin's first offset (loffset) too. */
function readBins(cursor: Cursor, withLoffset: boolean): ContigIndex['bins'] {
  const bins: ContigIndex['bins'] = new Map();
  const binCount = cursor.int32();
  for (let b = 0; b < binCount; b++) {
    const bin = cursor.uint32();
    const loffset = withLoffset ? cursor.uint64() : undefined;
    const chunkCount = cursor.int32();
    const chunks: Chunk[] = [];
    for (let c = 0; c < chunkCount; c++) chunks.push({ start: cursor.uint64(), end: cursor.uint64() });
    bins.set(bin, loffset === undefined ? { chunks } : { chunks, loffset });
  }
  return bins;
}

/** The bins that may hold records overlapping [begin, end) (0-based, half-open): reg2bins. */
export function regionBins(begin: number, end: number, minShift: number, depth: number): number[] {
  const bins: number[] = [];
  const last = Math.max(begin, end - 1);
  let shift = minShift + depth * 3;
  for (let level = 0, first = 0; level <= depth; shift -= 3, first += 1 << (level * 3), level++) {
    const from = first + Math.floor(begin / 2 ** shift);
    const to = first + Math.floor(last / 2 ** shift);
    for (let bin = from; bin <= to; bin++) bins.push(bin);
  }
  return bins;
}

/** Contig index of a name, accepting "chr4" for "4" and back. */
export function contigIndex(index: TabixIndex, chrom: string): number {
  const exact = index.names.indexOf(chrom);
  if (exact >= 0) return exact;
  const alternative = /^chr/i.test(chrom) ? chrom.slice(3) : `chr${chrom}`;
  return index.names.indexOf(alternative);
}

/** The merged file stretches that hold every record overlapping [begin, end) of a contig. */
export function regionChunks(index: TabixIndex, contig: number, begin: number, end: number): Chunk[] {
  const ref = index.contigs[contig];
  if (!ref) return [];
  const minOffset = index.kind === 'tbi' ? (ref.linear[Math.min(begin >> 14, ref.linear.length - 1)] ?? 0n) : 0n;
  const found: Chunk[] = [];
  for (const bin of regionBins(begin, end, index.minShift, index.depth)) {
    for (const chunk of ref.bins.get(bin)?.chunks ?? []) if (chunk.end > minOffset) found.push({ ...chunk });
  }
  found.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: Chunk[] = [];
  for (const chunk of found) {
    const previous = merged[merged.length - 1];
    if (previous && chunk.start <= previous.end) {
      if (chunk.end > previous.end) previous.end = chunk.end;
    } else merged.push(chunk);
  }
  return merged;
}

/**
 * The records per contig as htslib counts them in each contig's pseudo-bin (tabix and bcftools
 * write it), or null when a contig with records lacks one. Contigs with no record are left out.
 */
export function indexedRecordCounts(index: TabixIndex): Map<string, number> | null {
  const pseudoBin = ((1 << ((index.depth + 1) * 3)) - 1) / 7 + 1;
  const counts = new Map<string, number>();
  for (const [i, contig] of index.contigs.entries()) {
    if (contig.bins.size === 0) continue;
    const counted = contig.bins.get(pseudoBin)?.chunks[1];
    if (!counted) return null;
    const records = Number(counted.start);
    if (records > 0) counts.set(index.names[i]!, records);
  }
  return counts;
}

export async function readTabixIndex(path: string): Promise<TabixIndex> {
  return parseTabixIndex(await readFile(path));
}

/** A line of a region: its text and 1-based start and end. */
export type RegionLine = { text: string; start: number; end: number };

/**
 * The data lines of an indexed file that overlap chrom:start-end (1-based, inclusive), in file
 * order. `maxLines` bounds the answer; `total` still counts every overlapping line.
 */
export async function readRegionLines(
  reader: BgzfReader,
  index: TabixIndex,
  region: { chrom: string; start: number; end: number },
  maxLines = Infinity,
): Promise<{ lines: RegionLine[]; total: number }> {
  const contig = contigIndex(index, region.chrom);
  const lines: RegionLine[] = [];
  let total = 0;
  if (contig < 0) return { lines, total };
  const name = index.names[contig]!;
  const decoder = new TextDecoder('utf-8');
  for (const chunk of regionChunks(index, contig, region.start - 1, region.end)) {
    const text = decoder.decode(await reader.read(chunk.start, chunk.end));
    // The last line may lack its newline (the file's last record): kept, unlike @gmod/tabix 3.x.
    for (const line of text.split('\n')) {
      const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (clean === '' || clean.startsWith(index.meta)) continue;
      const columns = clean.split('\t', Math.max(index.colSeq, index.colBeg, index.colEnd, 5));
      if (columns[index.colSeq - 1] !== name) continue;
      const begin = Number(columns[index.colBeg - 1]) + (index.zeroBased ? 1 : 0);
      const span = lineSpan(index, columns, begin);
      if (span.end < region.start) continue;
      if (span.start > region.end) break;
      total += 1;
      if (lines.length < maxLines) lines.push({ text: clean, ...span });
    }
  }
  return { lines, total };
}

/** 1-based inclusive span of a line: VCF from POS and REF's length, others from the index columns. */
function lineSpan(index: TabixIndex, columns: string[], begin: number): { start: number; end: number } {
  if (index.format === 2) return { start: begin, end: begin + Math.max(1, (columns[3] ?? 'N').length) - 1 };
  const end = index.colEnd > 0 && index.colEnd !== index.colBeg ? Number(columns[index.colEnd - 1]) : begin;
  return { start: begin, end: Number.isFinite(end) ? end : begin };
}
