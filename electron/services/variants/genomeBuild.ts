/** Which reference genome a file is on, from what its header says. */

/** Length of chromosome 1 in each assembly: the one fact that tells them apart for sure. */
const CHR1_LENGTHS: Record<number, string> = {
  248956422: 'GRCh38',
  249250621: 'GRCh37',
  247249719: 'NCBI36',
};

const NAME_PATTERNS: Array<[RegExp, string]> = [
  [/grch38|hg38|hs38|assembly38|\bb38\b|GCA_000001405\.15/i, 'GRCh38'],
  [/grch37|hg19|hs37|assembly19|\bb37\b|human_g1k_v37|GCA_000001405\.1\b/i, 'GRCh37'],
  [/ncbi36|hg18/i, 'NCBI36'],
];

/** From a contig's name and length; only chromosome 1 is looked at. */
export function buildFromContig(name: string, length: number): string | undefined {
  return /^(chr)?1$/i.test(name) ? CHR1_LENGTHS[length] : undefined;
}

/** From a free-text name: `##reference=`, `##assembly=`, a MAF's NCBI_Build ("37", "GRCh38"). */
export function buildFromName(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '38') return 'GRCh38';
  if (trimmed === '37') return 'GRCh37';
  return NAME_PATTERNS.find(([pattern]) => pattern.test(trimmed))?.[1];
}
