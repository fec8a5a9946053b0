import { useCallback, useEffect, useRef, useState } from 'react';
import type { PayloadOf } from '../../shared/contract.js';
import type { CaseSummary } from '../../shared/model/case.js';
import { api, asTriptychError, type TriptychError } from '../api/index.js';

export type Progress = PayloadOf<'progress'>;

export type CaseState =
  | { status: 'starting' }
  /** Opening a case or generating the demo; `progress` from the host's 'progress' events. */
  | { status: 'opening'; what: string; progress: Progress | null }
  | { status: 'none' }
  | { status: 'error'; error: TriptychError }
  | { status: 'ready'; summary: CaseSummary };

export type CaseApi = {
  state: CaseState;
  /** The open case, also while another one opens (panes keep showing it until the new one is ready). */
  summary: CaseSummary | null;
  /** Changes each time a case is (re)opened: panes reload on it. */
  version: number;
  open(path: string): Promise<void>;
  openDemo(): Promise<void>;
  retry(): void;
};

/**
 * The case lifecycle: on start 'case.current'; when none is open, the start screen (status 'none')
 * if cases were opened before, else the demo case; 'case.changed'
 * from the host (menu, CLI, second instance); explicit opens from the page.
 */
export function useCase(): CaseApi {
  const [state, setState] = useState<CaseState>({ status: 'starting' });
  const [summary, setSummary] = useState<CaseSummary | null>(null);
  const [version, setVersion] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const opening = useRef(false);

  const show = useCallback((next: CaseSummary | null) => {
    setSummary(next);
    setVersion((v) => v + 1);
    setState(next ? { status: 'ready', summary: next } : { status: 'none' });
  }, []);

  const run = useCallback(
    async (what: string, action: () => Promise<CaseSummary>, keepOnError: boolean) => {
      opening.current = true;
      setState({ status: 'opening', what, progress: null });
      try {
        show(await action());
      } catch (e) {
        const error = asTriptychError(e);
        if (keepOnError) {
          // A failed open leaves the current case on screen; the caller shows the error.
          setState((s) =>
            s.status === 'opening'
              ? summaryRef.current
                ? { status: 'ready', summary: summaryRef.current }
                : { status: 'none' }
              : s,
          );
          throw error;
        }
        setState({ status: 'error', error });
      } finally {
        opening.current = false;
      }
    },
    [show],
  );
  const summaryRef = useRef(summary);
  summaryRef.current = summary;

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const current = await api.call('case.current', {});
        if (!live) return;
        if (current) show(current);
        // With cases opened before, the start screen lists them; a first run opens the demo.
        else if ((await api.call('settings.get', {})).recentCases.length > 0) {
          if (live) setState({ status: 'none' });
        } else await run('Preparing the demo case', () => api.call('case.openDemo', {}), false);
      } catch (e) {
        if (live) setState({ status: 'error', error: asTriptychError(e) });
      }
    })();
    return () => {
      live = false;
    };
  }, [attempt, run, show]);

  useEffect(() => {
    const offChanged = api.on('case.changed', (next) => {
      if (opening.current) return;
      if (next && summaryRef.current && JSON.stringify(next) === JSON.stringify(summaryRef.current)) return;
      show(next);
    });
    const offProgress = api.on('progress', (p) => {
      setState((s) => (s.status === 'opening' ? { ...s, progress: p } : s));
    });
    return () => {
      offChanged();
      offProgress();
    };
  }, [show]);

  const open = useCallback((path: string) => run(`Opening ${path}`, () => api.call('case.open', { path }), true), [run]);
  const openDemo = useCallback(() => run('Preparing the demo case', () => api.call('case.openDemo', {}), true), [run]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  return { state, summary, version, open, openDemo, retry };
}
