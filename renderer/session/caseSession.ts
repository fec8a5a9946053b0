/**
 * Where the user left the open case, read when it opens and saved (debounced) as they work: the
 * panes restore from `useRestoredSession(version)` and report with `caseSession.save(patch)`.
 * Saves are tagged with the case they belong to, so a save still pending when another case opens
 * is dropped rather than written into the new one.
 */
import type { CaseUiSession } from '../../shared/model/session.js';
import { api } from '../api/index.js';
import { createStore, useStore } from '../util/store.js';

type Loaded = { version: number; caseRoot: string; session: CaseUiSession };

const SAVE_DELAY_MS = 300;
const loaded = createStore<Loaded | null>(null);
let pending: CaseUiSession = {};
let pendingFor: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  clearTimeout(timer);
  const patch = pending;
  const forCase = pendingFor;
  pending = {};
  pendingFor = null;
  if (forCase === null || Object.keys(patch).length === 0) return;
  void api.call('session.save', { forCase, patch }).catch(() => undefined);
}

export const caseSession = {
  /** Read the session of the case just opened (`version` of useCase). */
  async load(version: number, caseRoot: string): Promise<void> {
    flush();
    loaded.set(null);
    const session = await api.call('session.get', {}).catch((): CaseUiSession => ({}));
    loaded.set({ version, caseRoot, session });
  },
  /** Remember part of the session; written a moment later, with the other changes made meanwhile. */
  save(patch: CaseUiSession): void {
    const current = loaded.get();
    if (!current) return; // not restored yet: saving now would overwrite what is to be restored
    if (pendingFor !== current.caseRoot) flush();
    pendingFor = current.caseRoot;
    pending = {
      ...pending,
      ...patch,
      ...(patch.viewports ? { viewports: { ...pending.viewports, ...patch.viewports } } : {}),
    };
    clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  },
  flush,
};

if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);

/** The session read when case `version` opened; undefined while it is being read. */
export function useRestoredSession(version: number): CaseUiSession | undefined {
  const current = useStore(loaded);
  return current?.version === version ? current.session : undefined;
}

/** The session of the case open now, whatever its version (for views keyed by more than the case). */
export function useCurrentSession(): CaseUiSession | undefined {
  return useStore(loaded)?.session;
}
