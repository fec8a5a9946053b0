/**
 * Reading an indexed file by region when it holds more variants than the table keeps: the bar says
 * so and reads a region through the index (typed, or the genome view's locus); while a region is
 * shown it says which, and goes back to the file's first variants.
 */
import { useState, type FormEvent } from 'react';
import type { Region } from '../../../shared/model/variants.js';
import { formatInt, plural } from '../../util/format.js';
import { parseRegion, regionLabel } from './regionText.js';

export type RegionShown = { region: Region; records: number; variants: number; capped: boolean };

type Props = {
  /** Records in the file, and variants the table keeps of them. */
  records: number;
  kept: number;
  /** igv.js's locus now, offered as the region to read. */
  locus: string;
  shown: RegionShown | null;
  reading: boolean;
  error: string | null;
  onRead(region: Region): void;
  onBack(): void;
};

export function RegionBar({ records, kept, locus, shown, reading, error, onRead, onBack }: Props) {
  const [text, setText] = useState('');
  const [typo, setTypo] = useState<string | null>(null);
  const locusRegion = locus.includes(':') ? parseRegion(locus) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const region = parseRegion(text);
    if (typeof region === 'string') return setTypo(region);
    setTypo(null);
    onRead(region);
  };

  if (shown) {
    return (
      <div className="region-bar" role="status" data-testid="region-bar" data-state="region">
        <span>
          Region <strong className="tabular">{regionLabel(shown.region)}</strong>: {plural(shown.records, 'record')}
          {shown.capped ? `, the first ${formatInt(shown.variants)} variants shown` : ''}, read through the index.
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="btn small" onClick={onBack} data-testid="region-back">
          Back to the file&apos;s first {formatInt(kept)}
        </button>
      </div>
    );
  }
  return (
    <form className="region-bar" onSubmit={submit} data-testid="region-bar" data-state="capped">
      <span>
        The file holds <strong className="tabular">{formatInt(records)}</strong> records; the table keeps the first{' '}
        {formatInt(kept)} variants. Read a region through the index:
      </span>
      <input
        className="input region-input mono"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="chr7:1,000,000-3,000,000"
        aria-label="Region to read"
        aria-invalid={typo !== null}
        data-testid="region-input"
        spellCheck={false}
      />
      <button type="submit" className="btn small" disabled={reading || text.trim() === ''} data-testid="region-read">
        Read region
      </button>
      <button
        type="button"
        className="btn small"
        disabled={reading || !locusRegion || typeof locusRegion === 'string'}
        onClick={() => locusRegion && typeof locusRegion !== 'string' && onRead(locusRegion)}
        title={locus ? `Read ${locus}, the genome view's region` : 'The genome view has no region yet'}
        data-testid="region-read-locus"
      >
        Read the genome view&apos;s region
      </button>
      {reading ? <span className="muted">Reading…</span> : null}
      {typo || error ? (
        <span className="status-warning" role="alert" data-testid="region-error">
          {typo ?? error}
        </span>
      ) : null}
    </form>
  );
}
