/**
 * What did not fit in the case (a damaged case.json, a slide of another patient, a file no
 * specimen names): shown, not hidden — a count beside the case title that opens the list.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { AlertIcon } from '../ui/icons.js';

export function CaseWarnings({ warnings }: { warnings: string[] }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  if (warnings.length === 0) return null;
  return (
    <div className="case-warnings" ref={root}>
      <button
        type="button"
        className="badge badge-warning"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((v) => !v)}
        title="What Triptych found inconsistent in this case"
        data-testid="case-warnings"
      >
        <AlertIcon /> {warnings.length} {warnings.length === 1 ? 'warning' : 'warnings'}
      </button>
      {open ? (
        <ul className="case-warnings-list" id={listId} role="list" data-testid="case-warnings-list">
          {warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
