/**
 * The most variants one table holds for now: the table and track render them all, and a whole-genome
 * germline VCF (millions of records) would not fit. Records past it are counted, not kept.
 */
export const MAX_VARIANTS = 200_000;

export const cappedWarning = (records: number, cap = MAX_VARIANTS): string =>
  `only the first ${cap.toLocaleString('en-US')} variants are shown (the file holds ${records.toLocaleString('en-US')} records)`;

/** Said of a VCF past the cap: how to see the rest (the pane reads an indexed file by region). */
export const INDEX_ADVICE = 'to read any region of it, compress it with bgzip and index it (tabix -p vcf)';
