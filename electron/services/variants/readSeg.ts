/**
 * SEG copy-number segments (sample, chromosome, start, end, [markers], mean). For now the table
 * reports counts only: how many segments, for which samples and contigs; the table has no rows.
 */
import { badFile } from '../errors.js';
import type { VariantReader } from '../sources.js';
import { isSegHeader } from './sniffVariantFormat.js';
import { forEachLine } from './textSource.js';
import { WarningList } from './warningList.js';
import { VariantColumnsBuilder } from '../../../shared/model/variantColumns.js';

export const readSeg: VariantReader = async (path) => {
  const warnings = new WarningList();
  const samples = new Set<string>();
  const contigs = new Set<string>();
  let width = 0;
  let records = 0;

  await forEachLine(path, (line, lineNumber) => {
    if (line.startsWith('#') || line.trim() === '') return;
    const cells = line.split('\t').map((cell) => cell.trim());
    if (width === 0) {
      if (!isSegHeader(cells)) {
        throw badFile(path, `line ${lineNumber}: a SEG header needs sample, chromosome, start, end, …, mean columns`);
      }
      width = cells.length;
      return;
    }
    records += 1;
    const [sample, chrom, start, end] = cells;
    const mean = Number(cells[cells.length - 1]);
    if (cells.length !== width || !sample || !chrom || !isPosition(start) || !isPosition(end) || Number.isNaN(mean)) {
      warnings.add(`line ${lineNumber}: not a segment (sample, chromosome, start, end, …, mean); row skipped`);
      return;
    }
    samples.add(sample);
    contigs.add(chrom);
  });

  if (width === 0) throw badFile(path, 'line 1: no SEG header line');
  if (records === 0) warnings.add('the file holds no segments');
  return {
    format: 'SEG',
    samples: [...samples],
    records,
    contigs: [...contigs],
    columns: new VariantColumnsBuilder().wire(),
    warnings: warnings.list(),
  };
};

const isPosition = (text: string | undefined): boolean => text !== undefined && /^\d+$/.test(text);
