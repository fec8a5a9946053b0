/**
 * The demo case's somatic variants: a Mutect2-style tumor/normal VCF (VCFv4.2, GRCh38, VEP CSQ) of a
 * muscle-invasive bladder cancer, plus a bgzip copy with its tabix index. Synthetic, deterministic.
 *
 * Every coordinate, allele and protein change below is a row of the cancer hotspots table
 * (`../shared/reference/cancerhotspots_v2_GRCh38.tsv`, maftools, MIT), looked up when this file was
 * written and copied here: a user's clone has no ../shared. The table has no TERT promoter rows, so
 * the demo has none. Transcript ids and HGVSc are given for the drivers only (no protein ids, so
 * HGVSp carries no prefix); depths, VAFs and the
 * passengers' filters are invented.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bgzfCompress } from '../variants/bgzf.js';
import { longProteinChange } from '../variants/proteinChange.js';
import { tabixIndexVcf, type IndexedLine } from '../variants/tabixIndex.js';
import { seededRandom } from './random.js';

export const DEMO_VCF_PATH = 'variants/tumor_vs_normal.somatic.vcf';

/** GRCh38 primary assembly chromosome lengths. */
// prettier-ignore
const GRCH38_CONTIGS: Array<[string, number]> = [
  ['chr1', 248956422], ['chr2', 242193529], ['chr3', 198295559], ['chr4', 190214555], ['chr5', 181538259],
  ['chr6', 170805979], ['chr7', 159345973], ['chr8', 145138636], ['chr9', 138394717], ['chr10', 133797422],
  ['chr11', 135086622], ['chr12', 133275309], ['chr13', 114364328], ['chr14', 107043718], ['chr15', 101991189],
  ['chr16', 90338345], ['chr17', 83257441], ['chr18', 80373285], ['chr19', 58617616], ['chr20', 64444167],
  ['chr21', 46709983], ['chr22', 50818468], ['chrX', 156040895], ['chrY', 57227415],
];

type Kind = 'missense' | 'nonsense';
/** A hotspot row: chromosome, position, REF, ALT, gene, class, protein change (short form). */
type Hotspot = [chrom: string, pos: number, ref: string, alt: string, gene: string, kind: Kind, protein: string];

/** The tumor's drivers, with their canonical transcript, HGVSc, tumor depth and VAF. */
const DRIVERS: Array<{ hotspot: Hotspot; transcript: string; hgvsc: string; depth: number; vaf: number }> = [
  {
    hotspot: ['4', 1801841, 'C', 'G', 'FGFR3', 'missense', 'S249C'],
    transcript: 'ENST00000440486',
    hgvsc: 'c.746C>G',
    depth: 212,
    vaf: 0.41,
  },
  {
    hotspot: ['17', 7674220, 'C', 'T', 'TP53', 'missense', 'R248Q'],
    transcript: 'ENST00000269305',
    hgvsc: 'c.743G>A',
    depth: 188,
    vaf: 0.37,
  },
  {
    hotspot: ['17', 7673802, 'C', 'T', 'TP53', 'missense', 'R273H'],
    transcript: 'ENST00000269305',
    hgvsc: 'c.818G>A',
    depth: 243,
    vaf: 0.08,
  },
  {
    hotspot: ['3', 179218303, 'G', 'A', 'PIK3CA', 'missense', 'E545K'],
    transcript: 'ENST00000263967',
    hgvsc: 'c.1633G>A',
    depth: 176,
    vaf: 0.22,
  },
  {
    hotspot: ['X', 45063557, 'C', 'T', 'KDM6A', 'nonsense', 'Q555*'],
    transcript: 'ENST00000377967',
    hgvsc: 'c.1663C>T',
    depth: 154,
    vaf: 0.58,
  },
  {
    hotspot: ['17', 39711955, 'C', 'T', 'ERBB2', 'missense', 'S310F'],
    transcript: 'ENST00000269571',
    hgvsc: 'c.929C>T',
    depth: 201,
    vaf: 0.18,
  },
  {
    hotspot: ['1', 26773456, 'C', 'T', 'ARID1A', 'nonsense', 'R1276*'],
    transcript: 'ENST00000324856',
    hgvsc: 'c.3826C>T',
    depth: 167,
    vaf: 0.29,
  },
];

type PassengerFilter = 'PASS' | 'germline_risk' | 'weak_evidence' | 'strand_bias';

/** Passengers: real hotspot positions in other genes, at subclonal VAFs; a few filtered out. */
const PASSENGERS: Array<[...Hotspot, PassengerFilter?]> = [
  ['12', 49022633, 'C', 'T', 'KMT2D', 'missense', 'R5432Q'],
  ['7', 152148281, 'C', 'T', 'KMT2C', 'missense', 'R4549H'],
  ['22', 41129965, 'T', 'C', 'EP300', 'missense', 'L415P'],
  ['X', 124045347, 'C', 'T', 'STAG2', 'nonsense', 'R216*'],
  ['13', 48362847, 'C', 'T', 'RB1', 'nonsense', 'R251*'],
  ['4', 186621706, 'C', 'T', 'FAT1', 'missense', 'R1627Q'],
  ['19', 45353087, 'G', 'T', 'ERCC2', 'missense', 'D609E'],
  ['11', 108244873, 'C', 'T', 'ATM', 'nonsense', 'R250*'],
  ['13', 32344624, 'C', 'T', 'BRCA2', 'missense', 'S2303F', 'germline_risk'],
  ['2', 177234071, 'T', 'A', 'NFE2L2', 'missense', 'E82D'],
  ['4', 152322939, 'C', 'T', 'FBXW7', 'missense', 'R689Q', 'weak_evidence'],
  ['11', 118481870, 'C', 'T', 'KMT2A', 'nonsense', 'R1264*'],
  ['17', 49619062, 'G', 'C', 'SPOP', 'missense', 'F133L'],
  ['3', 41224606, 'G', 'A', 'CTNNB1', 'missense', 'D32N'],
  ['10', 87864515, 'T', 'G', 'PTEN', 'missense', 'Y16D'],
  ['9', 136511181, 'A', 'C', 'NOTCH1', 'missense', 'F853C'],
  ['9', 134436505, 'C', 'A', 'RXRA', 'missense', 'S427Y', 'germline_risk'],
  ['2', 197400728, 'T', 'C', 'SF3B1', 'missense', 'E902G'],
  ['19', 52212718, 'C', 'G', 'PPP2R1A', 'missense', 'P179R'],
  ['9', 21970970, 'A', 'C', 'CDKN2A', 'missense', 'L130R'],
  ['2', 25753607, 'G', 'A', 'ASXL2', 'nonsense', 'R357*'],
  ['12', 45836858, 'C', 'T', 'ARID2', 'missense', 'S297F'],
  ['19', 11013015, 'A', 'G', 'SMARCA4', 'missense', 'M781V'],
  ['17', 31206297, 'C', 'T', 'NF1', 'nonsense', 'R440*'],
  ['5', 112780895, 'C', 'T', 'APC', 'nonsense', 'R213*'],
  ['1', 11109318, 'A', 'C', 'MTOR', 'missense', 'I2500M'],
  ['14', 37591986, 'G', 'T', 'FOXA1', 'missense', 'F266L'],
  ['X', 47179127, 'C', 'G', 'RBM10', 'missense', 'R153G'],
  ['5', 68293123, 'C', 'T', 'PIK3R1', 'nonsense', 'R348*'],
  ['3', 47101475, 'A', 'C', 'SETD2', 'nonsense', 'Y1666*'],
  ['19', 42287563, 'C', 'T', 'CIC', 'missense', 'R201W', 'weak_evidence'],
  ['1', 9719924, 'T', 'C', 'PIK3CD', 'missense', 'C416R'],
  ['2', 211383677, 'A', 'C', 'ERBB4', 'missense', 'S1289A'],
  ['3', 135201570, 'C', 'T', 'EPHB1', 'missense', 'R743W', 'weak_evidence'],
  ['4', 54264975, 'G', 'A', 'PDGFRA', 'missense', 'E229K'],
  ['5', 177095415, 'C', 'A', 'FGFR4', 'missense', 'N535K'],
  ['7', 2924297, 'C', 'A', 'CARD11', 'nonsense', 'E626*', 'weak_evidence'],
  ['7', 116771969, 'A', 'G', 'MET', 'missense', 'Y1003C', 'strand_bias'],
  ['8', 54458425, 'C', 'G', 'SOX17', 'missense', 'A96G', 'germline_risk'],
  ['11', 101042084, 'C', 'T', 'PGR', 'missense', 'R836Q', 'germline_risk'],
  ['17', 39511531, 'G', 'A', 'CDK12', 'missense', 'R890H'],
  ['19', 15239998, 'G', 'C', 'BRD4', 'missense', 'P1065R', 'weak_evidence'],
];

/** Two ALT alleles at one CREBBP hotspot (both rows of the table), as one multi-allelic record. */
const MULTI_ALLELIC: { hotspots: [Hotspot, Hotspot]; depth: number; vafs: [number, number] } = {
  hotspots: [
    ['16', 3738650, 'C', 'A', 'CREBBP', 'missense', 'D1435Y'],
    ['16', 3738650, 'C', 'T', 'CREBBP', 'missense', 'D1435N'],
  ],
  depth: 169,
  vafs: [0.107, 0.065],
};

const HEADER_META = [
  '##fileformat=VCFv4.2',
  '##fileDate=20250520',
  '##source=Triptych synthetic demo (Mutect2-style; not from a patient)',
  '##reference=GRCh38',
  ...GRCH38_CONTIGS.map(([name, length]) => `##contig=<ID=${name},length=${length},assembly=GRCh38>`),
  '##FILTER=<ID=PASS,Description="All filters passed">',
  '##FILTER=<ID=germline_risk,Description="Evidence indicates this site is germline, not somatic">',
  '##FILTER=<ID=weak_evidence,Description="Mutation does not meet likelihood threshold">',
  '##FILTER=<ID=strand_bias,Description="Evidence for alt allele comes from one read direction only">',
  '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth, tumor and normal">',
  '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Feature_type|Feature|BIOTYPE|HGVSc|HGVSp|CANONICAL">',
  '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
  '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
  '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">',
  '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
  '##tumor_sample=TUMOR',
  '##normal_sample=NORMAL',
];
const COLUMN_LINE = '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNORMAL\tTUMOR';

type SampleCall = { gt: string; ad: number[] };
type DemoRecord = {
  chrom: string;
  pos: number;
  ref: string;
  alts: string[];
  filter: string;
  csq: string[];
  normal: SampleCall;
  tumor: SampleCall;
};

const CONSEQUENCE: Record<Kind, [term: string, impact: string]> = {
  missense: ['missense_variant', 'MODERATE'],
  nonsense: ['stop_gained', 'HIGH'],
};

function csqEntry([, , , alt, gene, kind, protein]: Hotspot, transcript = '', hgvsc = ''): string {
  const [term, impact] = CONSEQUENCE[kind];
  const canonical = transcript ? 'YES' : '';
  const hgvscField = transcript ? `${transcript}:${hgvsc}` : '';
  return [
    alt,
    term,
    impact,
    gene,
    'Transcript',
    transcript,
    'protein_coding',
    hgvscField,
    longProteinChange(protein),
    canonical,
  ].join('|');
}

/** Allele depths for the given VAFs at a depth; the REF takes the rest. */
function alleleDepths(depth: number, vafs: number[]): number[] {
  const alts = vafs.map((vaf) => Math.round(vaf * depth));
  return [depth - alts.reduce((sum, n) => sum + n, 0), ...alts];
}

function buildRecords(): DemoRecord[] {
  const random = seededRandom(0x7219);
  const between = (low: number, high: number): number => low + random() * (high - low);
  const normalDepth = (): number => Math.round(between(40, 140));
  const somaticNormal = (alts: number): SampleCall => ({ gt: '0/0', ad: [normalDepth(), ...Array<number>(alts).fill(0)] });
  const contig = (chrom: string): string => `chr${chrom}`;

  const records: DemoRecord[] = DRIVERS.map(({ hotspot, transcript, hgvsc, depth, vaf }) => ({
    chrom: contig(hotspot[0]),
    pos: hotspot[1],
    ref: hotspot[2],
    alts: [hotspot[3]],
    filter: 'PASS',
    csq: [csqEntry(hotspot, transcript, hgvsc)],
    normal: somaticNormal(1),
    tumor: { gt: '0/1', ad: alleleDepths(depth, [vaf]) },
  }));
  for (const [chrom, pos, ref, alt, gene, kind, protein, filter = 'PASS'] of PASSENGERS) {
    const depth = Math.round(between(70, 320));
    const vaf =
      filter === 'germline_risk'
        ? between(0.44, 0.55)
        : filter === 'weak_evidence'
          ? Math.round(between(2, 5)) / depth
          : between(0.06, 0.34);
    const normal =
      filter === 'germline_risk' ? { gt: '0/1', ad: alleleDepths(normalDepth(), [between(0.42, 0.55)]) } : somaticNormal(1);
    records.push({
      chrom: contig(chrom),
      pos,
      ref,
      alts: [alt],
      filter,
      csq: [csqEntry([chrom, pos, ref, alt, gene, kind, protein])],
      normal,
      tumor: { gt: '0/1', ad: alleleDepths(depth, [vaf]) },
    });
  }
  const [first, second] = MULTI_ALLELIC.hotspots;
  records.push({
    chrom: contig(first[0]),
    pos: first[1],
    ref: first[2],
    alts: [first[3], second[3]],
    filter: 'PASS',
    csq: [csqEntry(first), csqEntry(second)],
    normal: somaticNormal(2),
    tumor: { gt: '0/1/2', ad: alleleDepths(MULTI_ALLELIC.depth, MULTI_ALLELIC.vafs) },
  });

  const order = new Map(GRCH38_CONTIGS.map(([name], i) => [name, i]));
  return records.sort((a, b) => order.get(a.chrom)! - order.get(b.chrom)! || a.pos - b.pos);
}

function sampleColumn({ gt, ad }: SampleCall): string {
  const depth = ad.reduce((sum, n) => sum + n, 0);
  const af = ad.slice(1).map((alt) => (depth === 0 ? 0 : alt / depth).toFixed(3));
  return `${gt}:${ad.join(',')}:${af.join(',')}:${depth}`;
}

function recordLine(record: DemoRecord): string {
  const depth = [record.normal, record.tumor].flatMap((call) => call.ad).reduce((sum, n) => sum + n, 0);
  return [
    record.chrom,
    record.pos,
    '.',
    record.ref,
    record.alts.join(','),
    '.',
    record.filter,
    `DP=${depth};CSQ=${record.csq.join(',')}`,
    'GT:AD:AF:DP',
    sampleColumn(record.normal),
    sampleColumn(record.tumor),
  ].join('\t');
}

/** Writes the VCF, its bgzip copy and tabix index under `outDir`; returns the paths written. */
export async function generateDemoVariants(outDir: string): Promise<string[]> {
  const records = buildRecords();
  const header = `${[...HEADER_META, COLUMN_LINE].join('\n')}\n`;
  const lines = records.map(recordLine);
  const text = header + lines.map((line) => `${line}\n`).join('');

  const indexed: IndexedLine[] = [];
  let offset = header.length;
  records.forEach((record, i) => {
    const length = lines[i]!.length + 1;
    indexed.push({
      chrom: record.chrom,
      begin: record.pos - 1,
      end: record.pos - 1 + record.ref.length,
      textStart: offset,
      textEnd: offset + length,
    });
    offset += length;
  });
  const compressed = bgzfCompress(Buffer.from(text, 'utf8'));

  const vcfPath = join(outDir, DEMO_VCF_PATH);
  await mkdir(join(outDir, 'variants'), { recursive: true });
  await writeFile(vcfPath, text);
  await writeFile(`${vcfPath}.gz`, compressed.bytes);
  await writeFile(`${vcfPath}.gz.tbi`, tabixIndexVcf(indexed, compressed));
  return [vcfPath, `${vcfPath}.gz`, `${vcfPath}.gz.tbi`];
}
