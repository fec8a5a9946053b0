/** A toolbar button that opens a small panel (checkbox lists); closes on Escape or a click outside. */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function Dropdown({
  label,
  active,
  children,
  testId,
  align = 'left',
  title,
}: {
  label: ReactNode;
  active?: boolean;
  children: (close: () => void) => ReactNode;
  testId?: string;
  align?: 'left' | 'right';
  title?: string;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="dd" ref={ref}>
      <button
        type="button"
        className={`btn dd-btn${active ? ' dd-active' : ''}`}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
        title={title}
      >
        {label}
        <span className="dd-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <div className={`dd-panel dd-${align}`} role="dialog" data-testid={testId ? `${testId}-panel` : undefined}>
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  );
}

/** A checkbox list with a filter box, for genes, chromosomes and columns. */
export function CheckList({
  items,
  selected,
  onChange,
  searchable,
  placeholder,
  testId,
}: {
  items: Array<{ id: string; label: ReactNode; hint?: ReactNode; text?: string }>;
  selected: readonly string[];
  onChange(next: string[]): void;
  searchable?: boolean;
  placeholder?: string;
  testId?: string;
}) {
  const [query, setQuery] = useState('');
  const chosen = new Set(selected);
  const q = query.trim().toLowerCase();
  const shown = q ? items.filter((i) => (i.text ?? i.id).toLowerCase().includes(q)) : items;
  const limit = 400;
  return (
    <div className="checklist" data-testid={testId}>
      {searchable ? (
        <input
          className="input checklist-search"
          type="search"
          value={query}
          placeholder={placeholder ?? 'Find…'}
          onChange={(e) => setQuery(e.target.value)}
          aria-label={placeholder ?? 'Find'}
          autoFocus
        />
      ) : null}
      <div className="checklist-items">
        {shown.slice(0, limit).map((item) => (
          <label key={item.id} className="checklist-item">
            <input
              type="checkbox"
              checked={chosen.has(item.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, item.id] : selected.filter((s) => s !== item.id))}
              data-value={item.id}
            />
            <span className="checklist-label">{item.label}</span>
            {item.hint !== undefined ? <span className="checklist-hint tabular">{item.hint}</span> : null}
          </label>
        ))}
        {shown.length > limit ? <div className="checklist-more muted">{shown.length - limit} more: type to narrow</div> : null}
        {shown.length === 0 ? <div className="checklist-more muted">Nothing matches</div> : null}
      </div>
      {selected.length > 0 ? (
        <button type="button" className="link-btn checklist-clear" onClick={() => onChange([])}>
          Clear ({selected.length})
        </button>
      ) : null}
    </div>
  );
}
