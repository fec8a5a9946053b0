import { z } from 'zod';
import { VariantColumns } from './variantColumns.js';

export const Variant = z.object({
  chrom: z.string(),
  pos: z.number().int(),
  ref: z.string(),
  alt: z.string(),
  id: z.string().optional(),
  gene: z.string().optional(),
  consequence: z.string().optional(),
  hgvsc: z.string().optional(),
  hgvsp: z.string().optional(),
  /** Variant allele fraction in the tumor sample, 0..1. */
  vaf: z.number().optional(),
  depth: z.number().optional(),
  filter: z.string(),
  qual: z.number().optional(),
  sample: z.string().optional(),
  /**
   * The record's other fields, as text, for columns the user adds: VCF INFO keys (and the chosen
   * CSQ/ANN entry's fields as `CSQ.<field>`), a MAF's other columns. Bounded (see MAX_INFO_*).
   */
  info: z.record(z.string(), z.string()).optional(),
});
export type Variant = z.infer<typeof Variant>;

/** How many extra fields one variant keeps, and how long each value may be (longer ones are cut, with …). */
export const MAX_INFO_FIELDS = 64;
export const MAX_INFO_VALUE_LENGTH = 256;

export const VariantFormat = z.enum(['VCF', 'MAF', 'SEG']);

export const VariantTable = z.object({
  fileId: z.string(),
  fileName: z.string(),
  format: VariantFormat,
  genomeBuild: z.string().optional(),
  samples: z.array(z.string()),
  tumorSample: z.string().optional(),
  /** Every data record in the file (for VCF, as `bcftools view -H | wc -l` counts). */
  records: z.number().int(),
  /** True when the file holds more variants than the table keeps (the first MAX_VARIANTS are kept). */
  capped: z.boolean().optional(),
  contigs: z.array(z.string()),
  /** The variants, as columns (see variantColumns.ts): a million of them would not do as objects. */
  columns: VariantColumns,
  warnings: z.array(z.string()),
});
export type VariantTable = z.infer<typeof VariantTable>;

/**
 * A file the genome view draws as a track: every variant file of the case, and the alignment files
 * (BAM, CRAM: told by their content) with the index file found beside each (`X.tbi`, `X.csi`,
 * `X.bai`, `X.crai`, or `X` without `.bam` + `.bai`).
 */
export const GenomeTrack = z.object({
  fileId: z.string(),
  fileName: z.string(),
  /** FASTA: the case's reference sequence (with its .fai), which igv.js reads as the genome: CRAM needs it. */
  format: z.enum(['VCF', 'MAF', 'SEG', 'BAM', 'CRAM', 'FASTA']),
  /** VCF: bgzip (BGZF) compressed, so that an index can point into it. */
  bgzipped: z.boolean(),
  indexFileId: z.string().optional(),
  indexFormat: z.enum(['tbi', 'csi', 'bai', 'crai', 'fai']).optional(),
  /** Alignments: where the first reads lie ("chr4:1-16384", from the index), for a view with no variant to start at. */
  readsLocus: z.string().max(300).optional(),
});
export type GenomeTrack = z.infer<typeof GenomeTrack>;

/** A region of a chromosome, 1-based inclusive. */
export const Region = z
  .object({
    chrom: z.string().min(1).max(200),
    start: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31),
    end: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31),
  })
  .strict();
export type Region = z.infer<typeof Region>;

/** The variants of an indexed file in one region, read through its index (never the whole file). */
export const VariantRegion = z.object({
  fileId: z.string(),
  region: Region,
  /** Data records overlapping the region. */
  records: z.number().int(),
  columns: VariantColumns,
  /** True when more variants overlap the region than one answer holds. */
  capped: z.boolean(),
  warnings: z.array(z.string()),
});
export type VariantRegion = z.infer<typeof VariantRegion>;
