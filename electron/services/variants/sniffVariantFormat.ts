/**
 * Which variant format a file holds, told from its first lines (never from its name): VCF by its
 * `##fileformat=VCF` line, MAF and SEG by their header columns. Gzip and bgzip are looked inside.
 */
import type { VariantTable } from '../../../shared/model/variants.js';
import { readTextHead } from './textSource.js';

export type VariantFormat = VariantTable['format'];

/** Column names compared without case or punctuation: "Start_position", "loc.start", "Start.bp". */
export const normalizeColumn = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export const MAF_REQUIRED_COLUMNS = ['Hugo_Symbol', 'Chromosome', 'Start_Position'];

export function isMafHeader(columns: string[]): boolean {
  const present = new Set(columns.map(normalizeColumn));
  return MAF_REQUIRED_COLUMNS.every((column) => present.has(normalizeColumn(column)));
}

/**
 * SEG (DNAcopy / IGV / GDC) has no fixed names, only a fixed order: sample, chromosome, start, end,
 * [number of markers], mean (log2 ratio). We check the positions by the names' usual spellings.
 */
const SEG_COLUMNS: Array<[index: number | 'last', pattern: RegExp]> = [
  [1, /^(chrom|chromosome|chr)$/],
  [2, /^(locstart|start|startbp|startpos|startposition)$/],
  [3, /^(locend|end|endbp|endpos|endposition)$/],
  ['last', /(segmean|segmentmean|mean|log2|ratio|value|copynumber|cn)/],
];

export function isSegHeader(columns: string[]): boolean {
  if (columns.length < 5) return false;
  const names = columns.map(normalizeColumn);
  return SEG_COLUMNS.every(([index, pattern]) => pattern.test(names[index === 'last' ? names.length - 1 : index] ?? ''));
}

/** The format of a file's opening text, or null. */
export function detectVariantFormat(head: string): VariantFormat | null {
  const text = head.replace(/^\uFEFF/, '');
  if (text.startsWith('##fileformat=VCF')) return 'VCF';
  const header = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '' && !line.startsWith('#'));
  if (header === undefined) return null;
  const columns = header.split('\t').map((column) => column.trim());
  if (isMafHeader(columns)) return 'MAF';
  if (isSegHeader(columns)) return 'SEG';
  return null;
}

/** The file's variant format, or null when it is none (or cannot be read). Reads only its first KBs. */
export async function sniffVariantFormat(path: string): Promise<VariantFormat | null> {
  try {
    return detectVariantFormat(await readTextHead(path));
  } catch {
    return null;
  }
}
