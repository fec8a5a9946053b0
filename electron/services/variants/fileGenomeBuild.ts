/**
 * The genome build a variant file names, read from its head only: the case scan checks every variant
 * file against case.json without reading the records (a 1 GB VCF costs the same as a small one).
 */
import { buildFromName } from './genomeBuild.js';
import { detectVariantFormat, normalizeColumn } from './sniffVariantFormat.js';
import { readTextHead } from './textSource.js';
import { parseVcfHeader, type HeaderLine } from './vcf/vcfHeader.js';
import { WarningList } from './warningList.js';

/** Enough text for the contig lines of chromosome 1 and `##reference`, which come first in practice. */
const HEAD_CHARS = 256 * 1024;

/** undefined when the file names no build (or is a SEG, whose format has no place for one). */
export async function fileGenomeBuild(path: string): Promise<string | undefined> {
  const head = await readTextHead(path, HEAD_CHARS).catch(() => '');
  const lines = head.split(/\r\n|\r|\n/);
  switch (detectVariantFormat(head)) {
    case 'VCF':
      return vcfHeadBuild(path, lines);
    case 'MAF':
      return mafHeadBuild(lines);
    default:
      return undefined;
  }
}

function vcfHeadBuild(path: string, lines: string[]): string | undefined {
  const header: HeaderLine[] = [];
  for (const [index, text] of lines.entries()) {
    if (!text.startsWith('#')) return undefined;
    header.push({ text, lineNumber: index + 1 });
    if (!text.startsWith('##')) {
      try {
        return parseVcfHeader(path, header, new WarningList()).genomeBuild;
      } catch {
        return undefined; // a broken header is the variant pane's to report, with its line
      }
    }
  }
  return undefined; // the header is longer than the head: unknown rather than guessed
}

function mafHeadBuild(lines: string[]): string | undefined {
  let column: number | undefined;
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const cells = line.split('\t');
    if (column === undefined) {
      column = cells.findIndex((name) => normalizeColumn(name) === normalizeColumn('NCBI_Build'));
      if (column < 0) return undefined;
      continue;
    }
    const named = cells[column]?.trim();
    return named ? buildFromName(named) : undefined;
  }
  return undefined;
}
