import type { CaseSummary } from '../../shared/model/case.js';
import type { Progress } from '../app/useCase.js';

/** What every pane gets from the app: the open case, and whether one is being opened. */
export type CasePaneProps = {
  summary: CaseSummary | null;
  /** Changes each time a case is (re)opened. */
  version: number;
  /** A case is being opened or the demo generated. */
  opening: { what: string; progress: Progress | null } | null;
};
