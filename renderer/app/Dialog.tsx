/** A modal dialog on the native <dialog> element (focus trap, Esc, top layer for free). */
import { useEffect, useRef, type ReactNode } from 'react';
import { CloseIcon } from '../ui/icons.js';
import './dialog.css';

export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  testId,
  width = 520,
}: {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  width?: number;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      style={{ width }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose(); // click on the backdrop
      }}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      data-testid={testId}
    >
      {open ? (
        <div className="dialog-inner">
          <header className="dialog-header">
            <h2 id={testId ? `${testId}-title` : undefined}>{title}</h2>
            <button type="button" className="icon-btn" onClick={onClose} aria-label="Close">
              <CloseIcon />
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          {footer ? <footer className="dialog-footer">{footer}</footer> : null}
        </div>
      ) : null}
    </dialog>
  );
}
