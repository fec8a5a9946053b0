/**
 * A large sorted VCF on chr1 and chr2, bgzipped with its .tbi and .csi beside it (bgzip and tabix
 * must be installed). INFO carries a pseudo-random token per record, so it compresses as real
 * calls do (poorly); more token parts make each record larger.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeLargeVcf(
  dir: string,
  {
    chr1Records,
    chr2Records,
    tokenParts = 6,
    name = 'large.vcf',
  }: { chr1Records: number; chr2Records: number; tokenParts?: number; name?: string },
): string {
  const lines = [
    '##fileformat=VCFv4.2',
    '##reference=GRCh38',
    '##contig=<ID=chr1,length=248956422>',
    '##contig=<ID=chr2,length=242193529>',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
    '##INFO=<ID=TOKEN,Number=1,Type=String,Description="Filler">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
  ];
  let seed = 42;
  const token = () => {
    let out = '';
    for (let i = 0; i < tokenParts; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      out += seed.toString(36);
    }
    return out;
  };
  for (let i = 0; i < chr1Records; i++)
    lines.push(`chr1\t${10_000 + i * 500}\t.\tC\tT\t50\tPASS\tDP=${i % 200};TOKEN=${token()}`);
  for (let i = 0; i < chr2Records; i++)
    lines.push(`chr2\t${20_000 + i * 700}\t.\tG\tA\t60\tPASS\tDP=${i % 150};TOKEN=${token()}`);
  const plain = join(dir, name);
  writeFileSync(plain, `${lines.join('\n')}\n`);
  const out = `${plain}.gz`;
  for (const [tool, args] of [
    ['bgzip', ['-f', plain]],
    ['tabix', ['-f', '-p', 'vcf', out]],
    ['tabix', ['-f', '-C', '-p', 'vcf', out]],
  ] as const) {
    const done = spawnSync(tool, args, { encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${done.stderr}`);
  }
  return out;
}
