/**
 * A full disk while saving: the save fails with words a user can act on, the last saved notes are
 * still there (never a torn or empty file), and once space is freed the same open case saves again,
 * with no restart. The case folder is on a small tmpfs mounted for the test (needs root and mount
 * rights: skipped with the reason printed where they are missing).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app.js';
import { createAppServices } from '../../../electron/services/createAppServices.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'triptych-full-disk-'));
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return true;
  } catch (error) {
    console.log(`disk-full test skipped: cannot mount a small tmpfs here (${String(error).split('\n')[0]})`);
    return false;
  }
})();

type Envelope = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const call = async (services: AppServices, method: string, params: unknown = {}) =>
  (await services.dispatch(method as never, params as never)) as Envelope;

describe.skipIf(!mounted)('notes on a full disk', () => {
  let services: AppServices;
  beforeAll(async () => {
    writeFileSync(join(mountPoint, 'results.csv'), 'date,value,unit,status\n2025-01-02,1.5,MTM/mL,DETECTED\n');
    services = await createAppServices({
      dataDir: mkdtempSync(join(tmpdir(), 'triptych-full-disk-data-')),
      host: 'http',
      emit: () => {},
    });
    await services.openCase(mountPoint);
  });
  afterAll(async () => {
    await services?.dispose();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('fails with the reason, keeps the last saved text, and saves again once space is freed', async () => {
    expect(await call(services, 'notes.save', { markdown: '# Kept\nfirst save', recommendation: null })).toMatchObject({
      ok: true,
    });

    // Fill the disk to the last block.
    const filler = join(mountPoint, 'filler.bin');
    let size = 0;
    try {
      for (;;) {
        writeFileSync(filler, Buffer.alloc(size + 4096), { flag: 'w' });
        size += 4096;
      }
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }

    const big = `# New\n${'a tumor board note that does not fit. '.repeat(2000)}`;
    const failed = await call(services, 'notes.save', { markdown: big, recommendation: null });
    expect(failed.ok).toBe(false);
    expect(failed.error!.message).toMatch(/disk is full|no space/i);
    expect(failed.error!.message).toMatch(/notes/i);
    const kept = await call(services, 'notes.get');
    expect(kept).toMatchObject({ ok: true, value: { markdown: '# Kept\nfirst save' } });
    expect(readdirSync(mountPoint).filter((n) => n.endsWith('.tmp'))).toEqual([]); // no temp file left behind

    rmSync(filler); // space is back
    expect(await call(services, 'notes.save', { markdown: big, recommendation: null })).toMatchObject({ ok: true });
    expect(await call(services, 'notes.get')).toMatchObject({ ok: true, value: { markdown: big } });
  }, 60_000);
});
