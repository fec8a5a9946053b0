// Child process for storesUnderKill.test.ts: saves through one of the app's stores over and over until killed.
import { NotesStore } from '../../../electron/services/notes/notesStore.js';
import { SessionStore } from '../../../electron/services/session/sessionStore.js';
import { SettingsStore } from '../../../electron/services/settings/settingsStore.js';
import { generation } from './storeStates.js';

const [kind, caseDir, dataDir] = process.argv.slice(2) as [string, string, string];
const notes = new NotesStore(caseDir, dataDir);
const settings = new SettingsStore(dataDir);
const sessions = new SessionStore(dataDir);
process.stdout.write('started\n');
for (let i = 1; ; i++) {
  const state = generation(i);
  if (kind === 'notes') await notes.save(state.markdown, state.recommendation);
  else if (kind === 'flags') await notes.setFlags(state.flags);
  else if (kind === 'settings') await settings.update({ recentCases: state.recentCases });
  else await sessions.save(caseDir, { locus: state.locus, filters: state.filters });
}
