/** The three non-ready states every pane shows the same way: loading, empty, error. */
import type { ReactNode } from 'react';
import type { TriptychError } from '../api/index.js';
import { AlertIcon, RetryIcon } from '../ui/icons.js';
import { usePane } from './paneContext.js';

export type Progress = { done: number; total: number; message?: string };

export function PaneLoading({ label, progress }: { label: string; progress?: Progress | null }) {
  const pct = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  return (
    <div className="pane-state pane-state-loading" role="status" aria-live="polite">
      {pct === null ? <div className="spinner" aria-hidden="true" /> : null}
      <div className="pane-state-title">{label}</div>
      {progress ? (
        <div className="pane-progress">
          <div
            className="progress-bar"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={progress.total || undefined}
            aria-valuenow={progress.done}
            aria-label={label}
          >
            <div className="progress-fill" style={{ width: `${pct ?? 0}%` }} />
          </div>
          <div className="pane-progress-text tabular">
            {progress.total > 0 ? `${progress.done.toLocaleString('en-US')} / ${progress.total.toLocaleString('en-US')}` : null}
            {progress.message ? <span className="pane-progress-msg"> · {progress.message}</span> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function PaneEmpty({
  title,
  children,
  icon,
  action,
}: {
  title: string;
  children?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="pane-state pane-state-empty">
      {icon ? <div className="pane-state-icon">{icon}</div> : null}
      <div className="pane-state-title">{title}</div>
      {children ? <div className="pane-state-body">{children}</div> : null}
      {action ? <div className="pane-state-actions">{action}</div> : null}
    </div>
  );
}

export function PaneError({ error, onRetry, title }: { error: TriptychError | Error; onRetry?: () => void; title?: string }) {
  const { id } = usePane();
  const file = 'file' in error && typeof error.file === 'string' ? error.file : undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return (
    <div className="pane-state pane-state-error" role="alert" data-testid={`pane-${id}-error`}>
      <div className="pane-state-icon error">
        <AlertIcon />
      </div>
      <div className="pane-state-title">{title ?? 'This pane could not be shown'}</div>
      <div className="pane-error-message">{error.message || 'Unknown error'}</div>
      {file ? (
        <div className="pane-error-file">
          <span className="pane-error-label">File</span> <span className="mono">{file}</span>
        </div>
      ) : null}
      {code && code !== 'INTERNAL' ? <div className="pane-error-code mono">{code}</div> : null}
      {onRetry ? (
        <div className="pane-state-actions">
          <button type="button" className="btn" onClick={onRetry} data-testid={`pane-${id}-retry`}>
            <RetryIcon /> Retry
          </button>
        </div>
      ) : null}
    </div>
  );
}
