/**
 * Which sample of a tumor/normal VCF is the tumor: the one the header names (`##tumor_sample=`, as
 * Mutect2 writes), else one whose name says so, else the last column (the usual caller order).
 */

const SAYS_TUMOR = /tumou?r/i;
/** "T", "P01_T", "T1-DNA": a T on its own, as sample sheets abbreviate tumor. */
const T_TOKEN = /(^|[^A-Za-z0-9])T\d?($|[^A-Za-z0-9])/;
/** TCGA/GDC barcodes: sample types 01–09 are tumors, 10–19 normals (TCGA-XX-XXXX-01A). */
const TCGA_TUMOR = /^TCGA-\w\w-\w{4}-0\d/i;
const SAYS_NORMAL = /normal|germline/i;

export function pickTumorSample(samples: string[], declared?: string): string | undefined {
  if (declared !== undefined && samples.includes(declared)) return declared;
  const named = samples.filter((name) => !SAYS_NORMAL.test(name));
  return (
    named.find((name) => SAYS_TUMOR.test(name)) ??
    named.find((name) => T_TOKEN.test(name)) ??
    named.find((name) => TCGA_TUMOR.test(name)) ??
    samples[samples.length - 1]
  );
}
