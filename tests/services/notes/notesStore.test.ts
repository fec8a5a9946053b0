import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase } from '../../../electron/services/case/openCase.js';
import { NotesStore } from '../../../electron/services/notes/notesStore.js';

const fresh = (name: string) => mkdtempSync(join(tmpdir(), `triptych-${name}-`));
const recommendation = { text: 'Erdafitinib (FGFR3 S249C); re-image in 8 weeks.', author: 'Dr. A. Board', date: '2026-03-10' };

describe('case notes', () => {
  it('start empty, then keep the notes and the recommendation in the case folder', async () => {
    const caseDir = fresh('case');
    const store = new NotesStore(caseDir, fresh('data'));
    expect(await store.get()).toEqual({ markdown: '', recommendation: null, savedAt: null, location: 'case-folder' });
    const saved = await store.save('# Board\n\n- FGFR3 S249C: **actionable**\n', recommendation);
    expect(saved.savedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const reread = await new NotesStore(caseDir, fresh('data')).get();
    expect(reread).toEqual(saved);
    expect(readFileSync(join(caseDir, '.triptych', 'notes.md'), 'utf8')).toContain('FGFR3 S249C');
    expect(readdirSync(join(caseDir, '.triptych')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('go to the app data folder when the case folder cannot be written', async () => {
    const caseDir = fresh('case');
    writeFileSync(join(caseDir, '.triptych'), 'a file where the notes folder would be');
    const dataDir = fresh('data');
    const store = new NotesStore(caseDir, dataDir);
    const saved = await store.save('notes', null);
    expect(saved.location).toBe('app-data');
    expect(existsSync(join(dataDir, 'case-notes'))).toBe(true);
    expect((await new NotesStore(caseDir, dataDir).get()).markdown).toBe('notes');
  });

  it('read a damaged recommendation file as none, keeping the notes', async () => {
    const caseDir = fresh('case');
    const store = new NotesStore(caseDir, fresh('data'));
    await store.save('keep me', recommendation);
    writeFileSync(join(caseDir, '.triptych', 'recommendation.json'), '{"text": ');
    const reread = await new NotesStore(caseDir, fresh('data')).get();
    expect(reread.markdown).toBe('keep me');
    expect(reread.recommendation).toBeNull();
  });

  it('are not taken for case files', async () => {
    const caseDir = fresh('case');
    await new NotesStore(caseDir, fresh('data')).save('notes', null);
    const { summary } = await openCase(caseDir);
    expect(summary.files).toEqual([]);
  });
});

describe('variants flagged for discussion', () => {
  it('are kept beside the notes, and a damaged file reads as none', async () => {
    const caseDir = fresh('case');
    const store = new NotesStore(caseDir, fresh('data'));
    expect(await store.flags()).toEqual([]);
    const flags = [{ key: 'chr4:1801841:C>G', label: 'FGFR3 p.S249C' }];
    await store.setFlags(flags);
    expect(await new NotesStore(caseDir, fresh('data')).flags()).toEqual(flags);
    writeFileSync(join(caseDir, '.triptych', 'flags.json'), '[{"key": 1}]');
    expect(await new NotesStore(caseDir, fresh('data')).flags()).toEqual([]);
  });
});
