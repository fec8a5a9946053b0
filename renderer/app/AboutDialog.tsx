import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/contract.js';
import { api } from '../api/index.js';
import { Dialog } from './Dialog.js';

export function AboutDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open || info) return;
    api.call('app.info', {}).then(setInfo, (e: Error) => setError(e.message));
  }, [open, info]);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="About Triptych"
      testId="about-dialog"
      width={460}
      footer={
        <button type="button" className="btn primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>
        One patient's case side by side: the whole-slide image of the tumor, the somatic variants, and circulating tumor DNA
        against treatments, surgery and imaging.
      </p>
      <dl className="kv">
        <dt>Version</dt>
        <dd className="tabular">{info ? info.version : error ? '—' : '…'}</dd>
        <dt>Host</dt>
        <dd>
          {info
            ? info.host === 'electron'
              ? 'Desktop app (Electron)'
              : 'Local web host (this machine only)'
            : error
              ? '—'
              : '…'}
        </dd>
      </dl>
      <p className="muted small">
        Not a medical device. Patient data stays on this machine: the viewer reaches no network beyond the endpoints you
        configure.
      </p>
      <h3 className="dialog-h3">Keyboard (slide)</h3>
      <ul className="keys">
        <li>
          <kbd>+</kbd> <kbd>−</kbd> zoom · <kbd>0</kbd> fit · arrows pan (<kbd>Shift</kbd> further)
        </li>
        <li>
          <kbd>1</kbd>–<kbd>4</kbd> 5× · 10× · 20× · 40×
        </li>
      </ul>
      <h3 className="dialog-h3">Keyboard (variants)</h3>
      <ul className="keys">
        <li>
          <kbd>↑</kbd> <kbd>↓</kbd> select · <kbd>PgUp</kbd> <kbd>PgDn</kbd> · <kbd>Esc</kbd> clear
        </li>
      </ul>
    </Dialog>
  );
}
