/**
 * What the VCF header tells the reader: the @gmod/vcf parser built from it (INFO/FORMAT types),
 * the samples and which is the tumor, the annotation layout, the genome build.
 */
import VCF from '@gmod/vcf';
import { badFile } from '../../errors.js';
import { buildFromContig, buildFromName } from '../genomeBuild.js';
import type { WarningList } from '../warningList.js';
import { annotationLayout, type AnnotationLayout } from './annotations.js';
import { pickTumorSample } from './tumorSample.js';

export type HeaderLine = { text: string; lineNumber: number };

export type VcfHeader = {
  parser: VCF;
  samples: string[];
  tumorSample?: string;
  /** Column index of the tumor sample among the samples, -1 when there are none. */
  tumorIndex: number;
  annotation?: AnnotationLayout;
  genomeBuild?: string;
};

const firstLine = (error: unknown): string => String((error as Error)?.message ?? error).split('\n')[0] ?? '';

/**
 * Builds the parser from the `##` lines and the `#CHROM` line (the last of `lines`). A meta line
 * without '=' is dropped with a warning rather than failing the whole file (the library would).
 */
export function parseVcfHeader(path: string, lines: HeaderLine[], warnings: WarningList): VcfHeader {
  const columnLine = lines[lines.length - 1]!;
  const meta = lines.slice(0, -1).filter(({ text, lineNumber }) => {
    if (/^##[^=]+=/.test(text)) return true;
    warnings.add(`line ${lineNumber}: header line without '=' ignored`);
    return false;
  });
  let parser: VCF;
  try {
    parser = new VCF({ header: [...meta.map(({ text }) => text), columnLine.text].join('\n') });
  } catch (error) {
    throw badFile(path, `line ${columnLine.lineNumber}: ${firstLine(error)}`);
  }

  const samples = parser.samples;
  if (new Set(samples).size !== samples.length) warnings.add(`line ${columnLine.lineNumber}: duplicate sample names`);
  const declared = metaString(parser, 'tumor_sample');
  if (declared !== undefined && !samples.includes(declared)) {
    warnings.add(`##tumor_sample=${declared} is not a sample of this file`);
  }
  const tumorSample = pickTumorSample(samples, declared);
  return {
    parser,
    samples,
    tumorSample,
    tumorIndex: tumorSample === undefined ? -1 : samples.indexOf(tumorSample),
    annotation: annotationLayout((key) => parser.getMetadata('INFO', key, 'Description')),
    genomeBuild: genomeBuildOf(parser, warnings),
  };
}

const metaString = (parser: VCF, key: string): string | undefined => {
  const value = parser.getMetadata(key);
  return typeof value === 'string' ? value.trim() : undefined;
};

/** Contig lengths decide when present (they cannot be mistaken); else the reference's name. */
function genomeBuildOf(parser: VCF, warnings: WarningList): string | undefined {
  const contigs = parser.getMetadata('contig');
  const fromContigs =
    contigs && typeof contigs === 'object'
      ? Object.entries(contigs as Record<string, { length?: unknown }>)
          .map(([name, fields]) => buildFromContig(name, Number(fields?.length)))
          .find((build) => build !== undefined)
      : undefined;
  const named = [metaString(parser, 'reference'), metaString(parser, 'assembly')].filter((text) => text !== undefined);
  const fromName = named.map((text) => buildFromName(text)).find((build) => build !== undefined);
  if (fromContigs && fromName && fromContigs !== fromName) {
    warnings.add(`the header names ${fromName} but its contig lengths are ${fromContigs}'s: ${fromContigs} assumed`);
  }
  return fromContigs ?? fromName;
}
