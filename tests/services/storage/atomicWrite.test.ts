import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const WRITER = resolve(import.meta.dirname, 'atomicWriter.fixture.ts');

/** A file is whole when it is one of the writer's versions: a line of one repeated digit, 200 kB long. */
const isWhole = (text: string) => /^(\d)\1{199999}$/.test(text);

describe('writeFileAtomic under SIGKILL', () => {
  it('always leaves the old or the new content, never a torn file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triptych-atomic-'));
    const target = join(dir, 'notes.txt');
    writeFileSync(target, '0'.repeat(200000));
    for (let round = 0; round < 100; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, target], { stdio: ['ignore', 'pipe', 'inherit'] });
      // Kill it at a varying moment after it started writing.
      await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
      await new Promise((wait) => setTimeout(wait, (round * 7) % 40));
      child.kill('SIGKILL');
      await new Promise((exited) => child.once('exit', exited));
      expect(isWhole(readFileSync(target, 'utf8'))).toBe(true);
    }
    // Temp files of killed writers may stay behind; the target itself is never one of them.
    expect(readdirSync(dir)).toContain('notes.txt');
  }, 400_000);
});
