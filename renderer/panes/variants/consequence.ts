/**
 * Variant consequences as a short coloured tag, and protein changes the way cBioPortal writes them.
 * Accepts VEP / SnpEff Sequence Ontology terms (several joined by & or ,) and GDC MAF
 * Variant_Classification values. Pure.
 */

export type ConsequenceClass = 'truncating' | 'missense' | 'inframe' | 'splice' | 'silent' | 'other';

type Term = { label: string; cls: ConsequenceClass };

/** Most severe first (VEP's order), so a combined consequence shows its worst term. */
const TERMS: Array<[string, Term]> = [
  ['transcript_ablation', { label: 'Deletion', cls: 'truncating' }],
  ['splice_acceptor_variant', { label: 'Splice', cls: 'splice' }],
  ['splice_donor_variant', { label: 'Splice', cls: 'splice' }],
  ['splice_site', { label: 'Splice', cls: 'splice' }],
  ['stop_gained', { label: 'Nonsense', cls: 'truncating' }],
  ['nonsense_mutation', { label: 'Nonsense', cls: 'truncating' }],
  ['frameshift_variant', { label: 'Frameshift', cls: 'truncating' }],
  ['frame_shift_del', { label: 'Frameshift', cls: 'truncating' }],
  ['frame_shift_ins', { label: 'Frameshift', cls: 'truncating' }],
  ['stop_lost', { label: 'Stop lost', cls: 'inframe' }],
  ['nonstop_mutation', { label: 'Stop lost', cls: 'inframe' }],
  ['start_lost', { label: 'Start lost', cls: 'truncating' }],
  ['translation_start_site', { label: 'Start lost', cls: 'truncating' }],
  ['inframe_insertion', { label: 'Inframe', cls: 'inframe' }],
  ['inframe_deletion', { label: 'Inframe', cls: 'inframe' }],
  ['in_frame_ins', { label: 'Inframe', cls: 'inframe' }],
  ['in_frame_del', { label: 'Inframe', cls: 'inframe' }],
  ['disruptive_inframe_insertion', { label: 'Inframe', cls: 'inframe' }],
  ['disruptive_inframe_deletion', { label: 'Inframe', cls: 'inframe' }],
  ['missense_variant', { label: 'Missense', cls: 'missense' }],
  ['missense_mutation', { label: 'Missense', cls: 'missense' }],
  ['protein_altering_variant', { label: 'Protein alt.', cls: 'inframe' }],
  ['splice_region_variant', { label: 'Splice region', cls: 'splice' }],
  ['splice_region', { label: 'Splice region', cls: 'splice' }],
  ['synonymous_variant', { label: 'Silent', cls: 'silent' }],
  ['silent', { label: 'Silent', cls: 'silent' }],
  ['5_prime_utr_variant', { label: "5'UTR", cls: 'other' }],
  ["5'utr", { label: "5'UTR", cls: 'other' }],
  ['3_prime_utr_variant', { label: "3'UTR", cls: 'other' }],
  ["3'utr", { label: "3'UTR", cls: 'other' }],
  ['non_coding_transcript_exon_variant', { label: 'Non-coding', cls: 'other' }],
  ['rna', { label: 'Non-coding', cls: 'other' }],
  ['intron_variant', { label: 'Intron', cls: 'other' }],
  ['intron', { label: 'Intron', cls: 'other' }],
  ['upstream_gene_variant', { label: 'Upstream', cls: 'other' }],
  ["5'flank", { label: 'Upstream', cls: 'other' }],
  ['downstream_gene_variant', { label: 'Downstream', cls: 'other' }],
  ["3'flank", { label: 'Downstream', cls: 'other' }],
  ['intergenic_variant', { label: 'Intergenic', cls: 'other' }],
  ['igr', { label: 'Intergenic', cls: 'other' }],
];
const RANK = new Map(TERMS.map(([k], i) => [k, i]));
const BY_KEY = new Map(TERMS);

export type Consequence = { label: string; cls: ConsequenceClass; rank: number; raw: string };

export function classifyConsequence(raw: string | undefined): Consequence {
  if (!raw) return { label: '—', cls: 'other', rank: TERMS.length + 1, raw: '' };
  let best: { key: string; rank: number } | null = null;
  for (const part of raw.split(/[&,|]/)) {
    const key = part.trim().toLowerCase();
    const rank = RANK.get(key);
    if (rank !== undefined && (!best || rank < best.rank)) best = { key, rank };
  }
  if (!best) {
    const first = raw.split(/[&,|]/)[0].trim();
    const label = first.replace(/_variant$/i, '').replace(/_/g, ' ');
    return { label: label.charAt(0).toUpperCase() + label.slice(1), cls: 'other', rank: TERMS.length, raw };
  }
  const term = BY_KEY.get(best.key)!;
  return { ...term, rank: best.rank, raw };
}

const AA3: Record<string, string> = {
  Ala: 'A',
  Arg: 'R',
  Asn: 'N',
  Asp: 'D',
  Cys: 'C',
  Gln: 'Q',
  Glu: 'E',
  Gly: 'G',
  His: 'H',
  Ile: 'I',
  Leu: 'L',
  Lys: 'K',
  Met: 'M',
  Phe: 'F',
  Pro: 'P',
  Ser: 'S',
  Thr: 'T',
  Trp: 'W',
  Tyr: 'Y',
  Val: 'V',
  Ter: '*',
  Sec: 'U',
  Pyl: 'O',
  Xaa: 'X',
};

/** "ENSP00000269305.4:p.Arg175His" -> "p.R175H"; "p.(Gly12Asp)" -> "p.G12D"; "%3D" (VEP's escaped =) -> "=". */
export function shortProtein(hgvsp: string | undefined): string {
  if (!hgvsp) return '';
  let p = hgvsp.trim();
  try {
    p = decodeURIComponent(p);
  } catch {
    /* keep as is */
  }
  const colon = p.lastIndexOf(':');
  if (colon >= 0) p = p.slice(colon + 1);
  p = p.replace(/^p\.\((.*)\)$/, 'p.$1');
  return p.replace(
    /(Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val|Ter|Sec|Pyl|Xaa)/g,
    (m) => AA3[m] ?? m,
  );
}

/** The protein position of a change, for sorting ("p.R175H" -> 175). */
export function proteinPosition(short: string): number {
  const m = /(\d+)/.exec(short);
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}

/** chr1..chr22, X, Y, M in karyotype order; anything else after, alphabetically. */
/** Karyotype order of a chromosome name; remembered per name, as a million rows ask it a million times. */
export function chromRank(chrom: string): number {
  let rank = CHROM_RANKS.get(chrom);
  if (rank === undefined) {
    rank = rankOf(chrom);
    if (CHROM_RANKS.size < 10_000) CHROM_RANKS.set(chrom, rank);
  }
  return rank;
}
const CHROM_RANKS = new Map<string, number>();

function rankOf(chrom: string): number {
  const c = chrom.replace(/^chr/i, '').toUpperCase();
  if (/^\d+$/.test(c)) return Number(c);
  if (c === 'X') return 23;
  if (c === 'Y') return 24;
  if (c === 'M' || c === 'MT') return 25;
  return 26;
}

export function isPass(filter: string): boolean {
  const f = filter.trim();
  return f === 'PASS' || f === '.' || f === '';
}
