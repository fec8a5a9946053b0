/**
 * forEachLine's offer of a line's bytes (what the VCF reader codes values from): when given, they
 * are exactly the line's characters, over chunk boundaries, non-ASCII text and gzip.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { forEachLine } from '../../../electron/services/variants/textSource.js';
import { tempFolder } from './tempFiles.js';

const file = tempFolder('text-source');

/** 6,000 lines of 1–120 characters (some 300 kB: several 64 KiB chunks), a stretch of them not ASCII. */
function lines(): string[] {
  let seed = 3;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: 6000 }, (_, i) => {
    const length = 1 + Math.floor(random() * 120);
    const chars = Array.from({ length }, () => String.fromCharCode(33 + Math.floor(random() * 90)));
    if (i >= 2500 && i < 2600 && i % 7 === 0) chars[Math.floor(length / 2)] = 'é';
    return `${i}\t${chars.join('')}`;
  });
}

async function read(path: string): Promise<{ seen: string[]; withBytes: number }> {
  const seen: string[] = [];
  let withBytes = 0;
  await forEachLine(path, (line, _lineNumber, bytes, byteStart) => {
    seen.push(line);
    if (!bytes) return;
    withBytes += 1;
    expect(Buffer.from(bytes.subarray(byteStart!, byteStart! + line.length)).toString('latin1'), `line ${seen.length}`).toBe(
      line,
    );
  });
  return { seen, withBytes };
}

describe('forEachLine', () => {
  it('reads UTF-8 across chunks, a character cut between two of them included, and drops only a leading BOM', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => (i % 997 === 0 ? `é€\uFEFF${i}` : `line ${i} ${'x'.repeat(i % 50)}`));
    // After the BOM (3 bytes) and the first line, 'é' (2 bytes) then '€' (3) start at byte 65,536 − shift:
    // shift 1 cuts 'é' between the first two 64 KiB chunks, shift 3 cuts '€', shift 2 neither.
    for (const shift of [1, 2, 3]) {
      const text = `${'a'.repeat(65536 - 3 - 1 - shift)}\né€ first\n${body.join('\n')}\n`;
      const { seen } = await read(file(`utf8-${shift}.txt`, `\uFEFF${text}`));
      expect(seen).toEqual(text.slice(0, -1).split('\n'));
    }
  });

  it('reads a character cut short at the end of a chunk (broken UTF-8) as the decoder does, before an ASCII chunk', async () => {
    const bytes = Buffer.concat([Buffer.from(`${'a'.repeat(65534)}\n`), Buffer.from([0xc3]), Buffer.from('bcd\nnext line\n')]);
    const { seen } = await read(file('broken.txt', bytes));
    expect(seen).toEqual(new TextDecoder().decode(bytes).slice(0, -1).split('\n'));
    expect(seen[1]).toBe('\ufffdbcd');
  });

  for (const gzip of [false, true]) {
    it(`gives each line, and its bytes where they are its characters (${gzip ? 'gzip' : 'plain'})`, async () => {
      const text = `${lines().join('\n')}\n`;
      const path = file(gzip ? 'lines.txt.gz' : 'lines.txt', gzip ? gzipSync(text) : text);
      const { seen, withBytes } = await read(path);
      expect(seen).toEqual(lines());
      // Most lines come with their bytes: all but a chunk's first (carried over) and the non-ASCII chunk's.
      expect(withBytes).toBeGreaterThan(seen.length * 0.6);
      expect(withBytes).toBeLessThan(seen.length);
    });
  }
});
