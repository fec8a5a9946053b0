import { createContext, useContext, useEffect } from 'react';
import type { PaneId } from '../../shared/model/settings.js';

export type PaneState = 'loading' | 'empty' | 'error' | 'ready';

export type PaneReport = {
  state: PaneState;
  /** One line next to the pane title: the slide or file shown. */
  subtitle?: string;
};

export type PaneContextValue = {
  id: PaneId;
  report(report: PaneReport): void;
};

export const PaneContext = createContext<PaneContextValue | null>(null);

export function usePane(): PaneContextValue {
  const ctx = useContext(PaneContext);
  if (!ctx) throw new Error('usePane() outside a PaneFrame');
  return ctx;
}

/** Tell the frame what the pane shows (drives `data-state` and the title bar's subtitle). */
export function usePaneReport(state: PaneState, subtitle?: string): void {
  const { report } = usePane();
  useEffect(() => {
    report({ state, subtitle });
  }, [report, state, subtitle]);
}
