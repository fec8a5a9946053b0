/**
 * Variant allele fraction and depth of one ALT allele in the tumor sample, from whichever FORMAT
 * fields the caller wrote: AF (Mutect2, most callers), AD (GATK-style ref,alt,… depths), Strelka's
 * tier-1 counts (AU/CU/GU/TU for SNVs, TAR/TIR for indels), VarScan's FREQ ("12.5%").
 */

/** The tumor sample's raw FORMAT values by key, e.g. { AD: '175,30', DP: '206' }. */
export type SampleFields = Record<string, string | undefined>;

export const FORMAT_KEYS_USED = ['AF', 'AD', 'DP', 'FREQ', 'AU', 'CU', 'GU', 'TU', 'TAR', 'TIR'];

const numbers = (value: string | undefined): number[] | undefined => {
  if (value === undefined || value === '' || value === '.') return undefined;
  if (value.indexOf(',') < 0) {
    // One value (AF, DP): the common case, without split and map (read a million times per file).
    const n = Number(value);
    return Number.isFinite(n) ? [n] : undefined;
  }
  const parsed = value.split(',').map((item) => (item === '.' ? NaN : Number(item)));
  return parsed.every(Number.isFinite) ? parsed : undefined;
};

const fraction = (alt: number | undefined, total: number): number | undefined =>
  alt === undefined || total <= 0 ? undefined : alt / total;

const asFraction = (value: number | undefined): number | undefined =>
  value !== undefined && value >= 0 && value <= 1 ? value : undefined;

/** Strelka: `<BASE>U` = tier1,tier2 read counts for that base; TAR/TIR = indel ref/alt counts. */
function strelkaFraction(fields: SampleFields, ref: string, alt: string): number | undefined {
  const tier1 = (key: string): number | undefined => numbers(fields[key])?.[0];
  if (/^[ACGT]$/.test(ref) && /^[ACGT]$/.test(alt)) {
    const refCount = tier1(`${ref}U`);
    const altCount = tier1(`${alt}U`);
    if (refCount !== undefined && altCount !== undefined) return fraction(altCount, refCount + altCount);
  }
  const indelRef = tier1('TAR');
  const indelAlt = tier1('TIR');
  if (indelRef !== undefined && indelAlt !== undefined) return fraction(indelAlt, indelRef + indelAlt);
  return undefined;
}

/** VarScan: "38.46%". */
function percentFraction(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^\s*([0-9.]+)\s*%?\s*$/.exec(value);
  if (!match) return undefined;
  const number = Number(match[1]);
  return Number.isFinite(number) ? (value!.includes('%') || number > 1 ? number / 100 : number) : undefined;
}

/**
 * AD counts only when it lists the REF and every ALT (Number=R): VarScan writes the ALT depth
 * alone under the same name, which would read as a VAF of 1.
 */
const alleleDepths = (fields: SampleFields, altCount: number): number[] | undefined => {
  const depths = numbers(fields.AD);
  return depths?.length === altCount + 1 ? depths : undefined;
};

export function alleleFraction(
  fields: SampleFields,
  altIndex: number,
  altCount: number,
  ref: string,
  alt: string,
): number | undefined {
  const af = asFraction(numbers(fields.AF)?.[altIndex]);
  if (af !== undefined) return af;
  const depths = alleleDepths(fields, altCount);
  if (depths)
    return asFraction(
      fraction(
        depths[altIndex + 1],
        depths.reduce((sum, n) => sum + n, 0),
      ),
    );
  if (altCount === 1) {
    const strelka = asFraction(strelkaFraction(fields, ref, alt));
    if (strelka !== undefined) return strelka;
    return asFraction(percentFraction(fields.FREQ));
  }
  return undefined;
}

export function readDepth(fields: SampleFields, altCount: number): number | undefined {
  const dp = numbers(fields.DP)?.[0];
  if (dp !== undefined) return dp;
  return alleleDepths(fields, altCount)?.reduce((sum, n) => sum + n, 0);
}
