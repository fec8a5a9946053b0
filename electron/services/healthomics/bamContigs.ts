/**
 * The reference sequence names of a remote BAM, from its header (the first BGZF blocks, which
 * igv.js reads anyway, so they come from the cache). Used to check that a reference fits a read
 * set before the genome view takes it as its genome: a reference named "1, 2, …" under reads on
 * "chr1, chr2, …" would show no reads at all.
 */
import { inflateBlock } from '../variants/bgzfReader.js';
import type { RangeSource } from './partedFile.js';

const MAX_HEADER = 16 << 20;

export async function bamContigs(source: RangeSource): Promise<string[]> {
  let inflated = Buffer.alloc(0);
  let offset = 0;
  const need = async (bytes: number) => {
    while (inflated.length < bytes) {
      if (offset >= source.size || offset > MAX_HEADER) throw new Error('the BAM header is truncated or too large');
      const raw = Buffer.from(await source.read(offset, Math.min(source.size, offset + 65_536) - 1));
      const block = inflateBlock(raw);
      inflated = Buffer.concat([inflated, block.data]);
      offset += block.compressedSize;
    }
  };
  await need(8);
  if (inflated.subarray(0, 4).toString('latin1') !== 'BAM\x01') throw new Error('not a BAM file');
  const textLength = inflated.readInt32LE(4);
  await need(8 + textLength + 4);
  const count = inflated.readInt32LE(8 + textLength);
  const names: string[] = [];
  let at = 12 + textLength;
  for (let i = 0; i < count; i++) {
    await need(at + 4);
    const nameLength = inflated.readInt32LE(at);
    await need(at + 4 + nameLength + 4);
    names.push(inflated.subarray(at + 4, at + 4 + nameLength - 1).toString('utf8'));
    at += 4 + nameLength + 4;
  }
  return names;
}
