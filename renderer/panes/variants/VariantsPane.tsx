import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { CaseSummary } from '../../../shared/model/case.js';
import type { VariantTable as VariantTableData } from '../../../shared/model/variants.js';
import { api } from '../../api/index.js';
import { usePaneReport } from '../../layout/paneContext.js';
import { PaneEmpty, PaneError, PaneLoading } from '../../layout/PaneStates.js';
import { AlertIcon, DnaIcon, SearchIcon } from '../../ui/icons.js';
import { formatInt, plural } from '../../util/format.js';
import { useAsync } from '../../util/useAsync.js';
import type { CasePaneProps } from '../types.js';
import { isPass } from './consequence.js';
import { GenomeView, locusOf } from './GenomeView.js';
import { VariantDetail } from './VariantDetail.js';
import { VariantTable, toRows, type VariantRow } from './VariantTable.js';
import './variants.css';

export function VariantsPane({ summary, version, opening }: CasePaneProps) {
  const fileIds = summary?.variantFileIds ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const fileId = chosen && fileIds.includes(chosen) ? chosen : (fileIds[0] ?? null);
  const table = useAsync(fileId ? () => api.call('variants.table', { fileId }) : null, [fileId, version]);
  const fileName = (id: string) => summary?.files.find((f) => f.id === id)?.name ?? id;

  const state =
    opening && !summary
      ? 'loading'
      : !summary || fileIds.length === 0 || (table.status === 'ready' && table.value.variants.length === 0)
        ? 'empty'
        : table.status === 'error'
          ? 'error'
          : table.status === 'ready'
            ? 'ready'
            : 'loading';
  // The file's name; with several files the picker shows it, the title bar says how many there are.
  usePaneReport(state, fileIds.length > 1 ? `${fileIds.length} files` : fileId ? fileName(fileId) : undefined);

  if (!summary) {
    if (opening) return <PaneLoading label={opening.what} progress={opening.progress} />;
    return (
      <PaneEmpty title="No case open" icon={<DnaIcon />}>
        Open a case folder with <strong>Open case…</strong> to see its somatic variants.
      </PaneEmpty>
    );
  }
  if (fileIds.length === 0) return <NoVariants summary={summary} />;

  return (
    <div className="variants-pane">
      {fileIds.length > 1 ? (
        <div className="pane-toolbar">
          <label className="toolbar-label" htmlFor="variant-file">
            File
          </label>
          <select
            id="variant-file"
            className="input file-picker"
            value={fileId ?? ''}
            onChange={(e) => setChosen(e.target.value)}
            data-testid="variant-file-picker"
          >
            {fileIds.map((id) => (
              <option key={id} value={id}>
                {fileName(id)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {table.status === 'error' ? (
        <PaneError error={table.error} onRetry={table.retry} title="The variant file could not be read" />
      ) : table.status !== 'ready' ? (
        <PaneLoading label={`Reading ${fileId ? fileName(fileId) : 'variants'}…`} />
      ) : (
        <LoadedVariants key={`${table.value.fileId}:${version}`} data={table.value} />
      )}
    </div>
  );
}

function LoadedVariants({ data }: { data: VariantTableData }) {
  const rows = useMemo(() => toRows(data.variants), [data]);
  const passCount = useMemo(() => rows.reduce((n, r) => n + (isPass(r.filter) ? 1 : 0), 0), [rows]);
  // PASS-only by default, unless nothing passes (a file whose caller sets no FILTER).
  const [passOnly, setPassOnly] = useState(passCount > 0);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [selected, setSelected] = useState<VariantRow | null>(null);
  const [shown, setShown] = useState(rows.length);
  const visible = useMemo(() => (passOnly ? rows.filter((r) => isPass(r.filter)) : rows), [rows, passOnly]);
  const onSelect = useCallback((r: VariantRow | null) => setSelected(r), []);

  return (
    <>
      <div className="pane-toolbar variants-toolbar" role="toolbar" aria-label="Variant filters">
        <div className="search">
          <SearchIcon />
          <input
            className="input search-input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Filter: gene, p.change, chr:pos…"
            aria-label="Filter variants"
            data-testid="variant-filter"
          />
        </div>
        <label className="toggle" title="Show only variants whose FILTER is PASS">
          <input
            type="checkbox"
            checked={passOnly}
            onChange={(e) => setPassOnly(e.target.checked)}
            data-testid="variant-pass-only"
          />
          <span className="toggle-track" aria-hidden="true">
            <span className="toggle-thumb" />
          </span>
          PASS only
        </label>
        <span className="toolbar-spacer" />
        <span className="count tabular" data-testid="variant-count" aria-live="polite">
          <strong>{formatInt(shown)}</strong> of {formatInt(rows.length)}
        </span>
      </div>
      {rows.length === 0 ? (
        <PaneEmpty title="The file has no variants" icon={<DnaIcon />}>
          <p>
            <span className="mono">{data.fileName}</span> was read ({plural(data.records, 'record')}) but holds no variant to
            show.
          </p>
          {data.warnings.length ? (
            <ul className="empty-warnings">
              {data.warnings.slice(0, 5).map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </PaneEmpty>
      ) : (
        <div className="variants-main">
          <VariantTable
            rows={visible}
            query={deferredQuery}
            selected={selected?.index ?? null}
            onSelect={onSelect}
            onCountChange={setShown}
          />
          {shown === 0 ? (
            <div className="vt-empty">
              No variant matches{query ? ` “${query}”` : ''}
              {passOnly ? ' among PASS variants' : ''}.{' '}
              {passOnly ? (
                <button type="button" className="link-btn" onClick={() => setPassOnly(false)}>
                  Include filtered variants
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      )}
      <GenomeView fileId={data.fileId} genomeBuild={data.genomeBuild} locus={locusOf(selected)} selected={selected} />
      {selected ? <VariantDetail row={selected} onClose={() => setSelected(null)} /> : null}
      <footer className="pane-status">
        <span>{data.format}</span>
        {data.genomeBuild ? <span>{data.genomeBuild}</span> : null}
        {data.tumorSample ? <span title="Tumor sample">tumor: {data.tumorSample}</span> : null}
        <span className="tabular">{formatInt(data.records)} records</span>
        {data.warnings.length > 0 ? (
          <span className="status-warning" title={data.warnings.join('\n')}>
            <AlertIcon /> {data.warnings.length} warning{data.warnings.length === 1 ? '' : 's'}
          </span>
        ) : null}
      </footer>
    </>
  );
}

function NoVariants({ summary }: { summary: CaseSummary }) {
  return (
    <PaneEmpty title="No variant file in this case" icon={<DnaIcon />}>
      Add a somatic variant file — VCF (<span className="mono">.vcf</span> or bgzipped <span className="mono">.vcf.gz</span>, VEP{' '}
      <span className="mono">CSQ</span> or SnpEff <span className="mono">ANN</span> annotated) or a GDC{' '}
      <span className="mono">.maf</span> — to <span className="mono">{summary.root}</span> and open the case again.
    </PaneEmpty>
  );
}
