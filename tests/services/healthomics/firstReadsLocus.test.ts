/**
 * Where a BAM's first reads lie, from its .bai, and a CRAM's, from its .crai and header: the 16 kb
 * window holding the first read samtools prints, on its contig — where a genome view with no
 * variant to go to starts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cramContigs } from '../../../electron/services/healthomics/cramContigs.js';
import { firstCramReadsLocus, firstReadsLocus } from '../../../electron/services/healthomics/firstReadsLocus.js';
import type { RangeSource } from '../../../electron/services/healthomics/partedFile.js';
import { generateBam, generateCram, generateGenomeReference, omicsFixturesUnavailable } from '../../support/aws/omicsFixtures.js';

const bytesOf = (buffer: Uint8Array): RangeSource => ({
  size: buffer.length,
  read: async (start, end) => buffer.subarray(start, Math.min(end, buffer.length - 1) + 1),
});

/** The contig and position of the first read `samtools view` prints (extra arguments before the file). */
function firstRead(path: string, ...args: string[]): [string, number] {
  const [chrom, pos] = execFileSync('samtools', ['view', ...args, path], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n', 1)[0]!
    .split('\t')
    .slice(2, 4);
  return [chrom!, Number(pos)];
}

/** The locus holds the read: on its contig, a 16 kb window around its position. */
function expectWindowAround(locus: string | null, [chrom, pos]: [string, number]) {
  const match = /^(.+):(\d+)-(\d+)$/.exec(locus ?? '');
  expect(match?.[1]).toBe(chrom);
  expect(Number(match![2])).toBeLessThanOrEqual(pos);
  expect(Number(match![3])).toBeGreaterThanOrEqual(pos);
  expect(Number(match![3]) - Number(match![2])).toBe(16_383);
}

describe.skipIf(omicsFixturesUnavailable())('the first reads of a CRAM', () => {
  it('is the 16 kb window of the first read samtools prints, from the .crai and the header', async () => {
    for (const options of [{}, { backgroundReads: 0 }]) {
      const dir = mkdtempSync(join(tmpdir(), 'triptych-first-reads-'));
      const genome = generateGenomeReference(dir);
      const cram = generateCram(dir, generateBam(dir, { ...options, genome }), genome);
      const locus = await firstCramReadsLocus(bytesOf(cram.cram), bytesOf(cram.crai));
      expectWindowAround(locus, firstRead(cram.path, '-T', genome.path));
      const sq = execFileSync('samtools', ['view', '-H', cram.path], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.startsWith('@SQ'))
        .map((line) => /SN:([^\t]+)/.exec(line)![1]);
      expect(await cramContigs(bytesOf(cram.cram))).toEqual(sq);
    }
  });

  it('is null for what is not a .crai', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triptych-first-reads-'));
    const genome = generateGenomeReference(dir);
    const cram = generateCram(dir, generateBam(dir, { genome }), genome);
    expect(await firstCramReadsLocus(bytesOf(cram.cram), bytesOf(Buffer.from('not an index')))).toBeNull();
  });
});

describe.skipIf(omicsFixturesUnavailable())('the first reads of a BAM', () => {
  it('is the 16 kb window of the first read samtools prints', async () => {
    for (const options of [{}, { backgroundReads: 0 }]) {
      const bam = generateBam(mkdtempSync(join(tmpdir(), 'triptych-first-reads-')), options);
      expectWindowAround(await firstReadsLocus(bytesOf(bam.bam), bytesOf(bam.bai)), firstRead(bam.path));
    }
  });

  it('is null for what is not a BAM index', async () => {
    const bam = generateBam(mkdtempSync(join(tmpdir(), 'triptych-first-reads-')));
    expect(await firstReadsLocus(bytesOf(bam.bam), bytesOf(Buffer.from('not an index')))).toBeNull();
  });
});
