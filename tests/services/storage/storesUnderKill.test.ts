/**
 * "Nothing the user made is lost", per file the app writes: a child process saves notes, flags,
 * settings or the case session through the real store, again and again, and is SIGKILLed at varying
 * moments; each time the store reads back a whole state of one generation (the one before, or the
 * new one), never a torn or mixed file. (Annotations and the cache have their own kill tests.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotesStore } from '../../../electron/services/notes/notesStore.js';
import { SessionStore } from '../../../electron/services/session/sessionStore.js';
import { SettingsStore } from '../../../electron/services/settings/settingsStore.js';
import { wholeGeneration } from './storeStates.js';

const WRITER = resolve(import.meta.dirname, 'storeWriter.fixture.ts');
const ROUNDS = 25;

async function readBack(kind: string, caseDir: string, dataDir: string): Promise<string[] | null> {
  if (kind === 'notes') {
    const notes = await new NotesStore(caseDir, dataDir).get();
    return notes.markdown ? [notes.markdown, JSON.stringify(notes.recommendation)] : null;
  }
  if (kind === 'flags') {
    const flags = await new NotesStore(caseDir, dataDir).flags();
    return flags.length ? [JSON.stringify(flags)] : null;
  }
  if (kind === 'settings') {
    const { recentCases } = await new SettingsStore(dataDir).get();
    return recentCases.length ? [JSON.stringify(recentCases)] : null;
  }
  const session = await new SessionStore(dataDir).get(caseDir);
  return session.locus ? [session.locus.replace(/^chr1:(\d+)-.*/, 'g$1'), JSON.stringify(session.filters)] : null;
}

describe('the stores under SIGKILL', () => {
  for (const kind of ['notes', 'flags', 'settings', 'session']) {
    it(`${kind}: the old or the new state after every kill, never a torn one`, async () => {
      const caseDir = mkdtempSync(join(tmpdir(), `triptych-kill-${kind}-case-`));
      const dataDir = mkdtempSync(join(tmpdir(), `triptych-kill-${kind}-data-`));
      let last = 0;
      let seen = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const child = spawn(process.execPath, ['--import', 'tsx', WRITER, kind, caseDir, dataDir], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
        await new Promise((wait) => setTimeout(wait, 5 + ((round * 11) % 45)));
        child.kill('SIGKILL');
        await new Promise((exited) => child.once('exit', exited));
        const texts = await readBack(kind, caseDir, dataDir);
        if (texts === null) {
          expect(last).toBe(0); // killed before its first save: still nothing, never less than before
          continue;
        }
        const generation = wholeGeneration(texts);
        expect(generation, `round ${round}: ${texts.join(' | ').slice(0, 200)}`).not.toBeNull();
        last = generation!;
        seen += 1;
      }
      expect(seen).toBeGreaterThan(ROUNDS / 2);
    }, 180_000);
  }
});
