import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../app/Dialog.js';
import { asTriptychError, type TriptychError } from '../api/index.js';

/**
 * "Open case…": a path typed or pasted (a browser page cannot read folder paths), the recent cases,
 * and the demo. In Electron the File menu's native folder dialog does the same through the host.
 */
export function OpenCaseDialog({
  open,
  onClose,
  onOpen,
  onOpenDemo,
  recent,
}: {
  open: boolean;
  onClose(): void;
  onOpen(path: string): Promise<void>;
  onOpenDemo(): Promise<void>;
  recent: string[];
}) {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriptychError | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) {
      setError(null);
      setBusy(false);
      requestAnimationFrame(() => input.current?.focus());
    }
  }, [open]);

  const go = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onClose();
    } catch (e) {
      setError(asTriptychError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Open a case"
      testId="open-case-dialog"
      footer={
        <>
          <button type="button" className="btn ghost" onClick={() => go(onOpenDemo)} disabled={busy}>
            Open the demo case
          </button>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form="open-case-form"
            className="btn primary"
            disabled={busy || !path.trim()}
            data-testid="open-case-submit"
          >
            {busy ? 'Opening…' : 'Open'}
          </button>
        </>
      }
    >
      <form
        id="open-case-form"
        onSubmit={(e) => {
          e.preventDefault();
          const p = path.trim();
          if (p) void go(() => onOpen(p));
        }}
      >
        <label className="field-label" htmlFor="open-case-path">
          Case folder or file on this machine
        </label>
        <input
          ref={input}
          id="open-case-path"
          className="input wide mono"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/data/cases/patient-0042"
          spellCheck={false}
          autoComplete="off"
          data-testid="open-case-path"
        />
        <p className="field-help">
          A folder with DICOM slides (<span className="mono">.dcm</span>), variant files (<span className="mono">.vcf</span>,{' '}
          <span className="mono">.vcf.gz</span>, <span className="mono">.maf</span>) and ctDNA results (
          <span className="mono">.csv</span>, FHIR <span className="mono">.json</span>). Paste its full path: a web page cannot
          read folder paths from a file picker.
        </p>
        {error ? (
          <div className="form-error" role="alert" data-testid="open-case-error">
            <div>{error.message}</div>
            {error.file ? <div className="mono form-error-file">{error.file}</div> : null}
          </div>
        ) : null}
        {recent.length > 0 ? (
          <div className="recent">
            <div className="field-label">Recent</div>
            <ul className="recent-list">
              {recent.slice(0, 8).map((r) => (
                <li key={r}>
                  <button
                    type="button"
                    className="recent-item mono"
                    onClick={() => setPath(r)}
                    onDoubleClick={() => go(() => onOpen(r))}
                    title={r}
                  >
                    {r}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
