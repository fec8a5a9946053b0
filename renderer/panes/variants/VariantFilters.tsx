/** The table's filter bar: text, genes, consequence, chromosome, VAF, depth, PASS, the tumor-board preset. */
import { useEffect, useState, type ReactNode } from 'react';
import { SearchIcon } from '../../ui/icons.js';
import { CheckList, Dropdown } from './Dropdown.js';
import {
  CONSEQUENCE_GROUPS,
  isTumorBoard,
  NO_FILTERS,
  TUMOR_BOARD,
  activeFilterCount,
  type ConsequenceGroup,
  type Filters,
} from './tableModel.js';

export type FilterChoices = {
  genes: Array<[string, number]>;
  chroms: string[];
};

/** A number input that reports a parsed value (or null when empty) and keeps what the user types. */
function NumberField({
  value,
  onChange,
  label,
  testId,
  scale = 1,
  width = 46,
  placeholder,
}: {
  value: number | null;
  onChange(v: number | null): void;
  label: string;
  testId: string;
  scale?: number;
  width?: number;
  placeholder?: string;
}) {
  const shown = value === null ? '' : String(Math.round(value * scale * 1000) / 1000);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return (
    <input
      className="input num-input tabular"
      type="number"
      min={0}
      inputMode="decimal"
      value={text}
      style={{ width }}
      placeholder={placeholder}
      aria-label={label}
      title={label}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.value.trim() === '' ? null : Number(e.target.value);
        if (n === null) onChange(null);
        else if (Number.isFinite(n) && n >= 0) onChange(n / scale);
      }}
    />
  );
}

export function VariantFilters({
  filters,
  onChange,
  choices,
  children,
}: {
  filters: Filters;
  onChange(next: Filters): void;
  choices: FilterChoices;
  /** Shown at the end of the second row (count, columns, export). */
  children?: ReactNode;
}) {
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  const board = isTumorBoard(filters);
  const groupsLabel =
    filters.groups.length === 0
      ? 'Consequence'
      : filters.groups.map((g) => CONSEQUENCE_GROUPS.find((c) => c.id === g)?.label ?? g).join(', ');
  return (
    <div className="vf" role="toolbar" aria-label="Variant filters">
      <div className="vf-row">
        <div className="search">
          <SearchIcon />
          <input
            className="input search-input"
            type="search"
            value={filters.text}
            onChange={(e) => set('text', e.target.value)}
            placeholder="Filter: gene, p.change, chr:pos…"
            aria-label="Filter variants"
            data-testid="variant-filter"
          />
        </div>
        <Dropdown
          label={filters.genes.length ? `Genes · ${filters.genes.length}` : 'Genes'}
          active={filters.genes.length > 0}
          testId="variant-genes"
          title="Show only these genes"
        >
          {() => (
            <CheckList
              searchable
              placeholder="Find a gene"
              items={choices.genes.map(([gene, n]) => ({ id: gene, label: <i>{gene}</i>, hint: n, text: gene }))}
              selected={filters.genes}
              onChange={(genes) => set('genes', genes)}
            />
          )}
        </Dropdown>
        <Dropdown label={groupsLabel} active={filters.groups.length > 0} testId="variant-consequence">
          {() => (
            <CheckList
              items={CONSEQUENCE_GROUPS.map((g) => ({ id: g.id, label: g.label }))}
              selected={filters.groups}
              onChange={(groups) => set('groups', groups as ConsequenceGroup[])}
            />
          )}
        </Dropdown>
        <Dropdown
          label={filters.chroms.length ? `Chr · ${filters.chroms.length}` : 'Chromosome'}
          active={filters.chroms.length > 0}
          testId="variant-chroms"
        >
          {() => (
            <CheckList
              items={choices.chroms.map((c) => ({ id: c, label: c }))}
              selected={filters.chroms}
              onChange={(chroms) => set('chroms', chroms)}
            />
          )}
        </Dropdown>
      </div>
      <div className="vf-row">
        <span className="vf-field" title="VAF range, in percent">
          <span className="toolbar-label">VAF %</span>
          <NumberField
            value={filters.vafMin}
            onChange={(v) => set('vafMin', v)}
            label="Minimum VAF (%)"
            testId="variant-vaf-min"
            scale={100}
            placeholder="0"
          />
          <span className="muted">–</span>
          <NumberField
            value={filters.vafMax}
            onChange={(v) => set('vafMax', v)}
            label="Maximum VAF (%)"
            testId="variant-vaf-max"
            scale={100}
            placeholder="100"
          />
        </span>
        <span className="vf-field">
          <span className="toolbar-label">Depth ≥</span>
          <NumberField
            value={filters.minDepth}
            onChange={(v) => set('minDepth', v)}
            label="Minimum depth"
            testId="variant-min-depth"
            width={54}
            placeholder="0"
          />
        </span>
        <label className="toggle" title="Show only variants whose FILTER is PASS">
          <input
            type="checkbox"
            checked={filters.passOnly}
            onChange={(e) => set('passOnly', e.target.checked)}
            data-testid="variant-pass-only"
          />
          <span className="toggle-track" aria-hidden="true">
            <span className="toggle-thumb" />
          </span>
          PASS
        </label>
        <button
          type="button"
          className="btn vf-preset"
          aria-pressed={board}
          onClick={() => onChange(board ? NO_FILTERS : { ...TUMOR_BOARD, text: filters.text })}
          title="Tumor board: PASS, coding consequences, VAF ≥ 5 %"
          data-testid="variant-preset-tumor-board"
        >
          Tumor board
        </button>
        {activeFilterCount(filters) > 0 ? (
          <button type="button" className="link-btn" onClick={() => onChange(NO_FILTERS)} data-testid="variant-filters-reset">
            Reset
          </button>
        ) : null}
        {children}
      </div>
    </div>
  );
}
