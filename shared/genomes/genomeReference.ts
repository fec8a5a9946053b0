/**
 * The reference genomes the genome view knows without a network: chromosome names and lengths only.
 * A file on another or an unknown build falls back to GRCh38 (the view says so).
 */
import { GRCH37 } from './grch37.js';
import { GRCH38 } from './grch38.js';

export type GenomeReference = {
  id: 'GRCh38' | 'GRCh37';
  name: string;
  /** [name, length in bp], karyotype order. */
  chromosomes: ReadonlyArray<readonly [string, number]>;
};

export const GENOMES: Record<GenomeReference['id'], GenomeReference> = { GRCh38: GRCH38, GRCh37: GRCH37 };

/** The reference for a build name as the readers report it ("GRCh38", "GRCh37"); GRCh38 when unknown. */
export function genomeFor(build: string | undefined): { genome: GenomeReference; known: boolean } {
  if (build === 'GRCh37') return { genome: GRCH37, known: true };
  return { genome: GRCH38, known: build === 'GRCh38' };
}

/** The chromosome's length under any common spelling ("4", "chr4", "MT", "chrM"), or undefined. */
export function chromosomeLength(genome: GenomeReference, chrom: string): number | undefined {
  const bare = chrom.replace(/^chr/i, '').toUpperCase();
  const key = bare === 'MT' ? 'M' : bare;
  return genome.chromosomes.find(([name]) => name.slice(3).toUpperCase() === key)?.[1];
}

/** Text in the two-column chrom.sizes layout. */
export const chromSizesText = (genome: GenomeReference): string =>
  genome.chromosomes.map(([name, length]) => `${name}\t${length}\n`).join('');
