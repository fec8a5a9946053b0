/**
 * One slide's annotations in the page: loaded through the contract, edited as undoable steps, and
 * saved as they change — one change at a time, later edits merged while one is on its way, so a
 * quick run of edits is a few writes and none is lost or reordered.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportedAnnotationLayer, SavedAnnotations } from '../../../../shared/model/annotations.js';
import { api, asTriptychError, type TriptychError } from '../../../api/index.js';
import {
  emptyHistory,
  mergeChanges,
  perform,
  redo,
  undo,
  type History,
  type Step,
  type StoreChange,
} from './annotationHistory.js';

export type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; saved: SavedAnnotations }
  | { state: 'error'; error: TriptychError };

export type SlideAnnotationsState = {
  status: 'loading' | 'ready' | 'error';
  error: TriptychError | null;
  history: History;
  imported: ImportedAnnotationLayer[];
  location: 'case-folder' | 'app-data' | null;
  file: string | null;
  save: SaveState;
  perform(step: Step): void;
  /**
   * A step the store has already made (a GeoJSON import): shown and undoable like any other, one
   * step however many annotations it adds, but not sent again.
   */
  record(step: Step, saved: SavedAnnotations): void;
  undo(): void;
  redo(): void;
  /** Read again from the store (after an import, or to retry). */
  reload(): void;
  /** Rename a damaged file aside and start afresh. */
  setAside(): Promise<void>;
  /** Send again what could not be saved. */
  retrySave(): void;
};

export function useSlideAnnotations(slideId: string): SlideAnnotationsState {
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<TriptychError | null>(null);
  const [history, setHistory] = useState<History>(() => emptyHistory());
  const [imported, setImported] = useState<ImportedAnnotationLayer[]>([]);
  const [where, setWhere] = useState<{ location: 'case-folder' | 'app-data'; file: string } | null>(null);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const historyRef = useRef(history);
  historyRef.current = history;
  const pending = useRef<StoreChange | null>(null);
  const flushing = useRef(false);

  useEffect(() => {
    let live = true;
    setStatus('loading');
    setError(null);
    api.call('annotations.get', { slideId }).then(
      (got) => {
        if (!live) return;
        setHistory(emptyHistory(got.annotations));
        setImported(got.imported);
        setWhere({ location: got.location, file: got.file });
        setSave({ state: 'idle' });
        setStatus('ready');
      },
      (e: unknown) => {
        if (!live) return;
        setError(asTriptychError(e));
        setStatus('error');
      },
    );
    return () => {
      live = false;
    };
  }, [slideId, attempt]);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      while (pending.current) {
        const change = pending.current;
        pending.current = null;
        setSave({ state: 'saving' });
        try {
          const saved = await api.call('annotations.change', { slideId, ...change });
          setSave({ state: 'saved', saved });
          setWhere({ location: saved.location, file: saved.file });
        } catch (e) {
          // Kept, to go with the next save: nothing the user drew is dropped.
          pending.current = pending.current ? mergeChanges(change, pending.current) : change;
          setSave({ state: 'error', error: asTriptychError(e) });
          return;
        }
      }
    } finally {
      flushing.current = false;
    }
  }, [slideId]);

  const commit = useCallback(
    (next: { history: History; change: StoreChange } | null) => {
      if (!next) return;
      historyRef.current = next.history;
      setHistory(next.history);
      pending.current = pending.current ? mergeChanges(pending.current, next.change) : next.change;
      void flush();
    },
    [flush],
  );

  return {
    status,
    error,
    history,
    imported,
    location: where?.location ?? null,
    file: where?.file ?? null,
    save,
    perform: useCallback((step: Step) => commit(perform(historyRef.current, step)), [commit]),
    record: useCallback((step: Step, saved: SavedAnnotations) => {
      const next = perform(historyRef.current, step).history;
      historyRef.current = next;
      setHistory(next);
      setWhere({ location: saved.location, file: saved.file });
      if (!pending.current && !flushing.current) setSave({ state: 'saved', saved });
    }, []),
    undo: useCallback(() => commit(undo(historyRef.current)), [commit]),
    redo: useCallback(() => commit(redo(historyRef.current)), [commit]),
    reload: useCallback(() => setAttempt((n) => n + 1), []),
    retrySave: useCallback(() => void flush(), [flush]),
    setAside: useCallback(async () => {
      await api.call('annotations.setAside', { slideId });
      setAttempt((n) => n + 1);
    }, [slideId]),
  };
}
