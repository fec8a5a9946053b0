/** The variant reader the case service uses: the format is told from the content, then read. */
import { badFile } from '../errors.js';
import type { VariantReader } from '../sources.js';
import { readMaf } from './readMaf.js';
import { readSeg } from './readSeg.js';
import { detectVariantFormat, type VariantFormat } from './sniffVariantFormat.js';
import { describeReadError, readTextHead } from './textSource.js';
import { readVcf } from './vcf/readVcf.js';

export { sniffVariantFormat } from './sniffVariantFormat.js';

const READERS: Record<VariantFormat, VariantReader> = { VCF: readVcf, MAF: readMaf, SEG: readSeg };

export const readVariantFile: VariantReader = async (path) => {
  let head: string;
  try {
    head = await readTextHead(path);
  } catch (error) {
    const gzipBroken = (error as { code?: string }).code?.startsWith('Z_') ?? false;
    throw badFile(path, `${gzipBroken ? 'line 1: ' : ''}${describeReadError(error)}`);
  }
  if (head.length === 0) throw badFile(path, 'line 1: the file is empty');
  const format = detectVariantFormat(head);
  if (!format) {
    const opening = head
      .split(/\r\n|\n|\r/)[0]!
      .slice(0, 60)
      .replace(/[^\x20-\x7e]/g, '?');
    throw badFile(path, `line 1: not a VCF (##fileformat=VCF…), MAF or SEG file; it starts "${opening}"`);
  }
  return READERS[format](path);
};
