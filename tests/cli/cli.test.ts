import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/triptych.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'triptych-cli-'));
// The demo case is deterministic: generate it once for this test and the end-to-end specs.
const demoDataDir = resolve(import.meta.dirname, '../../.cache/e2e/shared-data');

async function triptych(...args: string[]) {
  return runIn(dataDir, ...args);
}

async function runIn(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, TRIPTYCH_DATA_DIR: dir },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('triptych CLI', () => {
  it('inspects the demo case: its files and their kinds', async () => {
    const { code, stdout } = await runIn(demoDataDir, 'inspect', '--demo');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.kind).toBe('case');
    const kinds = new Set(result.files.map((f: { kind: string }) => f.kind));
    for (const kind of ['slide', 'variants', 'ctdna', 'case-json']) expect(kinds).toContain(kind);
    expect(result.slides).toHaveLength(1);
    expect(result.slides[0].levels.length).toBeGreaterThanOrEqual(3);
    expect(result.slides[0].levels[0].width).toBeGreaterThanOrEqual(16000);
    expect(result.slides[0].associated).toEqual(expect.arrayContaining(['LABEL', 'OVERVIEW', 'THUMBNAIL']));
    expect(result.variants[0].records).toBeGreaterThan(10);
    expect(result.ctdna.points.length).toBeGreaterThan(5);
  });

  it('prints one error line and exits 2 for a missing path', async () => {
    const missing = join(dataDir, 'no-such-case');
    const { code, stderr, stdout } = await triptych('inspect', missing);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`^error: ${missing.replace(/[/\\]/g, '.')}: `));
  });

  it('prints one error line and exits 2 for a garbage file', async () => {
    const garbage = join(dataDir, 'garbage.bin');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131) % 256)));
    const { code, stderr } = await triptych('inspect', garbage);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`error: ${garbage}: `);
  });

  it('prints one error line and exits 2 for a DICOM file cut short', async () => {
    const truncated = join(dataDir, 'truncated.dcm');
    const header = Buffer.alloc(140);
    header.write('DICM', 128, 'latin1');
    header.writeUInt16LE(0x0002, 132);
    header.writeUInt16LE(0x0010, 134);
    header.write('UI', 136, 'latin1');
    header.writeUInt16LE(200, 138); // a length that runs past the end
    writeFileSync(truncated, header);
    const { code, stderr } = await triptych('inspect', truncated);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`error: ${truncated}: `);
  });

  it('prints usage and exits 2 for an unknown command', async () => {
    const { code, stderr } = await triptych('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain('usage:');
  });
});
