/**
 * The start screen, when no case is open: the recent cases (title, path; one that is gone is said so
 * and can be taken off the list), "Open case…" and the demo. Shown in place of the panes.
 */
import { useState } from 'react';
import type { RecentCase } from '../../shared/model/case.js';
import { api, asTriptychError, type TriptychError } from '../api/index.js';
import { AlertIcon, FolderOpenIcon } from '../ui/icons.js';
import { useAsync } from '../util/useAsync.js';
import './start.css';

export function StartScreen({
  recentPaths,
  onOpen,
  onOpenDialog,
  onOpenDemo,
  onForget,
}: {
  /** The settings' list: the screen reloads the details when it changes. */
  recentPaths: readonly string[];
  onOpen(path: string): Promise<void>;
  onOpenDialog(): void;
  onOpenDemo(): Promise<void>;
  onForget(path: string): void;
}) {
  const recent = useAsync(() => api.call('case.recent', {}), [recentPaths.join('\n')]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ path: string; error: TriptychError } | null>(null);

  const open = async (path: string, action: () => Promise<void>) => {
    setBusy(path);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError({ path, error: asTriptychError(e) });
    } finally {
      setBusy(null);
    }
  };

  const cases: RecentCase[] = recent.status === 'ready' ? recent.value : [];
  return (
    <section className="start-screen" aria-label="Start" data-testid="start-screen">
      <div className="start-card">
        <h1>Open a case</h1>
        <p className="muted">
          A case is a folder with the patient&apos;s slides, variant files and ctDNA results (and, optionally, a case.json).
        </p>
        <div className="start-actions">
          <button type="button" className="btn primary" onClick={onOpenDialog} data-testid="start-open">
            <FolderOpenIcon /> Open case…
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => void open('demo', onOpenDemo)}
            disabled={busy !== null}
            data-testid="start-demo"
          >
            {busy === 'demo' ? 'Preparing the demo…' : 'Open the demo case'}
          </button>
        </div>

        {cases.length > 0 ? (
          <>
            <h2>Recent</h2>
            <ul className="start-recent" data-testid="start-recent">
              {cases.map((c) => (
                <li key={c.path} className={c.exists ? undefined : 'is-missing'}>
                  <button
                    type="button"
                    className="start-recent-open"
                    onClick={() => void open(c.path, () => onOpen(c.path))}
                    disabled={!c.exists || busy !== null}
                    data-testid="start-recent-case"
                    title={c.path}
                  >
                    <span className="start-recent-title">{busy === c.path ? `Opening ${c.title}…` : c.title}</span>
                    <span className="start-recent-path mono">{c.path}</span>
                  </button>
                  {c.exists ? null : (
                    <span className="start-recent-missing">
                      <AlertIcon /> not found
                      <button
                        type="button"
                        className="btn small ghost"
                        onClick={() => onForget(c.path)}
                        data-testid="start-forget"
                      >
                        Remove from the list
                      </button>
                    </span>
                  )}
                  {error?.path === c.path ? (
                    <div className="form-error" role="alert">
                      {error.error.message}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {error?.path === 'demo' ? (
          <div className="form-error" role="alert">
            {error.error.message}
          </div>
        ) : null}
      </div>
    </section>
  );
}
