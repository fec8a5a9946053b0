/**
 * A bgzipped, indexed VCF read by region: its header once (from the first blocks), then for each
 * region only the blocks the index points to. This is how a whole-genome VCF far larger than the
 * table's cap is still browsable region by region.
 */
import { VariantColumnsBuilder } from '../../../../shared/model/variantColumns.js';
import type { Region, VariantRegion, VariantTable } from '../../../../shared/model/variants.js';
import { badFile } from '../../errors.js';
import { BgzfReader, forEachBgzfLine } from '../bgzfReader.js';
import type { ByteSource } from '../byteSource.js';
import { cappedWarning, INDEX_ADVICE, MAX_VARIANTS } from '../limits.js';
import { indexedRecordCounts, parseTabixIndex, readRegionLines, readTabixIndex, type TabixIndex } from '../tabixReader.js';
import { WarningList } from '../warningList.js';
import { parseVcfHeader, type HeaderLine, type VcfHeader } from './vcfHeader.js';
import { readVcf } from './readVcf.js';
import { VcfLineReader } from './vcfLine.js';
import { RecordProblem, recordVariants } from './vcfRecord.js';

/** The most variants one region answer holds. */
export const MAX_REGION_VARIANTS = 50_000;
/** A header longer than this is not a VCF header we will hold. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

export class IndexedVcf {
  private constructor(
    readonly path: string,
    private readonly reader: BgzfReader,
    readonly index: TabixIndex,
    readonly header: VcfHeader,
    readonly headerWarnings: string[],
  ) {
    this.lineReader = new VcfLineReader(header);
  }

  private readonly lineReader: VcfLineReader;

  static async open(path: string, indexPath: string): Promise<IndexedVcf> {
    let index: TabixIndex;
    try {
      index = await readTabixIndex(indexPath);
    } catch (error) {
      throw badFile(indexPath, `not a usable index: ${(error as Error).message}`);
    }
    return IndexedVcf.withReader(path, await BgzfReader.open(path), index);
  }

  /**
   * Over bytes from anywhere (a remote object read by ranges through the cache); `name` names the
   * file in messages (its URL), `indexName` the index.
   */
  static async over(name: string, source: ByteSource, indexName: string, indexBytes: Uint8Array): Promise<IndexedVcf> {
    let index: TabixIndex;
    try {
      index = parseTabixIndex(Buffer.from(indexBytes.buffer, indexBytes.byteOffset, indexBytes.byteLength));
    } catch (error) {
      throw badFile(indexName, `not a usable index: ${(error as Error).message}`);
    }
    return IndexedVcf.withReader(name, BgzfReader.over(source), index);
  }

  private static async withReader(path: string, reader: BgzfReader, index: TabixIndex): Promise<IndexedVcf> {
    try {
      const warnings = new WarningList();
      const header = await readHeader(path, reader, warnings);
      return new IndexedVcf(path, reader, index, header, warnings.list());
    } catch (error) {
      await reader.close();
      throw error;
    }
  }

  /**
   * The table of the file's first variants, up to the cap: only the blocks they are in are read.
   * Past the cap the record count and contigs come from the index, and the rest is read by region.
   */
  async firstVariants(maxVariants = MAX_VARIANTS): Promise<Omit<VariantTable, 'fileId' | 'fileName'>> {
    const read = await this.readFirst(maxVariants);
    if (!read.capped) return read;
    const counts = indexedRecordCounts(this.index);
    const advice = 'any region of it is read through its index';
    if (!counts) {
      const warning = `only the first ${maxVariants.toLocaleString('en-US')} variants are shown (the index does not count the file's records); ${advice}`;
      return { ...read, contigs: this.index.names, warnings: [...read.warnings, warning] };
    }
    const records = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return {
      ...read,
      records,
      contigs: [...counts.keys()],
      warnings: [...read.warnings, `${cappedWarning(records, maxVariants)}; ${advice}`],
    };
  }

  /**
   * The table reading the whole file would give (as `inspect` prints it), from only its first
   * `listed` variants and the index: the record count and contigs from the index's per-contig
   * counts, and the table's capped warning when that count is past the cap (one variant a record).
   * Warnings about records past those read are not seen. Null when there are more than `listed`
   * variants and the index does not count records.
   */
  async wholeFileTable(listed: number): Promise<Omit<VariantTable, 'fileId' | 'fileName'> | null> {
    const read = await this.readFirst(listed);
    if (!read.capped) return read;
    const counts = indexedRecordCounts(this.index);
    if (!counts) return null;
    const records = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const capped = records > MAX_VARIANTS;
    const warnings = capped ? [...read.warnings, `${cappedWarning(records)}; ${INDEX_ADVICE}`] : read.warnings;
    return { ...read, records, capped, contigs: [...counts.keys()], warnings };
  }

  /** The first variants from the first blocks, reading stopped at `maxVariants`. */
  private readFirst(maxVariants: number) {
    return readVcf(this.path, {
      maxVariants,
      stopAtCap: true,
      lines: { forEach: (onLine) => forEachBgzfLine(this.reader, onLine), size: this.reader.size },
    });
  }

  /** The variants overlapping a region (1-based, inclusive), read through the index. */
  async region(fileId: string, region: Region, maxVariants = MAX_REGION_VARIANTS): Promise<VariantRegion> {
    const warnings = new WarningList();
    const { lines, total } = await readRegionLines(this.reader, this.index, region, maxVariants);
    const variants = new VariantColumnsBuilder();
    for (const line of lines) {
      try {
        if (!this.lineReader.read(line.text, variants)) for (const v of recordVariants(line.text, this.header)) variants.push(v);
      } catch (error) {
        if (!(error instanceof RecordProblem)) throw error;
        warnings.add(`${line.text.split('\t', 2).join(':')}: ${error.message}; record skipped`);
      }
    }
    const capped = total > lines.length || variants.length > maxVariants;
    return { fileId, region, records: total, columns: variants.wire(maxVariants), capped, warnings: warnings.list() };
  }

  close(): Promise<void> {
    return this.reader.close();
  }
}

async function readHeader(path: string, reader: BgzfReader, warnings: WarningList): Promise<VcfHeader> {
  const lines: HeaderLine[] = [];
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let offset = 0;
  let read = 0;
  for (;;) {
    const block = await reader.blockAt(offset).catch((error: Error) => {
      throw badFile(path, `line ${lines.length + 1}: the bgzip data is broken (${error.message})`);
    });
    if (!block) break;
    offset += block.compressedSize;
    read += block.data.length;
    const parts = (pending + decoder.decode(block.data, { stream: true })).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      const text = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (!text.startsWith('#')) throw badFile(path, `line ${lines.length + 1}: a record before the #CHROM header line`);
      lines.push({ text, lineNumber: lines.length + 1 });
      if (!text.startsWith('##')) return parseVcfHeader(path, lines, warnings);
    }
    if (read > MAX_HEADER_BYTES) break;
  }
  if (pending.startsWith('#CHROM'))
    return parseVcfHeader(path, [...lines, { text: pending, lineNumber: lines.length + 1 }], warnings);
  throw badFile(path, `line ${lines.length + 1}: the header ends without a #CHROM line`);
}
