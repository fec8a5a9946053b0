/**
 * GRCh37 primary-assembly chromosome names and lengths (UCSC hg19 naming; b37 files say "1", "MT",
 * which the genome view maps by alias). No sequence, no cytobands, nothing fetched.
 */
import type { GenomeReference } from './genomeReference.js';

// prettier-ignore
export const GRCH37: GenomeReference = {
  id: 'GRCh37',
  name: 'Human (GRCh37/hg19)',
  chromosomes: [
    ['chr1', 249250621], ['chr2', 243199373], ['chr3', 198022430], ['chr4', 191154276], ['chr5', 180915260],
    ['chr6', 171115067], ['chr7', 159138663], ['chr8', 146364022], ['chr9', 141213431], ['chr10', 135534747],
    ['chr11', 135006516], ['chr12', 133851895], ['chr13', 115169878], ['chr14', 107349540], ['chr15', 102531392],
    ['chr16', 90354753], ['chr17', 81195210], ['chr18', 78077248], ['chr19', 59128983], ['chr20', 63025520],
    ['chr21', 48129895], ['chr22', 51304566], ['chrX', 155270560], ['chrY', 59373566], ['chrM', 16569],
  ],
};
