/**
 * VCF 4.1–4.5, plain or gzip/bgzip, streamed line by line. The header goes to @gmod/vcf; each
 * record becomes one table row per ALT, read by our line reader (vcfLine.ts) or, for the lines it
 * leaves, by @gmod/vcf. Lines the reader cannot use are warnings, not failures.
 */
import { stat } from 'node:fs/promises';
import { VariantColumnsBuilder } from '../../../../shared/model/variantColumns.js';
import { badFile } from '../../errors.js';
import type { VariantReader } from '../../sources.js';
import { cappedWarning, INDEX_ADVICE, MAX_VARIANTS } from '../limits.js';
import { forEachLine, type LineHandler } from '../textSource.js';
import { WarningList } from '../warningList.js';
import { parseVcfHeader, type HeaderLine, type VcfHeader } from './vcfHeader.js';
import { VcfLineReader } from './vcfLine.js';
import { RecordProblem, recordVariants } from './vcfRecord.js';

export type ReadVcfOptions = {
  /** Lifts the table's cap (the benchmark reads a 1,000,000-record file whole). */
  maxVariants?: number;
  /**
   * The file's lines from elsewhere than `path` (a remote bgzipped file, block by block); `path`
   * then only names the file in messages. The handler returns false when it wants no more lines.
   */
  lines?: { forEach(onLine: (line: string, lineNumber: number) => boolean | void): Promise<void>; size: number };
  /**
   * Stop reading at the cap instead of counting the rest (an indexed file counts its records in
   * its index): `records` is then what was read, and no capped warning is added.
   */
  stopAtCap?: boolean;
};

export const readVcf = async (path: string, options: ReadVcfOptions = {}): ReturnType<VariantReader> => {
  const maxVariants = options.maxVariants ?? MAX_VARIANTS;
  const warnings = new WarningList();
  const headerLines: HeaderLine[] = [];
  const variants = new VariantColumnsBuilder();
  const contigs = new Set<string>();
  let lastContig = '';
  let header: VcfHeader | undefined;
  let lineReader: VcfLineReader | undefined;
  let records = 0;
  let capped = false;
  let lastLine = 0;

  const size =
    options.lines?.size ??
    (await stat(path).then(
      (s) => s.size,
      () => 0,
    ));
  let lastChromCode = -1;
  // A local file's lines come with their bytes where ASCII (forEachLine), which the line reader codes from.
  const forEach: (onLine: LineHandler) => Promise<void> = options.lines
    ? (onLine) => options.lines!.forEach((line, lineNumber) => onLine(line, lineNumber))
    : (onLine) => forEachLine(path, onLine);
  await forEach((text, lineNumber, bytes, byteStart) => {
    lastLine = lineNumber;
    // A line that starts with a non-space character is not blank: no trim() of every line.
    const first = text.charCodeAt(0);
    if (!(first > 32 && first < 127) && text.trim() === '') {
      warnings.add(`line ${lineNumber}: blank line skipped`);
      return;
    }
    if (!header) {
      if (!text.startsWith('#')) throw badFile(path, `line ${lineNumber}: a record before the #CHROM header line`);
      headerLines.push({ text, lineNumber });
      if (!text.startsWith('##')) {
        header = parseVcfHeader(path, headerLines, warnings);
        lineReader = new VcfLineReader(header);
      }
      return;
    }
    if (text.charCodeAt(0) === 35) {
      warnings.add(`line ${lineNumber}: header line after the records ignored`);
      return;
    }
    // Counted whether or not it reads, as `bcftools view -H | wc -l` counts data lines.
    records += 1;
    // Room for the rows the file's size suggests (exact for plain text; a gzip file grows past it).
    if (records === 1) variants.reserve(Math.min(maxVariants, Math.ceil((size / (text.length + 1)) * 1.05)));
    if (variants.length >= maxVariants) {
      // Past the cap the records are only counted: parsing them would cost time for nothing shown.
      capped = true;
      if (options.stopAtCap) return false;
      const chrom = text.slice(0, text.indexOf('\t'));
      if (chrom !== lastContig) contigs.add((lastContig = chrom));
      return;
    }
    const before = variants.length;
    try {
      if (!lineReader!.read(text, variants, bytes, byteStart)) for (const v of recordVariants(text, header)) variants.push(v);
    } catch (error) {
      if (!(error instanceof RecordProblem)) throw error;
      warnings.add(`line ${lineNumber}: ${error.message}; record skipped`);
    }
    if (variants.length > maxVariants) capped = true; // a multi-allelic record crossed the cap
    if (variants.length > before) {
      // The row's chromosome by its code: a new code is a new name, without cutting it from the line.
      const code = variants.chrom.codeAt(before);
      if (code !== lastChromCode) {
        lastChromCode = code;
        const chrom = variants.chrom.values[code]!;
        if (chrom !== lastContig) contigs.add((lastContig = chrom));
      }
    }
  });

  if (lastLine === 0) throw badFile(path, 'line 1: the file is empty');
  if (!header) throw badFile(path, `line ${lastLine}: the header ends without a #CHROM line`);
  if (records === 0) warnings.add('the file holds no variant records');
  if (capped && !options.stopAtCap) warnings.add(`${cappedWarning(records, maxVariants)}; ${INDEX_ADVICE}`);
  return {
    format: 'VCF',
    genomeBuild: header.genomeBuild,
    samples: header.samples,
    tumorSample: header.tumorSample,
    records,
    capped,
    contigs: [...contigs],
    columns: variants.wire(maxVariants),
    warnings: warnings.list(),
  };
};
