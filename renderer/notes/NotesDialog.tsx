/**
 * The case notes (Markdown source, shown as text) and the tumor board's recommendation with its
 * author and date. Saved as the user types (debounced) and on Ctrl/Cmd+S; the Node side writes the
 * files atomically, so the last saved text survives a crash.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseNotes, Recommendation } from '../../shared/model/notes.js';
import { api, asTriptychError } from '../api/index.js';
import { Dialog } from '../app/Dialog.js';
import './notes.css';

const SAVE_DELAY_MS = 800;
type Status = { kind: 'idle' | 'loading' | 'dirty' | 'saving' | 'saved' } | { kind: 'error'; message: string };

const today = () => new Date().toISOString().slice(0, 10);

export function NotesDialog({ open, onClose, caseKey }: { open: boolean; onClose(): void; caseKey: string | null }) {
  const [markdown, setMarkdown] = useState('');
  const [recommendation, setRecommendation] = useState<Recommendation>({ text: '', author: '', date: today() });
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [location, setLocation] = useState<CaseNotes['location'] | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef({ markdown, recommendation });
  latest.current = { markdown, recommendation };

  useEffect(() => {
    if (!open || !caseKey) return;
    let live = true;
    setStatus({ kind: 'loading' });
    api
      .call('notes.get', {})
      .then((notes) => {
        if (!live) return;
        setMarkdown(notes.markdown);
        setRecommendation(notes.recommendation ?? { text: '', author: '', date: today() });
        setSavedAt(notes.savedAt);
        setLocation(notes.location);
        setStatus({ kind: 'idle' });
      })
      .catch((error: unknown) => live && setStatus({ kind: 'error', message: asTriptychError(error).message }));
    return () => {
      live = false;
    };
  }, [open, caseKey]);

  const save = useCallback(async () => {
    window.clearTimeout(timer.current);
    const { markdown: text, recommendation: rec } = latest.current;
    setStatus({ kind: 'saving' });
    try {
      const empty = !rec.text.trim() && !rec.author.trim();
      const saved = await api.call('notes.save', { markdown: text, recommendation: empty ? null : rec });
      setSavedAt(saved.savedAt);
      setLocation(saved.location);
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: asTriptychError(error).message });
    }
  }, []);

  const changed = () => {
    setStatus({ kind: 'dirty' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), SAVE_DELAY_MS);
  };

  const close = () => {
    if (status.kind === 'dirty') void save();
    onClose();
  };

  const statusText =
    status.kind === 'error'
      ? `Not saved: ${status.message}`
      : status.kind === 'saving'
        ? 'Saving…'
        : status.kind === 'dirty'
          ? 'Unsaved changes'
          : status.kind === 'loading'
            ? 'Loading…'
            : savedAt
              ? `Saved ${new Date(savedAt).toLocaleString()}${location === 'app-data' ? ' (in the app data folder: the case folder is read-only)' : ''}`
              : 'Nothing saved yet';

  return (
    <Dialog
      open={open}
      title="Case notes and board recommendation"
      onClose={close}
      testId="notes-dialog"
      width={760}
      footer={
        <>
          <span className={`notes-status ${status.kind}`} role="status" data-testid="notes-status">
            {statusText}
          </span>
          <button type="button" className="btn primary" onClick={() => void save()} data-testid="notes-save">
            Save
          </button>
        </>
      }
    >
      {!caseKey ? (
        <p>Open a case to write its notes.</p>
      ) : (
        <fieldset
          className="notes-form"
          // Nothing can be typed before the saved notes are in: they would overwrite it.
          disabled={status.kind === 'loading'}
          onKeyDown={(event) => {
            if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
              event.preventDefault();
              void save();
            }
          }}
        >
          <label className="notes-field">
            <span>Notes (Markdown)</span>
            <textarea
              value={markdown}
              rows={12}
              spellCheck
              onChange={(e) => {
                setMarkdown(e.target.value);
                changed();
              }}
              data-testid="notes-markdown"
            />
          </label>
          <fieldset className="notes-recommendation">
            <legend>Tumor board recommendation</legend>
            <textarea
              value={recommendation.text}
              rows={4}
              aria-label="Recommendation"
              onChange={(e) => {
                setRecommendation({ ...recommendation, text: e.target.value });
                changed();
              }}
              data-testid="notes-recommendation"
            />
            <div className="notes-row">
              <label>
                <span>Recorded by</span>
                <input
                  value={recommendation.author}
                  onChange={(e) => {
                    setRecommendation({ ...recommendation, author: e.target.value });
                    changed();
                  }}
                  data-testid="notes-author"
                />
              </label>
              <label>
                <span>Board date</span>
                <input
                  type="date"
                  value={recommendation.date}
                  onChange={(e) => {
                    setRecommendation({ ...recommendation, date: e.target.value });
                    changed();
                  }}
                  data-testid="notes-date"
                />
              </label>
            </div>
          </fieldset>
        </fieldset>
      )}
    </Dialog>
  );
}
