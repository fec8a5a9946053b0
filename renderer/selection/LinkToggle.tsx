import type { PaneId } from '../../shared/model/settings.js';
import { Icon } from '../ui/icons.js';
import { linking, useLinked } from './selectionStore.js';
import './selection.css';

/** Switches a pane's linking on or off: a linked pane follows (and publishes) the shared selection. */
export function LinkToggle({ pane, title }: { pane: PaneId; title: string }) {
  const linked = useLinked(pane);
  return (
    <button
      type="button"
      className="icon-btn"
      aria-pressed={linked}
      onClick={() => linking.set(pane, !linked)}
      title={
        linked
          ? `Linked: the ${title} pane follows the selection of the other panes (click to unlink)`
          : `Not linked: the ${title} pane ignores the other panes' selection (click to link)`
      }
      aria-label={`Link the ${title} pane to the other panes`}
      data-testid={`pane-${pane}-link-toggle`}
    >
      <Icon>
        <path d="M6.7 9.3a2.6 2.6 0 0 0 3.7 0l2.3-2.3a2.6 2.6 0 0 0-3.7-3.7l-.9.9" />
        <path d="M9.3 6.7a2.6 2.6 0 0 0-3.7 0L3.3 9a2.6 2.6 0 0 0 3.7 3.7l.9-.9" />
        {linked ? null : <path d="M2 2l12 12" />}
      </Icon>
    </button>
  );
}
