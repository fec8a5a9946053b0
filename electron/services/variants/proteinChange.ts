/** HGVS protein notation in the short form tables show (p.R248Q), as MAF's HGVSp_Short has it. */

// prettier-ignore
const ONE_LETTER: Record<string, string> = {
  Ala: 'A', Arg: 'R', Asn: 'N', Asp: 'D', Cys: 'C', Gln: 'Q', Glu: 'E', Gly: 'G', His: 'H', Ile: 'I',
  Leu: 'L', Lys: 'K', Met: 'M', Phe: 'F', Pro: 'P', Ser: 'S', Thr: 'T', Trp: 'W', Tyr: 'Y', Val: 'V',
  Ter: '*', Sec: 'U', Pyl: 'O', Xaa: 'X',
};
const THREE_LETTER = new RegExp(Object.keys(ONE_LETTER).join('|'), 'g');

/** Drops a sequence prefix ("ENST00000269305.4:c.743G>A" -> "c.743G>A"). */
export const withoutSequenceId = (hgvs: string): string => hgvs.slice(hgvs.indexOf(':') + 1);

const SHORT_FORMS = new Map<string, string>();

/** "ENSP00000269305.4:p.Arg248Gln" -> "p.R248Q"; "p.Arg213Ter" -> "p.R213*"; short forms unchanged. */
export function shortProteinChange(hgvsp: string): string {
  // Remembered (bounded): a file repeats its protein changes, and the regular expression is the slow part.
  let short = SHORT_FORMS.get(hgvsp);
  if (short === undefined) {
    short = withoutSequenceId(hgvsp).replace(THREE_LETTER, (code) => ONE_LETTER[code] ?? code);
    if (SHORT_FORMS.size >= 100_000) SHORT_FORMS.clear();
    SHORT_FORMS.set(hgvsp, short);
  }
  return short;
}

/** "R248Q" (as the cancer hotspots table writes it) -> "p.Arg248Gln", the form VEP writes. */
export function longProteinChange(short: string): string {
  const threeLetter = Object.fromEntries(Object.entries(ONE_LETTER).map(([three, one]) => [one, three]));
  return `p.${short.replace(/[A-Z*]/g, (letter) => threeLetter[letter] ?? letter)}`;
}
