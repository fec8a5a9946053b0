import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { CaseSummary, Specimen } from '../../../shared/model/case.js';
import type { GenomeTrack, Region, VariantTable as VariantTableData } from '../../../shared/model/variants.js';
import { variantFlagKey } from '../../../shared/model/notes.js';
import type { CaseUiSession } from '../../../shared/model/session.js';
import { caseSession, useRestoredSession } from '../../session/caseSession.js';
import { api, asTriptychError, type TriptychError } from '../../api/index.js';
import { usePaneReport } from '../../layout/paneContext.js';
import { PaneEmpty, PaneError, PaneLoading } from '../../layout/PaneStates.js';
import { selection, useLinkedSelection, variantKeyOf } from '../../selection/selectionStore.js';
import { AlertIcon, CloseIcon, DnaIcon } from '../../ui/icons.js';
import { formatInt, plural } from '../../util/format.js';
import { useAsync } from '../../util/useAsync.js';
import type { CasePaneProps } from '../types.js';
import { isPass } from './consequence.js';
import { CheckList, Dropdown } from './Dropdown.js';
import { GenomeOnly } from './GenomeOnly.js';
import { GenomeView, locusOf } from './GenomeView.js';
import type { IgvPick } from './igvBrowser.js';
import {
  BASE_COLUMNS,
  DEFAULT_COLUMN_IDS,
  INFO_PREFIX,
  NO_FILTERS,
  applyFilters,
  chromosomeList,
  csvFileName,
  geneCounts,
  infoKeys,
  nextSort,
  normalizeChrom,
  resolveColumns,
  sortRows,
  toCsv,
  toRows,
  type Column,
  type Filters,
  type Sort,
  type VariantRow,
} from './tableModel.js';
import { RegionBar, type RegionShown } from './RegionBar.js';
import { RemoteProblems, type RemoteProblem } from './RemoteProblems.js';
import { VariantDetail } from './VariantDetail.js';
import { VariantFilters } from './VariantFilters.js';
import { VariantTable } from './VariantTable.js';
import './variants.css';

/** A file's facts and its rows; the wire columns are dropped once decoded (a million-row file's are ~50 MB). */
type LoadedTable = Omit<VariantTableData, 'columns'> & { rows: VariantRow[] };
type Loaded = { tables: LoadedTable[]; failures: TriptychError[]; tracks: GenomeTrack[]; remoteProblems: RemoteProblem[] };

/**
 * Every variant file of the case (one that fails is reported, the others shown) and the genome
 * tracks; run outputs in S3 that case.json names (HealthOmics) come as tracks and are read as
 * tables like the local files.
 */
async function loadVariants(fileIds: string[], localIds: ReadonlySet<string>): Promise<Loaded> {
  const tracksCall = api.call('variants.tracks', {}).catch(() => [] as GenomeTrack[]);
  const remoteTables = tracksCall.then((tracks) =>
    Promise.allSettled(
      tracks
        .filter((t) => (t.format === 'VCF' || t.format === 'MAF' || t.format === 'SEG') && !localIds.has(t.fileId))
        .map((t) => api.call('variants.table', { fileId: t.fileId })),
    ),
  );
  // What of the case's HealthOmics data could not be opened (asked once the tracks are listed).
  const problems = tracksCall.then(() =>
    api.call('healthOmics.caseStatus', {}).then(
      (s) => s.problems,
      () => [] as RemoteProblem[],
    ),
  );
  const [settled, tracks, remote, remoteProblems] = await Promise.all([
    Promise.allSettled(fileIds.map((fileId) => api.call('variants.table', { fileId }))),
    tracksCall,
    remoteTables,
    problems,
  ]);
  const tables: LoadedTable[] = [];
  const failures: TriptychError[] = [];
  for (const result of [...settled, ...remote]) {
    if (result.status === 'fulfilled') {
      const { columns: _columns, ...facts } = result.value;
      tables.push({ ...facts, rows: toRows(result.value) });
    } else failures.push(asTriptychError(result.reason));
  }
  // With alignments to show, a run output that failed is a problem beside them, not the pane's error.
  const alignments = tracks.some((t) => t.format === 'BAM' || t.format === 'CRAM');
  if (tables.length === 0 && failures[0] && !alignments) throw failures[0];
  return { tables, failures, tracks, remoteProblems };
}

export function VariantsPane({ summary, version, opening }: CasePaneProps) {
  const restored = useRestoredSession(version);
  const fileIds = summary?.variantFileIds ?? [];
  // A case.json may name run outputs in S3 (HealthOmics): looked for even with no local variant file.
  const mayHaveRemote = summary?.files.some((f) => f.kind === 'case-json') ?? false;
  const localIds = useMemo(() => new Set(summary?.files.map((f) => f.id) ?? []), [summary]);
  const loaded = useAsync(fileIds.length || mayHaveRemote ? () => loadVariants(fileIds, localIds) : null, [
    fileIds.join(','),
    mayHaveRemote,
    version,
  ]);
  const tableCount = loaded.status === 'ready' ? loaded.value.tables.length : fileIds.length;
  // No variant table, but genome tracks (HealthOmics read sets) or remote problems to show.
  const genomeOnly =
    loaded.status === 'ready' && tableCount === 0 && (loaded.value.tracks.length > 0 || loaded.value.remoteProblems.length > 0);
  const noFiles = fileIds.length === 0 && (!mayHaveRemote || (loaded.status === 'ready' && tableCount === 0 && !genomeOnly));
  const fileName = (id: string) => summary?.files.find((f) => f.id === id)?.name ?? id;

  const state =
    opening && !summary
      ? 'loading'
      : genomeOnly
        ? 'ready'
        : !summary || noFiles || (loaded.status === 'ready' && loaded.value.tables.every((t) => t.rows.length === 0))
          ? 'empty'
          : loaded.status === 'error'
            ? 'error'
            : loaded.status === 'ready'
              ? 'ready'
              : 'loading';
  const firstName = loaded.status === 'ready' ? loaded.value.tables[0]?.fileName : fileIds[0] && fileName(fileIds[0]);
  usePaneReport(state, tableCount > 1 ? `${tableCount} files` : firstName || undefined);

  if (!summary) {
    if (opening) return <PaneLoading label={opening.what} progress={opening.progress} />;
    return (
      <PaneEmpty title="No case open" icon={<DnaIcon />}>
        Open a case folder with <strong>Open case…</strong> to see its somatic variants.
      </PaneEmpty>
    );
  }
  if (noFiles) return <NoVariants summary={summary} />;

  return (
    <div className="variants-pane">
      {loaded.status === 'error' ? (
        <PaneError error={loaded.error} onRetry={loaded.retry} title="The variant file could not be read" />
      ) : genomeOnly && restored ? (
        <GenomeOnly
          tracks={loaded.value.tracks}
          remoteProblems={[
            ...loaded.value.remoteProblems,
            ...loaded.value.failures.map((f) => ({ url: f.file ?? 'variant file', message: f.message })),
          ]}
          unreadTables={loaded.value.failures.length}
          root={summary.root}
          genomeBuild={summary.genomeBuild}
          restored={restored}
        />
      ) : loaded.status !== 'ready' || !restored ? (
        <PaneLoading
          label={`Reading ${fileIds.length > 1 ? `${fileIds.length} variant files` : fileIds[0] ? fileName(fileIds[0]) : 'the case’s variant files'}…`}
        />
      ) : (
        <LoadedVariants
          key={version}
          loaded={loaded.value}
          specimens={summary.specimens}
          caseGenomeBuild={summary.genomeBuild}
          restored={restored}
        />
      )}
    </div>
  );
}

const ALL = '*';

/** Whether a row comes from a specimen: from one of its variant files, else from its sample. */
function ofSpecimen(r: VariantRow, s: Specimen): boolean {
  return s.variantFileIds.length ? s.variantFileIds.includes(r.fileId) : r.sampleLabel === s.sampleId;
}

/** A region of one file read through its index, shown instead of the file's first variants. */
type RegionView = RegionShown & { fileId: string; rows: VariantRow[]; warnings: string[] };

function LoadedVariants({
  loaded,
  specimens,
  caseGenomeBuild,
  restored,
}: {
  loaded: Loaded;
  specimens: Specimen[];
  /** Where the user left this case: file, filters, locus. */
  restored: CaseUiSession;
  /** The case's build wins over what a file names: a mismatch is a case warning, not a second genome. */
  caseGenomeBuild?: string;
}) {
  const { tables, failures, tracks, remoteProblems } = loaded;
  const [regionView, setRegionView] = useState<RegionView | null>(null);
  const rowsByFile = useMemo(
    () => new Map(tables.map((t) => [t.fileId, regionView?.fileId === t.fileId ? regionView.rows : t.rows])),
    [tables, regionView],
  );
  const [fileChoice, setFileChoice] = useState<string>(() =>
    restored.variantFile === ALL || tables.some((t) => t.fileId === restored.variantFile)
      ? restored.variantFile!
      : tables[0]!.fileId,
  );
  useEffect(() => caseSession.save({ variantFile: fileChoice }), [fileChoice]);
  const table = tables.find((t) => t.fileId === fileChoice);
  const [locus, setLocus] = useState('');
  const [regionReading, setRegionReading] = useState(false);
  const [regionError, setRegionError] = useState<string | null>(null);
  // A file that holds more than the table keeps, and has an index: offered for reading by region.
  const byRegion =
    table?.capped && tracks.some((t) => t.fileId === table.fileId && t.format === 'VCF' && t.bgzipped && t.indexFileId);
  const readRegion = useCallback(
    (region: Region) => {
      if (!table) return;
      setRegionReading(true);
      setRegionError(null);
      api
        .call('variants.region', { fileId: table.fileId, region })
        .then((answer) => {
          const rows = toRows({
            fileId: table.fileId,
            fileName: table.fileName,
            tumorSample: table.tumorSample,
            columns: answer.columns,
          });
          setRegionView({
            fileId: table.fileId,
            region: answer.region,
            records: answer.records,
            variants: rows.length,
            capped: answer.capped,
            rows,
            warnings: answer.warnings,
          });
        })
        .catch((error: unknown) => setRegionError(asTriptychError(error).message))
        .finally(() => setRegionReading(false));
    },
    [table],
  );
  const rows = useMemo(
    () => (fileChoice === ALL ? tables.flatMap((t) => rowsByFile.get(t.fileId)!) : (rowsByFile.get(fileChoice) ?? [])),
    [fileChoice, rowsByFile, tables],
  );

  const passCount = useMemo(() => rows.reduce((n, r) => n + (isPass(r.filter) ? 1 : 0), 0), [rows]);
  // PASS only by default, unless nothing passes (a file whose caller sets no FILTER).
  const [filters, setFilters] = useState<Filters>(
    () => (restored.filters as Filters | undefined) ?? { ...NO_FILTERS, passOnly: passCount > 0 },
  );
  useEffect(() => caseSession.save({ filters }), [filters]);
  const deferredFilters = useDeferredValue(filters);
  const [columnIds, setColumnIds] = useState<string[]>(DEFAULT_COLUMN_IDS);
  const [sort, setSort] = useState<Sort>(null);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [revealToken, setRevealToken] = useState(0);
  const [gotoToken, setGotoToken] = useState(0);
  const [specimen, setSpecimen] = useState<Specimen | null>(null);

  // Linking: a specimen chosen in another pane (its marker in the ctDNA chart) filters the table to
  // its variant files / sample; a plasma draw, which has none, changes nothing.
  const linkedSpecimenId = useLinkedSelection('variants')?.specimenId;
  useEffect(() => {
    const s = specimens.find((x) => x.id === linkedSpecimenId);
    if (!s || (s.variantFileIds.length === 0 && !s.sampleId)) return;
    setSpecimen(s);
    const own = tables.filter((t) => s.variantFileIds.includes(t.fileId));
    if (tables.length > 1 && own.length === 1) setFileChoice(own[0]!.fileId);
  }, [linkedSpecimenId, specimens, tables]);

  const columns = useMemo(() => resolveColumns(columnIds, rows), [columnIds, rows]);
  const filtered = useMemo(() => {
    const kept = applyFilters(rows, deferredFilters);
    return specimen ? kept.filter((r) => ofSpecimen(r, specimen)) : kept;
  }, [rows, deferredFilters, specimen]);
  const sorted = useMemo(() => sortRows(filtered, sort, columns), [filtered, sort, columns]);
  const choices = useMemo(() => ({ genes: geneCounts(rows), chroms: chromosomeList(rows) }), [rows]);
  const infoFieldKeys = useMemo(() => infoKeys(rows), [rows]);

  const allRows = useMemo(() => [...rowsByFile.values()].flat(), [rowsByFile]);
  const byKey = useMemo(() => new Map(allRows.map((r) => [r.key, r])), [allRows]);
  const byPosition = useMemo(() => {
    const map = new Map<string, VariantRow[]>();
    for (const r of allRows) {
      const k = `${r.fileId}|${normalizeChrom(r.chrom)}:${r.pos}`;
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return map;
  }, [allRows]);
  const selected = selectedKey ? (byKey.get(selectedKey) ?? null) : null;
  const selectedShown = useMemo(() => (selectedKey ? sorted.some((r) => r.key === selectedKey) : false), [sorted, selectedKey]);

  // The chosen variant is published to the other panes as "<gene> <protein change>" and exactly.
  const choose = useCallback((r: VariantRow | null) => {
    setSelectedKey(r?.key ?? null);
    selection.publish('variants', {
      variantKey: r ? variantKeyOf(r.gene, r.protein) : undefined,
      variantLocus: r ? variantFlagKey(r) : undefined,
    });
  }, []);

  // A variant chosen exactly elsewhere (the board agenda, the restored session) is selected and shown.
  const linkedLocus = useLinkedSelection('variants');
  const wantedLocus = linkedLocus?.source === 'variants' ? undefined : linkedLocus?.variantLocus;
  useEffect(() => {
    if (!wantedLocus) return;
    const row = allRows.find((r) => variantFlagKey(r) === wantedLocus);
    if (!row) return;
    setSelectedKey(row.key);
    setRevealToken((t) => t + 1);
    // A restored session keeps the locus the user left igv.js at.
    if (linkedLocus?.source !== 'session') setGotoToken((t) => t + 1);
  }, [wantedLocus, allRows]);
  const onSelectRow = useCallback(
    (r: VariantRow | null) => {
      choose(r);
      if (r) setGotoToken((t) => t + 1);
    },
    [choose],
  );
  const resolvePick = useCallback(
    (pick: IgvPick): VariantRow | null => {
      if (pick.key) return byKey.get(pick.key) ?? null;
      const at = (pos: number) => byPosition.get(`${pick.fileId}|${normalizeChrom(pick.chrom)}:${pos}`) ?? [];
      // Exact, else the nearest variant a few bases away (a click on a genotype call gives a position).
      let candidates = at(pick.pos);
      for (let d = 1; candidates.length === 0 && !pick.ref && d <= 3; d++)
        candidates = [...at(pick.pos - d), ...at(pick.pos + d)];
      const alts = pick.alt?.split(',') ?? [];
      return candidates.find((r) => r.ref === pick.ref && alts.includes(r.alt)) ?? candidates[0] ?? null;
    },
    [byKey, byPosition],
  );
  const onPick = useCallback(
    (r: VariantRow) => {
      // A file not in the table's choice is brought in, so its row can be shown.
      setFileChoice((choice) => (choice === ALL || choice === r.fileId ? choice : r.fileId));
      choose(r);
      setRevealToken((t) => t + 1);
    },
    [choose],
  );
  const rowsOf = useCallback((fileId: string) => rowsByFile.get(fileId), [rowsByFile]);

  const exportCsv = () => {
    const name = fileChoice === ALL ? 'all_variant_files' : (table?.fileName ?? 'variants');
    const blob = new Blob([toCsv(sorted, columns)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = csvFileName(name, filters);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const onLocusChange = useCallback((now: string) => {
    setLocus(now);
    if (now) caseSession.save({ locus: now });
  }, []);
  const genomeBuild = caseGenomeBuild ?? tables.find((t) => t.genomeBuild)?.genomeBuild;
  const warnings = [
    ...failures.map((f) => `${f.file ?? ''}: ${f.message}`),
    ...(fileChoice === ALL ? tables : table ? [table] : []).flatMap((t) => t.warnings),
    ...(regionView && regionView.fileId === fileChoice ? regionView.warnings : []),
  ];
  const records = fileChoice === ALL ? tables.reduce((n, t) => n + t.records, 0) : (table?.records ?? 0);

  return (
    <>
      <div className="pane-toolbar variants-toolbar">
        {tables.length > 1 ? (
          <select
            className="input file-picker"
            value={fileChoice}
            onChange={(e) => {
              setFileChoice(e.target.value);
              setRegionView(null);
              choose(null);
            }}
            aria-label="Variant file"
            data-testid="variant-file-picker"
          >
            <option value={ALL}>All {tables.length} files</option>
            {tables.map((t) => (
              <option key={t.fileId} value={t.fileId}>
                {t.fileName}
              </option>
            ))}
          </select>
        ) : null}
        {specimen ? (
          <span
            className="linked-chip"
            data-testid="variant-specimen-filter"
            title={`Only the variants of specimen ${specimen.id}${specimen.sampleId ? ` (sample ${specimen.sampleId})` : ''}`}
          >
            Specimen {specimen.id}
            <button
              type="button"
              className="icon-btn"
              onClick={() => setSpecimen(null)}
              aria-label="Clear the specimen filter"
              data-testid="variant-specimen-filter-clear"
            >
              <CloseIcon />
            </button>
          </span>
        ) : null}
        <VariantFilters filters={filters} onChange={setFilters} choices={choices}>
          <span className="toolbar-spacer" />
          <span className="count tabular" data-testid="variant-count" aria-live="polite">
            <strong>{formatInt(sorted.length)}</strong> of {formatInt(rows.length)}
          </span>
          <Dropdown label="Columns" testId="variant-columns" align="right">
            {() => (
              <CheckList
                searchable={infoFieldKeys.length > 8}
                placeholder="Find a field"
                items={[
                  ...BASE_COLUMNS.map((c) => ({ id: c.id, label: c.header })),
                  ...infoFieldKeys.map((k) => ({ id: `${INFO_PREFIX}${k}`, label: <span className="mono">{k}</span>, text: k })),
                ]}
                selected={columnIds}
                onChange={(ids) => setColumnIds(ids.length ? orderColumns(ids, infoFieldKeys) : DEFAULT_COLUMN_IDS)}
                testId="variant-columns-list"
              />
            )}
          </Dropdown>
          <button
            type="button"
            className="btn"
            onClick={exportCsv}
            disabled={sorted.length === 0}
            data-testid="variant-export"
            title="Download the rows shown as CSV"
          >
            Export
          </button>
        </VariantFilters>
      </div>
      {byRegion ? (
        <RegionBar
          records={table!.records}
          kept={table!.rows.length}
          locus={locus}
          shown={regionView?.fileId === table!.fileId ? regionView : null}
          reading={regionReading}
          error={regionError}
          onRead={readRegion}
          onBack={() => {
            setRegionView(null);
            choose(null);
          }}
        />
      ) : null}
      {rows.length === 0 && !regionView ? (
        <PaneEmpty title="The file has no variants" icon={<DnaIcon />}>
          <p>
            <span className="mono">{table?.fileName}</span> was read ({plural(records, 'record')}) but holds no variant to show.
          </p>
          {warnings.length ? (
            <ul className="empty-warnings">
              {warnings.slice(0, 5).map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </PaneEmpty>
      ) : (
        <div className="variants-main">
          <VariantTable
            rows={sorted}
            columns={columns}
            sort={sort}
            onSort={(c: Column) => setSort((s) => nextSort(s, c))}
            selectedKey={selectedKey}
            revealToken={revealToken}
            onSelect={onSelectRow}
          />
          {sorted.length === 0 ? (
            <div className="vt-empty">
              No variant matches the filters.{' '}
              <button
                type="button"
                className="link-btn"
                onClick={() => {
                  setFilters(NO_FILTERS);
                  setSpecimen(null);
                }}
              >
                Show all variants
              </button>
            </div>
          ) : null}
        </div>
      )}
      <RemoteProblems problems={remoteProblems} />
      <GenomeView
        tracks={tracks}
        genomeBuild={genomeBuild}
        rowsOf={rowsOf}
        selected={selected}
        gotoToken={gotoToken}
        resolvePick={resolvePick}
        onPick={onPick}
        initialLocus={restored.locus}
        overviewLocus={rows[0] ? locusOf(rows[0]) : undefined}
        initialHeight={restored.genomeViewHeight}
        onHeightChange={(genomeViewHeight) => caseSession.save({ genomeViewHeight })}
        onLocusChange={onLocusChange}
      />
      {selected ? <VariantDetail row={selected} hidden={!selectedShown} onClose={() => choose(null)} /> : null}
      <footer className="pane-status">
        <span>{fileChoice === ALL ? `${tables.length} files` : table?.format}</span>
        {genomeBuild ? <span>{genomeBuild}</span> : null}
        {table?.tumorSample ? <span title="Tumor sample">tumor: {table.tumorSample}</span> : null}
        <span className="tabular">{formatInt(records)} records</span>
        {warnings.length > 0 ? (
          <span className="status-warning" title={warnings.join('\n')}>
            <AlertIcon /> {warnings.length} warning{warnings.length === 1 ? '' : 's'}
          </span>
        ) : null}
      </footer>
    </>
  );
}

/** Base columns in their usual order, then the added fields in the order they were picked. */
function orderColumns(ids: string[], _infoKeys: string[]): string[] {
  const base = DEFAULT_COLUMN_IDS.filter((id) => ids.includes(id));
  return [...base, ...ids.filter((id) => id.startsWith(INFO_PREFIX))];
}

function NoVariants({ summary }: { summary: CaseSummary }) {
  return (
    <PaneEmpty title="No variant file in this case" icon={<DnaIcon />}>
      Add a somatic variant file — VCF (<span className="mono">.vcf</span> or bgzipped <span className="mono">.vcf.gz</span>, VEP{' '}
      <span className="mono">CSQ</span> or SnpEff <span className="mono">ANN</span> annotated), a GDC{' '}
      <span className="mono">.maf</span> or a <span className="mono">.seg</span> — to <span className="mono">{summary.root}</span>{' '}
      and open the case again.
    </PaneEmpty>
  );
}
