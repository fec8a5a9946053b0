/**
 * The mutation table: dense and calm (cBioPortal's is the bar). TanStack Table for sorting and
 * filtering, TanStack Virtual so a 50,000-line VCF scrolls like a 50-line one.
 */
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type FilterFn,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Variant } from '../../../shared/model/variants.js';
import { SortAscIcon, SortDescIcon } from '../../ui/icons.js';
import { formatInt } from '../../util/format.js';
import { chromRank, classifyConsequence, proteinPosition, shortProtein, type Consequence } from './consequence.js';

export type VariantRow = Variant & {
  /** Row index in the file (stable key and "file order"). */
  index: number;
  protein: string;
  csq: Consequence;
  locus: string;
};

export function toRows(variants: Variant[]): VariantRow[] {
  return variants.map((v, index) => ({
    ...v,
    index,
    protein: shortProtein(v.hgvsp),
    csq: classifyConsequence(v.consequence),
    locus: `${v.chrom}:${v.pos.toLocaleString('en-US')}`,
  }));
}

const col = createColumnHelper<VariantRow>();
const ROW_HEIGHT = 26;

const searchable = (r: VariantRow) =>
  [
    r.gene,
    r.protein,
    r.hgvsp,
    r.hgvsc,
    r.consequence,
    r.csq.label,
    r.locus,
    `${r.chrom}:${r.pos}`,
    r.id,
    r.filter,
    `${r.ref}>${r.alt}`,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

/** Every whitespace-separated word must match somewhere in the row. */
const textFilter: FilterFn<VariantRow> = (row, _columnId, value: string) => {
  const words = value.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = searchable(row.original);
  return words.every((w) => hay.includes(w));
};

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

function Vaf({ vaf }: { vaf: number | undefined }) {
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

const columns = [
  col.accessor((r) => r.gene ?? '', {
    id: 'gene',
    header: 'Gene',
    cell: (c) => <span className="gene">{c.getValue() || <span className="muted">—</span>}</span>,
    sortingFn: 'text',
  }),
  col.accessor('protein', {
    header: 'Protein',
    cell: (c) => (
      <span className="protein" title={c.row.original.hgvsp ?? c.row.original.hgvsc}>
        {c.getValue() || <span className="muted">{c.row.original.hgvsc ? shortHgvsc(c.row.original.hgvsc) : '—'}</span>}
      </span>
    ),
    sortingFn: (a, b) =>
      proteinPosition(a.original.protein) - proteinPosition(b.original.protein) ||
      a.original.protein.localeCompare(b.original.protein),
  }),
  col.accessor((r) => r.csq.rank, {
    id: 'consequence',
    header: 'Consequence',
    cell: (c) => {
      const csq = c.row.original.csq;
      return (
        <span className={`csq-tag csq-${csq.cls}`} title={csq.raw || undefined}>
          {csq.label}
        </span>
      );
    },
  }),
  col.accessor((r) => r.vaf ?? -1, {
    id: 'vaf',
    header: 'VAF',
    cell: (c) => <Vaf vaf={c.row.original.vaf} />,
    sortDescFirst: true,
    meta: { numeric: true },
  }),
  col.accessor((r) => r.depth ?? -1, {
    id: 'depth',
    header: 'Depth',
    cell: (c) => <span className="tabular">{formatInt(c.row.original.depth)}</span>,
    sortDescFirst: true,
    meta: { numeric: true },
  }),
  col.accessor('locus', {
    header: 'Position',
    cell: (c) => <span className="tabular locus">{c.getValue()}</span>,
    sortingFn: (a, b) =>
      chromRank(a.original.chrom) - chromRank(b.original.chrom) ||
      a.original.chrom.localeCompare(b.original.chrom) ||
      a.original.pos - b.original.pos,
  }),
  col.accessor((r) => `${r.ref}>${r.alt}`, {
    id: 'allele',
    header: 'Ref › Alt',
    cell: (c) => <Allele from={c.row.original.ref} to={c.row.original.alt} />,
  }),
  col.accessor('filter', {
    header: 'Filter',
    cell: (c) => {
      const f = c.getValue();
      const pass = f === 'PASS';
      return (
        <span className={pass ? 'filter-pass' : 'filter-fail'} title={f}>
          {f || '.'}
        </span>
      );
    },
  }),
];

function shortHgvsc(hgvsc: string): string {
  const i = hgvsc.lastIndexOf(':');
  return i >= 0 ? hgvsc.slice(i + 1) : hgvsc;
}

export type VariantTableProps = {
  rows: VariantRow[];
  query: string;
  selected: number | null;
  onSelect(row: VariantRow | null): void;
  onCountChange(shown: number): void;
};

export function VariantTable({ rows, query, selected, onSelect, onCountChange }: VariantTableProps) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const scrollRef = useRef<HTMLDivElement>(null);

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, globalFilter: query },
    onSortingChange: setSorting,
    globalFilterFn: textFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getRowId: (r) => String(r.index),
  });
  const model = table.getRowModel().rows;

  useEffect(() => onCountChange(model.length), [model.length, onCountChange]);

  const virtualizer = useVirtualizer({
    count: model.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const selectedPos = useMemo(
    () => (selected === null ? -1 : model.findIndex((r) => r.original.index === selected)),
    [model, selected],
  );

  const move = useCallback(
    (delta: number) => {
      if (model.length === 0) return;
      const next = Math.max(
        0,
        Math.min(model.length - 1, (selectedPos < 0 ? (delta > 0 ? -1 : model.length) : selectedPos) + delta),
      );
      onSelect(model[next].original);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [model, onSelect, selectedPos, virtualizer],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 260) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      PageDown: () => move(page),
      PageUp: () => move(-page),
      Home: () => move(-model.length),
      End: () => move(model.length),
      Escape: () => onSelect(null),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const headers = table.getHeaderGroups()[0].headers;

  return (
    <div className="vt" role="table" aria-label="Variants" aria-rowcount={model.length + 1}>
      <div className="vt-scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} data-testid="variant-table">
        <div className="vt-head" role="rowgroup">
          <div className="vt-row vt-header-row" role="row">
            {headers.map((h) => {
              const sorted = h.column.getIsSorted();
              const numeric = (h.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
              return (
                <div
                  key={h.id}
                  role="columnheader"
                  className={`vt-cell vt-th vt-col-${h.id}${numeric ? ' num' : ''}`}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button
                    type="button"
                    className="vt-sort"
                    onClick={h.column.getToggleSortingHandler()}
                    title={`Sort by ${String(h.column.columnDef.header)}`}
                  >
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    <span className="vt-sort-icon">
                      {sorted === 'asc' ? <SortAscIcon /> : sorted === 'desc' ? <SortDescIcon /> : null}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div className="vt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = model[item.index];
            const isSelected = row.original.index === selected;
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={`vt-row vt-data-row${isSelected ? ' selected' : ''}${item.index % 2 ? ' alt' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onSelect(isSelected ? null : row.original)}
                data-testid="variant-row"
                data-gene={row.original.gene}
              >
                {row.getVisibleCells().map((cell) => {
                  const numeric = (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <div key={cell.id} role="cell" className={`vt-cell vt-col-${cell.column.id}${numeric ? ' num' : ''}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
