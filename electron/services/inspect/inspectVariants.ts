import type { VariantTable } from '../../../shared/model/variants.js';
import { variantsOf } from '../../../shared/model/variantColumns.js';

/** How many normalized variants `inspect` lists; `records` still counts them all. */
export const MAX_LISTED_VARIANTS = 1000;

/**
 * A variant file as `inspect` prints it: what it is, how many records, samples and contigs, and the
 * first variants normalized (the table's columns; `info` left out).
 */
export function inspectVariants(table: VariantTable) {
  return {
    kind: 'variants',
    file: table.fileName,
    format: table.format,
    genomeBuild: table.genomeBuild,
    records: table.records,
    samples: table.samples,
    tumorSample: table.tumorSample,
    contigs: table.contigs,
    variants: variantsOf(table, MAX_LISTED_VARIANTS).map(
      ({ chrom, pos, ref, alt, gene, consequence, hgvsp, vaf, depth, filter, sample }) => ({
        chrom,
        pos,
        ref,
        alt,
        gene,
        consequence,
        hgvsp,
        vaf,
        depth,
        filter,
        sample,
      }),
    ),
    warnings: table.warnings,
  };
}
