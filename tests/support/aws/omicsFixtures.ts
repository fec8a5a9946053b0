/**
 * Generated, deterministic genomics files for the HealthOmics and S3 stand-ins: a coordinate-sorted
 * BAM with its .bai (made by samtools from generated SAM text, so the bytes are a real BAM as
 * igv.js and HealthOmics know it), a small FASTA with its .fai, and a run output folder with the
 * demo case's bgzip VCF and its .tbi.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoVariants } from '../../../electron/services/demo/demoVariants.js';
import { seededRandom } from '../../../electron/services/demo/random.js';

/** Why the fixtures cannot be made here (samtools absent), or null. */
export function omicsFixturesUnavailable(): string | null {
  try {
    execFileSync('samtools', ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'samtools is not installed (apt-get install samtools): no BAM fixture can be generated';
  }
}

/** GRCh38 lengths, so igv.js's hg38 genome and the BAM agree. */
export const FIXTURE_CONTIGS: Array<[string, number]> = [
  ['chr4', 190_214_555],
  ['chr7', 159_345_973],
  ['chr17', 83_257_441],
];

/** Loci of the demo case's variants (FGFR3 S249C, EGFR, TP53): the reads pile up there. */
export const FIXTURE_LOCI: Array<[string, number]> = [
  ['chr4', 1_801_841],
  ['chr7', 55_191_822],
  ['chr17', 7_674_220],
];

export type BamFixture = { bam: Buffer; bai: Buffer; reads: number; path: string; indexPath: string };

/**
 * The fixture's genome reference: the three GRCh38 contigs of the loci, cut short past them
 * (chr4 to 3.1 Mb, chr7 to 55.2 Mb, chr17 to 7.7 Mb). chr4 is generated bases all along (the BAM's
 * background reads lie there), chr7 and chr17 have bases within 5 kb of their locus and N elsewhere.
 */
export type GenomeFixture = FastaFixture & {
  path: string;
  /** `length` reference bases from 1-based `pos` of `chrom`. */
  bases(chrom: string, pos: number, length: number): string;
};

export const GENOME_CONTIGS: Array<[string, number]> = [
  ['chr4', 3_100_000],
  ['chr7', 55_200_000],
  ['chr17', 7_700_000],
];

export function generateGenomeReference(dir: string, seed = 12): GenomeFixture {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const sequences = new Map<string, string>();
  const chunks: string[] = [];
  for (const [name, length] of GENOME_CONTIGS) {
    const locus = FIXTURE_LOCI.find(([c]) => c === name)![1];
    const [from, to] = name === 'chr4' ? [1, length] : [locus - 5000, locus + 5000];
    let seq = 'N'.repeat(from - 1);
    const bases: string[] = [];
    for (let i = from; i <= to; i++) bases.push('ACGT'[Math.floor(random() * 4)]);
    seq += bases.join('') + 'N'.repeat(length - to);
    sequences.set(name, seq);
    chunks.push(`>${name}\n`);
    for (let at = 0; at < seq.length; at += 60) chunks.push(seq.slice(at, at + 60), '\n');
  }
  const path = join(dir, 'genome.fa');
  writeFileSync(path, chunks.join(''));
  execFileSync('samtools', ['faidx', path]);
  return {
    path,
    fasta: readFileSync(path),
    fai: readFileSync(`${path}.fai`),
    contigs: GENOME_CONTIGS.map(([name, length]) => ({ name, length })),
    bases: (chrom, pos, length) => sequences.get(chrom)!.slice(pos - 1, pos - 1 + length),
  };
}

/** The somatic change the BAM's reads carry at each locus (in 40 % of the reads over it) when made from a genome. */
export const altBase = (ref: string): string => (ref === 'G' ? 'T' : 'G');

/** The read set as CRAM against the genome (`samtools view -C -T`), with its .crai. */
export function generateCram(dir: string, bam: BamFixture, genome: GenomeFixture): { cram: Buffer; crai: Buffer; path: string } {
  const path = join(dir, 'tumor.cram');
  execFileSync('samtools', ['view', '-C', '--no-PG', '-T', genome.path, '-o', path, bam.path]);
  execFileSync('samtools', ['index', path]);
  return { cram: readFileSync(path), crai: readFileSync(`${path}.crai`), path };
}

/**
 * A BAM of `readsPerLocus` 100-base reads around each fixture locus (plus `backgroundReads` spread
 * along chr4 so the file has bulk away from the loci), with the .bai samtools writes.
 */
export function generateBam(
  dir: string,
  options: { readsPerLocus?: number; backgroundReads?: number; seed?: number; name?: string; genome?: GenomeFixture } = {},
): BamFixture {
  const { readsPerLocus = 300, backgroundReads = 4000, seed = 10, name = 'tumor', genome } = options;
  const contigs = genome ? GENOME_CONTIGS : FIXTURE_CONTIGS;
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const bases = 'ACGT';
  const reads: Array<{ chrom: number; pos: number }> = [];
  FIXTURE_LOCI.forEach(([chrom, locus]) => {
    const c = contigs.findIndex(([n]) => n === chrom);
    for (let i = 0; i < readsPerLocus; i++) reads.push({ chrom: c, pos: locus - Math.floor(random() * 99) });
  });
  for (let i = 0; i < backgroundReads; i++) reads.push({ chrom: 0, pos: 1 + Math.floor(random() * 3_000_000) });
  reads.sort((a, b) => a.chrom - b.chrom || a.pos - b.pos);
  const lines = ['@HD\tVN:1.6\tSO:coordinate', ...contigs.map(([n, l]) => `@SQ\tSN:${n}\tLN:${l}`)];
  lines.push(`@RG\tID:${name}\tSM:${name.toUpperCase()}`);
  reads.forEach((r, i) => {
    let seq = '';
    let qual = '';
    const chrom = contigs[r.chrom][0];
    for (let k = 0; k < 100; k++) {
      seq += bases[Math.floor(random() * 4)];
      qual += String.fromCharCode(53 + Math.floor(random() * 20));
    }
    if (genome) {
      // The reference's bases, with the somatic change at a locus in 40 % of the reads over it.
      seq = genome.bases(chrom, r.pos, 100);
      const locus = FIXTURE_LOCI.find(([c]) => c === chrom)?.[1];
      if (locus !== undefined && locus >= r.pos && locus < r.pos + 100 && random() < 0.4) {
        const at = locus - r.pos;
        seq = seq.slice(0, at) + altBase(seq[at]) + seq.slice(at + 1);
      }
    }
    const flag = random() < 0.5 ? 0 : 16;
    lines.push(`read${i}\t${flag}\t${chrom}\t${r.pos}\t60\t100M\t*\t0\t0\t${seq}\t${qual}\tRG:Z:${name}`);
  });
  const sam = join(dir, `${name}.sam`);
  const path = join(dir, `${name}.bam`);
  writeFileSync(sam, lines.join('\n') + '\n');
  // One thread, no compression-level surprises: the same bytes on every run.
  execFileSync('samtools', ['view', '-b', '--no-PG', '-o', path, sam]);
  execFileSync('samtools', ['index', path]);
  const indexPath = `${path}.bai`;
  return { bam: readFileSync(path), bai: readFileSync(indexPath), reads: reads.length, path, indexPath };
}

export type FastaFixture = { fasta: Buffer; fai: Buffer; contigs: Array<{ name: string; length: number }> };

/** A small reference: three contigs of generated bases, 60 a line, with the .fai samtools writes. */
export function generateFasta(dir: string, seed = 11): FastaFixture {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const contigs = [
    { name: 'ref1', length: 50_000 },
    { name: 'ref2', length: 20_123 },
    { name: 'refM', length: 16_569 },
  ];
  let text = '';
  for (const { name, length } of contigs) {
    text += `>${name}\n`;
    let line = '';
    for (let i = 0; i < length; i++) {
      line += 'ACGT'[Math.floor(random() * 4)];
      if (line.length === 60) {
        text += line + '\n';
        line = '';
      }
    }
    if (line) text += line + '\n';
  }
  const path = join(dir, 'reference.fa');
  writeFileSync(path, text);
  execFileSync('samtools', ['faidx', path]);
  return { fasta: readFileSync(path), fai: readFileSync(`${path}.fai`), contigs };
}

export type RunOutputFixture = { files: Record<string, Buffer> };

/** What a WDL variant-calling run leaves in its output folder: the VCF (bgzip + tbi) and logs. */
export async function generateRunOutputs(dir: string): Promise<RunOutputFixture> {
  const [, gz, tbi] = await generateDemoVariants(dir);
  return {
    files: {
      'out/tumor_vs_normal.somatic.vcf.gz': readFileSync(gz),
      'out/tumor_vs_normal.somatic.vcf.gz.tbi': readFileSync(tbi),
      'logs/run.log': Buffer.from('workflow finished\n'),
    },
  };
}
