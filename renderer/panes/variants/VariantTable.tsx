/**
 * The mutation table: dense and calm (cBioPortal's is the bar). Rows arrive filtered and sorted
 * (tableModel.ts, pure); this component only draws the visible ones (TanStack Virtual), so
 * 100,000s of rows scroll like 50.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { SortAscIcon, SortDescIcon } from '../../ui/icons.js';
import { formatInt } from '../../util/format.js';
import type { Column, Sort, VariantRow } from './tableModel.js';
import { variantFlagKey } from '../../../shared/model/notes.js';
import { useFlaggedKeys } from '../../flags/flagsStore.js';

export type { VariantRow } from './tableModel.js';

const ROW_HEIGHT = 26;

function Allele({ from: r, to: alt }: { from: string; to: string }) {
  const cut = (s: string) => (s.length > 6 ? `${s.slice(0, 5)}…` : s);
  return (
    <span className="mono allele" title={`${r} > ${alt}`}>
      {cut(r)}
      <span className="allele-arrow">›</span>
      {cut(alt)}
    </span>
  );
}

export function Vaf({ vaf }: { vaf: number | undefined }) {
  if (vaf === undefined || !Number.isFinite(vaf)) return <span className="muted">—</span>;
  const pct = Math.max(0, Math.min(1, vaf));
  return (
    <span className="vaf" title={`VAF ${(vaf * 100).toFixed(1)}%`}>
      <span className="vaf-value tabular">{vaf.toFixed(2)}</span>
      <span className="vaf-bar" aria-hidden="true">
        <span className="vaf-fill" style={{ width: `${pct * 100}%` }} />
      </span>
    </span>
  );
}

const dash = <span className="muted">—</span>;

function cell(column: Column, r: VariantRow): ReactNode {
  switch (column.id) {
    case 'gene':
      return <span className="gene">{r.gene || dash}</span>;
    case 'protein':
      return (
        <span className="protein" title={r.hgvsp ?? r.hgvsc}>
          {r.protein || <span className="muted">{r.hgvsc ? r.hgvsc.slice(r.hgvsc.lastIndexOf(':') + 1) : '—'}</span>}
        </span>
      );
    case 'consequence':
      return (
        <span className={`csq-tag csq-${r.csq.cls}`} title={r.csq.raw || undefined}>
          {r.csq.label}
        </span>
      );
    case 'locus':
      return <span className="tabular locus">{r.locus}</span>;
    case 'allele':
      return <Allele from={r.ref} to={r.alt} />;
    case 'vaf':
      return <Vaf vaf={r.vaf} />;
    case 'depth':
      return <span className="tabular">{formatInt(r.depth)}</span>;
    case 'filter': {
      const pass = r.filter === 'PASS';
      return (
        <span className={pass ? 'filter-pass' : 'filter-fail'} title={r.filter}>
          {r.filter || '.'}
        </span>
      );
    }
    case 'sample':
      return (
        <span className="sample" title={`${r.sampleLabel} (${r.fileName})`}>
          {r.sampleLabel}
        </span>
      );
    default: {
      const text = column.text(r);
      return text === '' ? dash : <span title={text}>{text}</span>;
    }
  }
}

export type VariantTableProps = {
  rows: readonly VariantRow[];
  columns: readonly Column[];
  sort: Sort;
  onSort(column: Column): void;
  selectedKey: string | null;
  /** Bumped when the selection comes from elsewhere (the genome view): scroll the row into view. */
  revealToken: number;
  onSelect(row: VariantRow | null): void;
};

export function VariantTable({ rows, columns, sort, onSort, selectedKey, revealToken, onSelect }: VariantTableProps) {
  const flagged = useFlaggedKeys();
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = useMemo(() => columns.map((c) => c.width).join(' '), [columns]);
  const minWidth = useMemo(() => Math.max(640, columns.length * 78), [columns.length]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const selectedPos = useMemo(
    () => (selectedKey === null ? -1 : rows.findIndex((r) => r.key === selectedKey)),
    [rows, selectedKey],
  );

  useEffect(() => {
    if (revealToken > 0 && selectedPos >= 0) virtualizer.scrollToIndex(selectedPos, { align: 'center' });
    // Only when asked to reveal (a pick in the genome view), not on every filter change.
  }, [revealToken]);

  const move = useCallback(
    (delta: number) => {
      if (rows.length === 0) return;
      const from = selectedPos < 0 ? (delta > 0 ? -1 : rows.length) : selectedPos;
      const next = Math.max(0, Math.min(rows.length - 1, from + delta));
      onSelect(rows[next]!);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [rows, onSelect, selectedPos, virtualizer],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 260) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      PageDown: () => move(page),
      PageUp: () => move(-page),
      Home: () => move(-rows.length),
      End: () => move(rows.length),
      Escape: () => onSelect(null),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return (
    <div
      className="vt"
      role="table"
      aria-label="Variants"
      aria-rowcount={rows.length + 1}
      style={{ ['--vt-cols' as string]: template }}
    >
      <div className="vt-scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} data-testid="variant-table">
        <div className="vt-head" role="rowgroup" style={{ minWidth }}>
          <div className="vt-row vt-header-row" role="row">
            {columns.map((c) => {
              const sorted = sort?.column === c.id ? (sort.desc ? 'desc' : 'asc') : null;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  className={`vt-cell vt-th${c.numeric ? ' num' : ''}`}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button
                    type="button"
                    className="vt-sort"
                    onClick={() => onSort(c)}
                    title={`Sort by ${c.header}`}
                    data-testid={`variant-sort-${c.id}`}
                  >
                    <span className="vt-th-label">{c.header}</span>
                    <span className="vt-sort-icon">
                      {sorted === 'asc' ? <SortAscIcon /> : sorted === 'desc' ? <SortDescIcon /> : null}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div className="vt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), minWidth }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const isSelected = row.key === selectedKey;
            const isFlagged = flagged.size > 0 && flagged.has(variantFlagKey(row));
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={`vt-row vt-data-row${isSelected ? ' selected' : ''}${item.index % 2 ? ' alt' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onSelect(isSelected ? null : row)}
                data-testid="variant-row"
                data-gene={row.gene}
                data-key={row.key}
                data-flagged={isFlagged || undefined}
              >
                {columns.map((c) => (
                  <div
                    key={c.id}
                    role="cell"
                    className={`vt-cell vt-col-${c.id.replace(/[^\w-]/g, '_')}${c.numeric ? ' num' : ''}`}
                  >
                    {c.id === 'gene' && isFlagged ? (
                      <span className="vt-flag" title="Flagged for discussion" data-testid="flag-marker">
                        ⚑
                      </span>
                    ) : null}
                    {cell(c, row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
