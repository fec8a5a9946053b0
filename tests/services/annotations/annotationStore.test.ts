/**
 * The per-slide annotation store: kept in the case folder (or the app data folder), changed one
 * change at a time, written atomically (SIGKILL while saving leaves the old or the new set), and a
 * damaged file is an error naming it, never written over, set aside on request.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationStore, fileNameOf } from '../../../electron/services/annotations/annotationStore.js';
import { openCase } from '../../../electron/services/case/openCase.js';
import { ServiceError } from '../../../electron/services/errors.js';
import { annotation, manyAnnotations } from './annotationFixtures.js';

const fresh = (name: string) => mkdtempSync(join(tmpdir(), `triptych-ann-${name}-`));
const slide = { seriesInstanceUID: '1.2.826.0.1.3680043.10.511.3.1', name: 'H&E' };
const fileOf = (caseDir: string) => join(caseDir, '.triptych', 'annotations', `${slide.seriesInstanceUID}.json`);

describe('annotation store', () => {
  it('starts empty, then keeps each slide’s annotations in the case folder, by series UID', async () => {
    const caseDir = fresh('case');
    const store = new AnnotationStore(caseDir, fresh('data'));
    expect(await store.get(slide)).toEqual({
      annotations: [],
      savedAt: null,
      location: 'case-folder',
      file: join('.triptych', 'annotations', `${slide.seriesInstanceUID}.json`),
    });
    const set = manyAnnotations(25);
    const saved = await store.change(slide, set, []);
    expect(saved.annotations).toEqual(set);
    expect(saved.savedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Another store (a restart) reads the same.
    const reread = await new AnnotationStore(caseDir, fresh('data')).get(slide);
    expect(reread.annotations).toEqual(set);
    // One annotation per line in the file.
    expect(readFileSync(fileOf(caseDir), 'utf8').split('\n').length).toBeGreaterThan(25);
    // Another slide is apart.
    expect((await store.get({ seriesInstanceUID: '1.2.3', name: 'IHC' })).annotations).toEqual([]);
  });

  it('applies changes: replaced by id, removed, added', async () => {
    const store = new AnnotationStore(fresh('case'), fresh('data'));
    const [a, b, c] = manyAnnotations(3);
    await store.change(slide, [a, b], []);
    const b2 = { ...b, label: 'renamed' };
    const after = await store.change(slide, [b2, c], [a.id]);
    expect(after.annotations).toEqual([b2, c]);
  });

  it('applies concurrent changes one after the other (none lost)', async () => {
    const store = new AnnotationStore(fresh('case'), fresh('data'));
    const set = manyAnnotations(40);
    await Promise.all(set.map((a) => store.change(slide, [a], [])));
    expect((await store.get(slide)).annotations.map((a) => a.id).sort()).toEqual(set.map((a) => a.id).sort());
  });

  it('reads the file again when another window changed it', async () => {
    const caseDir = fresh('case');
    const dataDir = fresh('data');
    const one = new AnnotationStore(caseDir, dataDir);
    const two = new AnnotationStore(caseDir, dataDir);
    const [a, b] = manyAnnotations(2);
    await one.change(slide, [a], []);
    await two.change(slide, [b], []);
    await new Promise((r) => setTimeout(r, 20));
    expect((await one.change(slide, [], [])).annotations.map((x) => x.id)).toEqual([a.id, b.id]);
  });

  it('goes to the app data folder when the case folder is read-only', async () => {
    const caseDir = fresh('case');
    const dataDir = fresh('data');
    writeFileSync(join(caseDir, '.triptych'), 'a file where the folder would be');
    const store = new AnnotationStore(caseDir, dataDir);
    const saved = await store.change(slide, manyAnnotations(2), []);
    expect(saved.location).toBe('app-data');
    expect(saved.file.startsWith(dataDir)).toBe(true);
    expect(existsSync(saved.file)).toBe(true);
    expect((await new AnnotationStore(caseDir, dataDir).get(slide)).annotations).toHaveLength(2);
  });

  it.runIf(process.getuid?.() !== 0)('a case folder without write permission goes to app data too', async () => {
    const caseDir = fresh('case');
    chmodSync(caseDir, 0o555);
    try {
      const saved = await new AnnotationStore(caseDir, fresh('data')).change(slide, manyAnnotations(1), []);
      expect(saved.location).toBe('app-data');
    } finally {
      chmodSync(caseDir, 0o755);
    }
  });

  for (const [what, damage, reason] of [
    ['torn JSON', (text: string) => text.slice(0, text.length / 2), /not valid JSON/],
    ['an annotation that breaks the model', (text: string) => text.replace('"polygon"', '"hexagon"'), /at annotations\.0\.shape/],
    ['another format', () => '{"format":"something else"}', /format/],
  ] as const) {
    it(`a damaged file (${what}) is an error naming it, never written over; set aside on request`, async () => {
      const caseDir = fresh('case');
      const store = new AnnotationStore(caseDir, fresh('data'));
      await store.change(slide, manyAnnotations(5), []);
      const damaged = damage(readFileSync(fileOf(caseDir), 'utf8'));
      writeFileSync(fileOf(caseDir), damaged);
      const fresh2 = new AnnotationStore(caseDir, fresh('data'));
      const error = await fresh2.get(slide).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe('BAD_FILE');
      expect((error as ServiceError).file).toBe(join('.triptych', 'annotations', `${slide.seriesInstanceUID}.json`));
      expect((error as ServiceError).message).toMatch(reason);
      expect((error as ServiceError).message).toMatch(/left as it is/);
      // A change is refused: the damaged file stays byte for byte.
      await expect(fresh2.change(slide, manyAnnotations(1, 'new'), [])).rejects.toThrow(/cannot be read/);
      expect(readFileSync(fileOf(caseDir), 'utf8')).toBe(damaged);
      // Set aside: kept under another name, and the slide starts afresh.
      const aside = await fresh2.setAside(slide);
      expect(aside).toMatch(/\.damaged-.*\.json$/);
      expect(readFileSync(join(caseDir, aside), 'utf8')).toBe(damaged);
      expect((await fresh2.get(slide)).annotations).toEqual([]);
      await fresh2.change(slide, manyAnnotations(1, 'new'), []);
      expect((await fresh2.get(slide)).annotations.map((a) => a.id)).toEqual(['new-0']);
    });
  }

  it('lists every slide’s annotations for the agenda; damaged files left out', async () => {
    const caseDir = fresh('case');
    const store = new AnnotationStore(caseDir, fresh('data'));
    await store.change(slide, [annotation('x', { type: 'point', coords: [1, 2] }, { discuss: true })], []);
    await store.change({ seriesInstanceUID: '9.9', name: 'other' }, manyAnnotations(3), []);
    writeFileSync(join(caseDir, '.triptych', 'annotations', '1.1.json'), '{');
    const all = await store.all();
    expect(all.map((s) => s.seriesInstanceUID).sort()).toEqual([slide.seriesInstanceUID, '9.9'].sort());
  });

  it('names files by UID, hashing anything that is not one', () => {
    expect(fileNameOf('1.2.840.1')).toBe('1.2.840.1.json');
    expect(fileNameOf('file:/etc/passwd')).toMatch(/^series-[0-9a-f]{32}\.json$/);
    expect(fileNameOf('../../x')).toMatch(/^series-/);
  });

  it('is not taken for case files', async () => {
    const caseDir = fresh('case');
    await new AnnotationStore(caseDir, fresh('data')).change(slide, manyAnnotations(2), []);
    expect((await openCase(caseDir)).summary.files).toEqual([]);
  });
});

const WRITER = resolve(import.meta.dirname, 'annotationWriter.fixture.ts');

describe('annotation store under SIGKILL', () => {
  it('always leaves a whole set of annotations, the old or the new', async () => {
    const caseDir = fresh('case');
    const dataDir = fresh('data');
    const target = join(caseDir, '.triptych', 'annotations', '1.2.3.4.json');
    for (let round = 0; round < 12; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, caseDir, dataDir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
      await new Promise((wait) => setTimeout(wait, 20 + ((round * 13) % 60)));
      child.kill('SIGKILL');
      await new Promise((exited) => child.once('exit', exited));
      if (!existsSync(target)) continue; // killed before its first save
      const read = await new AnnotationStore(caseDir, dataDir).get({ seriesInstanceUID: '1.2.3.4', name: 'x' });
      expect(read.annotations.length).toBeGreaterThanOrEqual(200);
      expect(new Set(read.annotations.map((a) => a.id.split('-')[0])).size).toBe(1);
    }
    expect(readdirSync(join(caseDir, '.triptych', 'annotations'))).toContain('1.2.3.4.json');
  }, 120_000);
});
