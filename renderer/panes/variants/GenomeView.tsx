/**
 * The seam for the genome browser (igv.js arrives in a later issue).
 *
 * The variants pane already owns "which variant is selected" and derives a locus from it; the genome
 * view will receive exactly this, render below the table, and must honour DESIGN.md's traps:
 * `loadDefaultGenomes: false`, no ClinVar / BLAT / OpenCravat look-ups (patient variants never leave
 * the machine), and popups rendered by us, escaped — never igv.js's own HTML popups.
 * Until then it renders nothing.
 */
import type { VariantRow } from './VariantTable.js';

export type GenomeViewProps = {
  /** The variant file shown in the table (its id serves byte ranges through /binary/). */
  fileId: string;
  genomeBuild?: string;
  /** "chr17:7675088" of the selected variant, or null. */
  locus: string | null;
  selected: VariantRow | null;
};

export function GenomeView(_props: GenomeViewProps) {
  return null;
}

export function locusOf(row: VariantRow | null): string | null {
  return row ? `${row.chrom}:${row.pos}` : null;
}
