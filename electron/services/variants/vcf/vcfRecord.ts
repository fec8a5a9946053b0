/** One VCF data line -> one Variant per ALT allele, with the tumor sample's VAF and depth. */
import type { Variant as VcfRecord } from '@gmod/vcf';
import type { Variant } from '../../../../shared/model/variants.js';
import { alleleFraction, FORMAT_KEYS_USED, readDepth, type SampleFields } from './alleleFraction.js';
import { annotationOf, geneFromInfo, pickEntry } from './annotations.js';
import { InfoBuilder, infoText } from '../infoFields.js';
import type { VcfHeader } from './vcfHeader.js';

/** A data line that cannot be read; the reader reports it as a warning and goes on. */
export class RecordProblem extends Error {}

/**
 * ALT alleles that are not variants: gVCF reference blocks (`<NON_REF>`, `<*>`) and the
 * "overlapping deletion" placeholder `*`.
 */
const NOT_A_VARIANT = new Set(['<NON_REF>', '<*>', '*']);

function checkColumns(line: string, record: VcfRecord): void {
  let tabs = 0;
  for (let i = line.indexOf('\t'); i !== -1 && tabs < 7; i = line.indexOf('\t', i + 1)) tabs += 1;
  if (tabs < 7) throw new RecordProblem(`expected 8 or more tab-separated columns, found ${tabs + 1}`);
  if (!record.CHROM) throw new RecordProblem('empty CHROM');
  if (!Number.isInteger(record.POS) || record.POS < 0) throw new RecordProblem(`POS is not a position: ${line.split('\t')[1]}`);
  if (!record.REF || !/^[A-Za-z]+$/.test(record.REF)) throw new RecordProblem(`REF is not a sequence: ${record.REF ?? ''}`);
}

/** The tumor sample's FORMAT values we use, located by the library without parsing every sample. */
function tumorFields(record: VcfRecord, tumorIndex: number): SampleFields {
  const fields: SampleFields = {};
  if (tumorIndex < 0 || record.FORMAT === undefined) return fields;
  record.processFormatFields(FORMAT_KEYS_USED, (text, ranges, sampleIndex) => {
    if (sampleIndex !== tumorIndex) return;
    for (let k = 0; k < FORMAT_KEYS_USED.length; k++) {
      if (ranges[2 * k]! >= 0) fields[FORMAT_KEYS_USED[k]!] = text.slice(ranges[2 * k], ranges[2 * k + 1]);
    }
  });
  return fields;
}

const filterText = (filter: VcfRecord['FILTER']): string =>
  filter === undefined ? '.' : Array.isArray(filter) ? filter.join(';') : filter;

/** The Variants of one data line; fields the file does not give are left undefined. */
export function recordVariants(line: string, header: VcfHeader): Variant[] {
  let record: VcfRecord;
  try {
    record = header.parser.parseLine(line);
  } catch (error) {
    throw new RecordProblem((error as Error).message.split('\n')[0]);
  }
  checkColumns(line, record);
  const ref = record.REF!;
  const alts = record.ALT ?? [];
  const fields = tumorFields(record, header.tumorIndex);
  const infoGene = geneFromInfo(record.INFO);
  const id = record.ID?.join(';');
  const filter = filterText(record.FILTER);
  const qual = record.QUAL !== undefined && Number.isFinite(record.QUAL) ? record.QUAL : undefined;
  const depth = readDepth(fields, alts.length);
  const variants: Variant[] = [];
  alts.forEach((alt, altIndex) => {
    if (NOT_A_VARIANT.has(alt)) return;
    const entry = header.annotation
      ? pickEntry(record.INFO[header.annotation.key], header.annotation, ref, alts, alt)
      : undefined;
    const annotation = entry && header.annotation ? annotationOf(entry, header.annotation) : {};
    const info = new InfoBuilder();
    for (const [key, value] of Object.entries(record.INFO)) {
      if (key !== header.annotation?.key) info.add(key, infoText(value));
    }
    if (entry && header.annotation) {
      const { key, fields } = header.annotation;
      fields.forEach((name, i) => info.add(`${key}.${name}`, entry[i]?.trim()));
    }
    variants.push({
      chrom: record.CHROM!,
      pos: record.POS,
      ref,
      alt,
      id,
      gene: annotation.gene ?? infoGene,
      consequence: annotation.consequence,
      hgvsc: annotation.hgvsc,
      hgvsp: annotation.hgvsp,
      vaf: alleleFraction(fields, altIndex, alts.length, ref, alt),
      depth,
      filter,
      qual,
      sample: header.tumorSample,
      info: info.result(),
    });
  });
  return variants;
}
