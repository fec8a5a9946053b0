import { z } from 'zod';

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
});
export type Variant = z.infer<typeof Variant>;

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
  contigs: z.array(z.string()),
  variants: z.array(Variant),
  warnings: z.array(z.string()),
});
export type VariantTable = z.infer<typeof VariantTable>;
