/**
 * Gene, consequence and HGVS of a VCF record from its functional annotation: VEP's `CSQ` or
 * SnpEff's `ANN` (fields named by the header's Description), else plain INFO GENE/SYMBOL fields.
 */
import type { InfoValue } from '@gmod/vcf';
import { shortProteinChange, withoutSequenceId } from '../proteinChange.js';

export type Annotation = {
  gene?: string;
  consequence?: string;
  hgvsc?: string;
  hgvsp?: string;
};

const FIELD_NAMES = {
  allele: ['Allele'],
  gene: ['SYMBOL', 'Gene_Name'],
  consequence: ['Consequence', 'Annotation'],
  hgvsc: ['HGVSc', 'HGVS.c'],
  hgvsp: ['HGVSp', 'HGVS.p'],
  canonical: ['CANONICAL'],
};

/**
 * Where a file keeps its per-transcript annotations, the names of the '|'-separated fields, and
 * the position of each field we read (-1 when absent), found once per file.
 */
export type AnnotationLayout = { key: 'CSQ' | 'ANN'; fields: string[]; at: Record<keyof typeof FIELD_NAMES, number> };

/**
 * The field list from the header Description: VEP writes "… Format: Allele|Consequence|…", SnpEff
 * "Functional annotations: 'Allele | Annotation | …'". Both put it after the last colon.
 */
export function annotationLayout(describe: (key: 'CSQ' | 'ANN') => unknown): AnnotationLayout | undefined {
  for (const key of ['CSQ', 'ANN'] as const) {
    const description = describe(key);
    if (typeof description !== 'string') continue;
    const fields = description
      .slice(description.lastIndexOf(':') + 1)
      .replace(/['"]/g, '')
      .split('|')
      .map((field) => field.trim());
    if (fields.length < 2) continue;
    const at = Object.fromEntries(
      Object.entries(FIELD_NAMES).map(([name, spellings]) => [name, fields.findIndex((field) => spellings.includes(field))]),
    ) as AnnotationLayout['at'];
    return { key, fields, at };
  }
  return undefined;
}

/**
 * The allele as VEP names it: when REF and every ALT share their first base, VEP drops it ("-"
 * when nothing is left). SnpEff names the ALT as written.
 */
function vepAllele(ref: string, alts: string[], alt: string): string {
  const first = ref[0];
  const trimmed = [ref, ...alts].every((allele) => allele[0] === first && !allele.startsWith('<'));
  return trimmed ? alt.slice(1) || '-' : alt;
}

const present = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

/**
 * The annotation of one ALT: among the entries for that allele (all of them if none name it), the
 * canonical transcript when flagged, else the first entry (SnpEff sorts the most severe first).
 */
export function pickAnnotation(
  value: InfoValue | undefined,
  layout: AnnotationLayout,
  ref: string,
  alts: string[],
  alt: string,
): Annotation {
  const chosen = pickEntry(value, layout, ref, alts, alt);
  return chosen ? annotationOf(chosen, layout) : {};
}

/** The chosen entry of one ALT, split into its fields (see pickAnnotation), or undefined. */
export function pickEntry(
  value: InfoValue | undefined,
  layout: AnnotationLayout,
  ref: string,
  alts: string[],
  alt: string,
): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const { at } = layout;
  const entries = value.filter((item): item is string => typeof item === 'string').map((item) => item.split('|'));
  const names = new Set([alt, vepAllele(ref, alts, alt)]);
  const forAllele = at.allele < 0 ? entries : entries.filter((entry) => names.has(entry[at.allele] ?? ''));
  const candidates = forAllele.length > 0 ? forAllele : entries;
  return (at.canonical >= 0 ? candidates.find((entry) => entry[at.canonical] === 'YES') : undefined) ?? candidates[0];
}

/** Gene, consequence and HGVS of a chosen entry. */
const fieldOf = (chosen: string[], i: number): string | undefined => (i < 0 ? undefined : present(chosen[i]?.trim()));

export function annotationOf(chosen: string[], layout: AnnotationLayout): Annotation {
  const { at } = layout;
  const hgvsc = fieldOf(chosen, at.hgvsc);
  const hgvsp = fieldOf(chosen, at.hgvsp);
  const consequence = fieldOf(chosen, at.consequence);
  const amp = consequence === undefined ? -1 : consequence.indexOf('&');
  return {
    gene: fieldOf(chosen, at.gene),
    // "missense_variant&splice_region_variant": the first term is the most severe.
    consequence: amp < 0 ? consequence : consequence!.slice(0, amp),
    hgvsc: hgvsc === undefined ? undefined : withoutSequenceId(hgvsc),
    hgvsp: hgvsp === undefined ? undefined : shortProteinChange(hgvsp),
  };
}

/** A gene named directly in INFO (GENE=, SYMBOL=, dbSNP's GENEINFO=TP53:7157|…). */
export function geneFromInfo(info: Record<string, InfoValue>): string | undefined {
  for (const key of ['GENE', 'SYMBOL', 'GENEINFO']) {
    const value = info[key];
    const first = Array.isArray(value) ? value[0] : undefined;
    if (typeof first === 'string' && first !== '') return first.split(/[:|]/)[0];
  }
  return undefined;
}
