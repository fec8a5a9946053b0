/**
 * The frame of one pane: title bar (title, what it shows, collapse / maximize / restore), the
 * pane's own error boundary, and the thin vertical strip it becomes when collapsed.
 *
 * While collapsed (or covered by a maximized pane) the body stays mounted at its last width, hidden:
 * the slide keeps its viewport, the table its scroll position, nothing re-renders at 30 px wide.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PaneId } from '../../shared/model/settings.js';
import { LinkToggle } from '../selection/LinkToggle.js';
import { CollapseIcon, ExpandIcon, MaximizeIcon, RestoreIcon } from '../ui/icons.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { PANE_TITLES } from './layoutModel.js';
import { PaneContext, type PaneReport } from './paneContext.js';
import { PaneError } from './PaneStates.js';
import { useAgendaPane } from '../board/agendaFocus.js';

export type PaneFrameProps = {
  id: PaneId;
  icon: ReactNode;
  collapsed: boolean;
  maximized: boolean;
  canCollapse: boolean;
  onCollapse(): void;
  onMaximize(): void;
  onRestore(): void;
  children: ReactNode;
};

export function PaneFrame({
  id,
  icon,
  collapsed,
  maximized,
  canCollapse,
  onCollapse,
  onMaximize,
  onRestore,
  children,
}: PaneFrameProps) {
  const [report, setReport] = useState<PaneReport>({ state: 'loading' });
  const [crashed, setCrashed] = useState(false);
  const [boundaryKey, setBoundaryKey] = useState(0);
  const bodyRef = useRef<HTMLDivElement>(null);
  const lastWidth = useRef<number | null>(null);
  const title = PANE_TITLES[id];

  // Remember the body's width while it is open, to keep it at that width while collapsed.
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (!el || collapsed) return;
    const ro = new ResizeObserver(() => {
      if (el.clientWidth > 40) lastWidth.current = el.clientWidth;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [collapsed]);

  const reportFn = useCallback((r: PaneReport) => {
    setReport((prev) => (prev.state === r.state && prev.subtitle === r.subtitle ? prev : r));
  }, []);
  const ctx = useMemo(() => ({ id, report: reportFn }), [id, reportFn]);
  const state = crashed ? 'error' : report.state;
  const agendaPane = useAgendaPane();

  return (
    <PaneContext.Provider value={ctx}>
      <section
        className={`pane${collapsed ? ' is-collapsed' : ''}${maximized ? ' is-maximized' : ''}${agendaPane === id ? ' is-agenda-focus' : ''}`}
        data-testid={`pane-${id}`}
        data-state={state}
        data-collapsed={collapsed || undefined}
        data-maximized={maximized || undefined}
        aria-label={`${title} pane`}
      >
        {collapsed ? (
          <div className="pane-strip">
            <button
              type="button"
              className="icon-btn"
              onClick={onRestore}
              title={`Restore the ${title} pane`}
              aria-label={`Restore the ${title} pane`}
              data-testid={`pane-${id}-restore`}
            >
              <ExpandIcon />
            </button>
            <button type="button" className="pane-strip-title" onClick={onRestore} tabIndex={-1} aria-hidden="true">
              <span className="pane-strip-icon">{icon}</span>
              <span className="pane-strip-label">{title}</span>
            </button>
          </div>
        ) : (
          <header className="pane-titlebar">
            <span className="pane-title-icon">{icon}</span>
            <h2 className="pane-title">{title}</h2>
            {report.subtitle ? (
              <span className="pane-subtitle" title={report.subtitle}>
                {report.subtitle}
              </span>
            ) : null}
            <span className="pane-titlebar-spacer" />
            <LinkToggle pane={id} title={title} />
            {maximized ? (
              <button
                type="button"
                className="icon-btn"
                onClick={onRestore}
                title="Restore the layout"
                aria-label={`Restore the ${title} pane`}
                data-testid={`pane-${id}-restore`}
              >
                <RestoreIcon />
              </button>
            ) : (
              <button
                type="button"
                className="icon-btn"
                onClick={onMaximize}
                title={`Maximize the ${title} pane`}
                aria-label={`Maximize the ${title} pane`}
                data-testid={`pane-${id}-maximize`}
              >
                <MaximizeIcon />
              </button>
            )}
            <button
              type="button"
              className="icon-btn"
              onClick={onCollapse}
              disabled={!canCollapse}
              title={canCollapse ? `Collapse the ${title} pane` : 'At least one pane stays open'}
              aria-label={`Collapse the ${title} pane`}
              data-testid={`pane-${id}-collapse`}
            >
              <CollapseIcon />
            </button>
          </header>
        )}
        <div
          ref={bodyRef}
          className="pane-body"
          aria-hidden={collapsed || undefined}
          inert={collapsed || undefined}
          style={collapsed && lastWidth.current ? { width: lastWidth.current } : undefined}
        >
          <ErrorBoundary
            key={boundaryKey}
            onError={() => setCrashed(true)}
            fallback={(error) => (
              <PaneError
                error={error}
                title={`The ${title} pane stopped`}
                onRetry={() => {
                  setCrashed(false);
                  setReport({ state: 'loading' });
                  setBoundaryKey((k) => k + 1);
                }}
              />
            )}
          >
            {children}
          </ErrorBoundary>
        </div>
      </section>
    </PaneContext.Provider>
  );
}
