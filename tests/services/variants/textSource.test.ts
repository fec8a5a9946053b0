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
