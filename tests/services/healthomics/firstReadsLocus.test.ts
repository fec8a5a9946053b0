/**
 * Where a BAM's first reads lie, from its .bai: the 16 kb window holding the first read samtools
 * prints, on its contig — where a genome view with no variant to go to starts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstReadsLocus } from '../../../electron/services/healthomics/firstReadsLocus.js';
import type { RangeSource } from '../../../electron/services/healthomics/partedFile.js';
import { generateBam, omicsFixturesUnavailable } from '../../support/aws/omicsFixtures.js';

const bytesOf = (buffer: Uint8Array): RangeSource => ({
  size: buffer.length,
  read: async (start, end) => buffer.subarray(start, Math.min(end, buffer.length - 1) + 1),
});

describe.skipIf(omicsFixturesUnavailable())('the first reads of a BAM', () => {
  it('is the 16 kb window of the first read samtools prints', async () => {
    for (const options of [{}, { backgroundReads: 0 }]) {
      const bam = generateBam(mkdtempSync(join(tmpdir(), 'triptych-first-reads-')), options);
      const [chrom, pos] = execFileSync('samtools', ['view', bam.path], { encoding: 'utf8', maxBuffer: 1 << 28 })
        .split('\n', 1)[0]!
        .split('\t')
        .slice(2, 4);
      const locus = await firstReadsLocus(bytesOf(bam.bam), bytesOf(bam.bai));
      const match = /^(.+):(\d+)-(\d+)$/.exec(locus ?? '');
      expect(match?.[1]).toBe(chrom);
      expect(Number(match![2])).toBeLessThanOrEqual(Number(pos));
      expect(Number(match![3])).toBeGreaterThanOrEqual(Number(pos));
      expect(Number(match![3]) - Number(match![2])).toBe(16_383);
    }
  });

  it('is null for what is not a BAM index', async () => {
    const bam = generateBam(mkdtempSync(join(tmpdir(), 'triptych-first-reads-')));
    expect(await firstReadsLocus(bytesOf(bam.bam), bytesOf(Buffer.from('not an index')))).toBeNull();
  });
});
