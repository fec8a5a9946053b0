/**
 * `triptych inspect CASEFOLDER` when some of the case's slides cannot be opened (an image set the
 * service does not have, one the identity may not read, a local series cut short): each failing
 * slide is printed as where it is, its name and why, the rest of the case prints as usual, exit 0.
 * A child process with the SDK's own environment pointing at the loopback stand-in.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGING, startTestWorld } from '../services/healthimaging/imagingTestWorld.js';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/triptych.mjs');
const url = (id: string) => `healthimaging://${IMAGING.region}/${IMAGING.datastoreId}/${id}`;
const imageSet = (imageSetId: string, label?: string) => ({
  source: 'healthimaging',
  region: IMAGING.region,
  datastoreId: IMAGING.datastoreId,
  imageSetId,
  ...(label ? { label } : {}),
});

let world: Awaited<ReturnType<typeof startTestWorld>>;

async function triptych(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: world.dir, TRIPTYCH_DATA_DIR: join(world.dir, 'data'), ...world.server.env() },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  world = await startTestWorld({ otherImageSets: 0 });
}, 60_000);
afterAll(async () => world?.server.close());

describe('triptych inspect CASEFOLDER with slides that fail', () => {
  it('prints each failing slide as {source, name, errorCode, error} and the rest of the case, exit 0', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'imaging-cli-case-'));
    // A good local slide, and a local slide file cut short inside its header.
    for (const name of readdirSync(world.localDirs.grid)) copyFileSync(join(world.localDirs.grid, name), join(folder, name));
    const [htj2k] = readdirSync(world.localDirs.htj2k).filter((n) => n.endsWith('.dcm'));
    const whole = readFileSync(join(world.localDirs.htj2k, htj2k));
    writeFileSync(join(folder, 'cut-short.dcm'), whole.subarray(0, 400));
    const missingId = '99999999999999999999999999999999';
    const deniedId = IMAGING.j2k;
    writeFileSync(
      join(folder, 'case.json'),
      JSON.stringify({
        title: 'Some slides fail',
        healthImaging: [imageSet(IMAGING.grid, 'Resection H&E'), imageSet(missingId, 'Gone'), imageSet(deniedId)],
      }),
    );
    // The identity may not read the third image set's metadata.
    const deniedPath = new RegExp(`/imageSet/${deniedId}/getImageSetMetadata`);
    world.server.faults.push({ operation: 'GetImageSetMetadata', kind: 'access-denied', times: Infinity, path: deniedPath });

    const { code, stdout, stderr } = await triptych('inspect', folder);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { kind: string; slides: Array<Record<string, unknown>>; files: unknown[] };
    expect(result.kind).toBe('case');
    const bySource = new Map(result.slides.map((s) => [s.source ?? s.name, s]));

    // The slides that open print as always.
    const grid = result.slides.find((s) => s.source === url(IMAGING.grid))!;
    expect(grid).toMatchObject({ name: 'Grid of known colours (JPEG)', focalPlanes: 1 });
    expect((grid.levels as unknown[]).length).toBe(2);
    const localGrid = result.slides.find((s) => s.source === undefined && s.name === 'Grid of known colours (JPEG)')!;
    expect(localGrid.levels).toEqual(grid.levels);

    // Each failing slide: one entry, no levels, the code and the reason.
    const failed = result.slides.filter((s) => 'errorCode' in s);
    expect(failed.map((s) => Object.keys(s).sort())).toEqual(Array(3).fill(['error', 'errorCode', 'name', 'source']));
    expect(bySource.get(url(missingId))).toMatchObject({ name: 'Gone', errorCode: 'NOT_FOUND' });
    expect(String(bySource.get(url(missingId))!.error)).toMatch(/not found/i);
    expect(bySource.get(url(deniedId))).toMatchObject({ name: `HealthImaging ${deniedId}`, errorCode: 'ACCESS_DENIED' });
    expect(String(bySource.get(url(deniedId))!.error)).toContain('GetImageSetMetadata');
    const cut = bySource.get('cut-short.dcm')!;
    expect(cut).toMatchObject({ name: 'cut-short.dcm', errorCode: 'BAD_FILE' });
    expect(String(cut.error)).not.toBe('');
    expect(result.slides).toHaveLength(5);
  });

  it('a single slide that fails still fails: one error line, exit 2', async () => {
    const { code, stdout, stderr } = await triptych('inspect', url('99999999999999999999999999999999'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: /);
  });
});
