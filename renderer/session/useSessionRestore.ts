/**
 * The case-wide part of the session: the pane layout and the shared selection (specimen, timepoint,
 * variant, slide) put back when the case reopens, then saved as they change. The panes restore their
 * own parts (viewport, locus, filters) from `useRestoredSession`.
 */
import { useEffect, type RefObject } from 'react';
import type { WorkspaceHandle } from '../layout/Workspace.js';
import { selection } from '../selection/selectionStore.js';
import { caseSession, useRestoredSession } from './caseSession.js';

const CLEARED = {
  specimenId: undefined,
  timepointDate: undefined,
  variantKey: undefined,
  variantLocus: undefined,
  slideId: undefined,
};

export function useSessionRestore(version: number, workspace: RefObject<WorkspaceHandle | null>): void {
  const restored = useRestoredSession(version);
  useEffect(() => {
    if (!restored) return;
    if (restored.layout) workspace.current?.setLayout(restored.layout);
    // The new case's selection replaces the previous case's, field by field.
    selection.publish('session', { ...CLEARED, ...restored.selection });
    return selection.subscribe(() => {
      const { source: _source, ...fields } = selection.get() ?? {};
      caseSession.save({ selection: fields });
    });
  }, [restored, workspace]);
}
