/**
 * A bgzipped VCF with its tabix index that holds more records than the variants table keeps: chr1
 * fills the table's cap, and chr2's records lie past it (so they are only seen read by region).
 */
import type { Page } from '@playwright/test';
import { bgzfCompress } from '../../electron/services/variants/bgzf.js';
import { MAX_VARIANTS } from '../../electron/services/variants/limits.js';
import { tabixIndexVcf, type IndexedLine } from '../../electron/services/variants/tabixIndex.js';

/** chr2's records, every 1,000 bp from 1,000,000; each a missense variant in GENE<i>. */
const CHR2_RECORDS = 600;

export function pastTheCapVcf(): { vcf: Buffer; tbi: Buffer } {
  const header = [
    '##fileformat=VCFv4.2',
    '##reference=GRCh38',
    '##contig=<ID=chr1,length=248956422>',
    '##contig=<ID=chr2,length=242193529>',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
    '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL|HGVSp">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
  ].join('\n');
  const lines: string[] = [];
  const indexed: IndexedLine[] = [];
  let offset = Buffer.byteLength(`${header}\n`);
  const add = (chrom: string, pos: number, info: string) => {
    const line = `${chrom}\t${pos}\t.\tC\tT\t.\tPASS\t${info}`;
    lines.push(line);
    const length = line.length + 1;
    indexed.push({ chrom, begin: pos - 1, end: pos, textStart: offset, textEnd: offset + length });
    offset += length;
  };
  for (let i = 0; i < MAX_VARIANTS; i++) add('chr1', 10_000 + i * 10, `DP=${30 + (i % 100)}`);
  for (let i = 0; i < CHR2_RECORDS; i++)
    add('chr2', 1_000_000 + i * 1000, `DP=80;CSQ=T|missense_variant|GENE${i}|p.Arg${i + 1}Gln`);
  const compressed = bgzfCompress(Buffer.from(`${header}\n${lines.join('\n')}\n`));
  return { vcf: compressed.bytes, tbi: tabixIndexVcf(indexed, compressed) };
}

/** The variants table's "shown of total" line, spaces folded. */
export const variantCount = async (page: Page) =>
  (await page.getByTestId('variant-count').textContent())?.replace(/\s+/g, ' ').trim();
