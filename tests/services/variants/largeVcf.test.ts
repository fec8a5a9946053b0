/**
 * Issue 7, "large inputs stay bounded": a 1 GiB unindexed VCF is streamed, not loaded — the table
 * keeps the first MAX_VARIANTS, every record is counted, the user is told to index the file, and the
 * process's memory stays far below the file's size.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_VARIANTS } from '../../../electron/services/variants/limits.js';
import { readVariantFile } from '../../../electron/services/variants/readVariantFile.js';

const GIB = 2 ** 30;
const dir = mkdtempSync(join(tmpdir(), 'triptych-large-vcf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A VCF of `bytes` bytes or a little more: one sample, a PASS SNV every 10 bases, padded INFO. */
async function writeLargeVcf(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n');
  out.write('##INFO=<ID=NOTE,Number=1,Type=String,Description="padding">\n');
  out.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n');
  out.write('#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n');
  const pad = 'x'.repeat(60);
  let written = 0;
  let records = 0;
  while (written < bytes) {
    const chunk: string[] = [];
    for (let i = 0; i < 10_000; i++, records++) chunk.push(`chr1\t${10 + records * 10}\t.\tA\tC\t50\tPASS\tNOTE=${pad}\tGT\t0/1`);
    const text = chunk.join('\n') + '\n';
    written += text.length;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return records;
}

describe('a 1 GiB unindexed VCF', () => {
  it('is streamed with bounded memory: the first variants kept, all counted, indexing advised', async () => {
    const path = join(dir, 'huge.vcf');
    const records = await writeLargeVcf(path, GIB);
    expect(statSync(path).size).toBeGreaterThanOrEqual(GIB);

    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const table = await readVariantFile(path);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(table.records).toBe(records);
    expect(table.columns.length).toBe(MAX_VARIANTS);
    expect(table.capped).toBe(true);
    expect(table.warnings.join(' ')).toMatch(/index/i);
    // The file is 1 GiB; the table of its first 200,000 variants and the stream take a fraction.
    expect(peak - before).toBeLessThan(GIB / 3);
  }, 300_000);
});
