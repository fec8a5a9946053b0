import { useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary } from '../../../shared/model/case.js';
import { anchorCtdnaSeries, type CtdnaSeries } from '../../../shared/model/ctdna.js';
import { api } from '../../api/index.js';
import { usePaneReport } from '../../layout/paneContext.js';
import { PaneEmpty, PaneError, PaneLoading } from '../../layout/PaneStates.js';
import { useLinkedSelection } from '../../selection/selectionStore.js';
import { AlertIcon, ChartIcon } from '../../ui/icons.js';
import { formatDate, formatSig, plural } from '../../util/format.js';
import { useAsync } from '../../util/useAsync.js';
import type { CasePaneProps } from '../types.js';
import { STATUS_TEXT, buildChartModel, type ChartModel, type PlacedPoint } from './chartModel.js';
import { CtdnaChart } from './CtdnaChart.js';
import { CtdnaTable } from './CtdnaTable.js';
import { download } from '../../util/download.js';
import { chartSvg, pngBlob, svgBlob } from './exportChart.js';
import { Legend } from './Legend.js';
import { ctdnaSelection, useCtdnaSelection, type CtdnaSelection } from './selection.js';
import { timeAxis, timeModes, type TimeAxis, type TimeMode } from './timeAxis.js';
import './ctdna.css';

export function CtdnaPane({ summary, version, opening }: CasePaneProps) {
  const hasFiles = (summary?.ctdnaFileIds.length ?? 0) > 0;
  const series = useAsync(summary && hasFiles ? () => api.call('ctdna.series', {}) : null, [summary, version, hasFiles]);
  const empty =
    !summary || !hasFiles || (series.status === 'ready' && series.value.points.length === 0 && series.value.events.length === 0);
  const state =
    opening && !summary
      ? 'loading'
      : empty
        ? 'empty'
        : series.status === 'error'
          ? 'error'
          : series.status === 'ready'
            ? 'ready'
            : 'loading';
  const files = summary?.ctdnaFileIds.map((id) => summary.files.find((f) => f.id === id)?.name ?? id) ?? [];
  const results = series.status === 'ready' ? ` · ${plural(series.value.points.length, 'result')}` : '';
  usePaneReport(
    state,
    files.length === 1 ? `${files[0]}${results}` : files.length > 1 ? `${files.length} files${results}` : undefined,
  );

  if (!summary) {
    if (opening) return <PaneLoading label={opening.what} progress={opening.progress} />;
    return (
      <PaneEmpty title="No case open" icon={<ChartIcon />}>
        Open a case folder with <strong>Open case…</strong> to see its ctDNA results over time.
      </PaneEmpty>
    );
  }
  if (!hasFiles) return <NoCtdna summary={summary} />;
  if (series.status === 'error')
    return <PaneError error={series.error} onRetry={series.retry} title="The ctDNA results could not be read" />;
  if (series.status !== 'ready') return <PaneLoading label="Reading ctDNA results…" />;
  if (empty) return <NoCtdna summary={summary} read />;
  return <LoadedCtdna key={version} series={series.value} summary={summary} />;
}

function LoadedCtdna({ series, summary }: { series: CtdnaSeries; summary: CaseSummary }) {
  const diagnosisDate = summary.patient.diagnosisDate;
  // A timeline counted in days from the diagnosis goes on dates when the case gives that date.
  const anchored = useMemo(
    () => (series.axis === 'relative-days' && diagnosisDate ? anchorCtdnaSeries(series, diagnosisDate) : series),
    [series, diagnosisDate],
  );
  // The case's own specimens (case.json: tissue behind the slides and variant files) join the series'.
  const caseSpecimens = summary.specimens;
  const withSpecimens = useMemo(() => {
    const fromCase = caseSpecimens
      .filter((s) => s.collected && s.type !== 'plasma' && s.type !== 'blood')
      .map((s) => ({
        id: s.id,
        date: s.collected!,
        type: s.type,
        label: s.label ?? s.site ?? s.type,
        ...(s.sampleId ? { sampleId: s.sampleId } : {}),
      }));
    if (!fromCase.length || anchored.axis === 'relative-days') return anchored;
    const ids = new Set(fromCase.map((s) => s.id));
    return { ...anchored, specimens: [...fromCase, ...(anchored.specimens ?? []).filter((s) => !ids.has(s.id))] };
  }, [anchored, caseSpecimens]);
  const specimenLinks = useMemo(
    () => new Map(caseSpecimens.map((s) => [s.id, { slideIds: s.slideIds, variantFileIds: s.variantFileIds }])),
    [caseSpecimens],
  );
  const model = useMemo(() => buildChartModel(withSpecimens, new Date(), diagnosisDate), [withSpecimens, diagnosisDate]);
  const [scale, setScale] = useState<'log' | 'linear'>('log');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [mode, setMode] = useState<TimeMode>('date');
  const [showVariants, setShowVariants] = useState(true);
  const [exportError, setExportError] = useState<string | null>(null);
  const axis = useMemo(() => timeAxis(model, mode), [model, mode]);
  const modes = timeModes(model);
  const body = useRef<HTMLDivElement>(null);
  const selection = useCtdnaSelection();
  useEffect(() => () => ctdnaSelection.set(null), [series]);
  // Linking: a specimen or timepoint chosen elsewhere (a slide picked, the session restored) is selected here.
  const linked = useLinkedSelection('ctdna');
  const followed = linked && linked.source !== 'ctdna' ? linked.specimenId : undefined;
  const followedDate = linked && linked.source !== 'ctdna' && !linked.specimenId ? linked.timepointDate : undefined;
  useEffect(() => {
    if (followedDate) ctdnaSelection.follow({ kind: 'timepoint', date: followedDate });
  }, [followedDate]);
  useEffect(() => {
    const s = followed ? withSpecimens.specimens?.find((x) => x.id === followed) : undefined;
    if (!s) return;
    ctdnaSelection.follow({
      kind: 'specimen',
      id: s.id,
      date: s.date,
      label: s.label ?? s.type ?? 'specimen',
      ...(s.sampleId ? { sampleId: s.sampleId } : {}),
      ...(specimenLinks.get(s.id) ?? {}),
    });
  }, [followed, withSpecimens, specimenLinks]);
  const latest = model.latest;
  const warnings = [
    ...anchored.warnings,
    ...(model.skipped ? [`${plural(model.skipped, 'row')} without a readable date were left out.`] : []),
  ];
  const selectedPoint =
    selection?.kind === 'timepoint'
      ? model.points.find((p) => (p.date ? p.date === selection.date : p.day === selection.day))
      : undefined;

  const doExport = async (kind: 'svg' | 'png') => {
    setExportError(null);
    try {
      const root = body.current?.querySelector<HTMLElement>('.ctdna-chart');
      const title = `ctDNA (${model.unit}) — ${summary.title}`;
      const made = root ? chartSvg(root, title) : null;
      if (!made) throw new Error('switch to the chart to export it');
      const stamp = new Date().toISOString().slice(0, 10);
      if (kind === 'svg') download(svgBlob(made.svg), `ctdna-${stamp}.svg`);
      else download(await pngBlob(made.svg, made.width, made.height), `ctdna-${stamp}.png`);
    } catch (error) {
      setExportError(`Export failed: ${(error as Error).message}`);
    }
  };

  return (
    <div className="ctdna-pane">
      <div className="pane-toolbar ctdna-toolbar">
        {latest ? (
          <span className="latest" data-testid="ctdna-latest" title="The most recent result">
            <span className={`status-chip ${latest.kind}`}>{STATUS_TEXT[latest.status]}</span>
            {latest.kind === 'detected' && latest.value !== null ? (
              <span className="tabular">
                {' '}
                <strong>{formatSig(latest.value, 3)}</strong> {latest.unit}
              </span>
            ) : null}
            <span className="muted tabular"> · {axis.describe(latest.t)}</span>
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        <Segmented
          label="View"
          value={view}
          onChange={setView}
          options={[
            ['chart', 'Chart'],
            ['table', 'Table'],
          ]}
          testid="ctdna-view"
        />
        <Segmented
          label="Value scale"
          value={scale}
          onChange={setScale}
          options={[
            ['log', 'Log'],
            ['linear', 'Linear'],
          ]}
          testid="ctdna-scale"
        />
        {modes.length > 1 ? (
          <select
            className="ctdna-select"
            aria-label="Time axis"
            value={mode}
            onChange={(e) => setMode(e.target.value as TimeMode)}
            data-testid="ctdna-time"
          >
            {modes.map((m) => (
              <option key={m} value={m}>
                {m === 'date' ? 'Dates' : m === 'diagnosis' ? 'Days from diagnosis' : 'Days from surgery'}
              </option>
            ))}
          </select>
        ) : null}
        {model.variants.length ? (
          <button
            type="button"
            className={`seg-btn solo${showVariants ? ' active' : ''}`}
            aria-pressed={showVariants}
            onClick={() => setShowVariants((v) => !v)}
            data-testid="ctdna-toggle-variants"
            title="Per-variant allele fractions"
          >
            VAFs
          </button>
        ) : null}
        <div className="segmented" role="group" aria-label="Export the chart">
          <button
            type="button"
            className="seg-btn"
            onClick={() => void doExport('svg')}
            data-testid="ctdna-export-svg"
            disabled={view !== 'chart'}
            title="Download the chart as SVG"
          >
            SVG
          </button>
          <button
            type="button"
            className="seg-btn"
            onClick={() => void doExport('png')}
            data-testid="ctdna-export-png"
            disabled={view !== 'chart'}
            title="Download the chart as PNG"
          >
            PNG
          </button>
        </div>
      </div>
      <InfoBar model={model} axis={axis} selection={selection} selectedPoint={selectedPoint} />
      <div className={`ctdna-body${view === 'table' ? ' table' : ''}`} ref={body}>
        {view === 'chart' ? (
          <CtdnaChart model={model} options={{ scale, axis, showVariants, specimenLinks }} />
        ) : (
          <CtdnaTable model={model} axis={axis} />
        )}
      </div>
      <Legend model={model} showVariants={showVariants} />
      {warnings.length || exportError ? (
        <footer className="pane-status">
          {exportError ? <span className="status-warning">{exportError}</span> : null}
          {warnings.length ? (
            <>
              <span className="status-warning" title={warnings.join('\n')}>
                <AlertIcon /> {plural(warnings.length, 'warning')}
              </span>
              <span className="status-ellipsis" title={warnings.join('\n')}>
                {warnings[0]}
              </span>
            </>
          ) : null}
        </footer>
      ) : null}
    </div>
  );
}

function Segmented<T extends string>({
  label,
  value,
  onChange,
  options,
  testid,
}: {
  label: string;
  value: T;
  onChange: (value: T) => void;
  options: Array<[T, string]>;
  testid: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map(([v, text]) => (
        <button
          key={v}
          type="button"
          className={`seg-btn${value === v ? ' active' : ''}`}
          aria-pressed={value === v}
          onClick={() => onChange(v)}
          data-testid={`${testid}-${v}`}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

/** The selected timepoint or specimen, and the lead time, in words. */
function InfoBar({
  model,
  axis,
  selection,
  selectedPoint,
}: {
  model: ChartModel;
  axis: TimeAxis;
  selection: CtdnaSelection;
  selectedPoint: PlacedPoint | undefined;
}) {
  const lead = model.leadTime;
  if (!selection && !lead) return null;
  return (
    <div className="ctdna-info">
      {selection ? (
        <span className="ctdna-selected" data-testid="ctdna-selected">
          <span className="muted">Selected </span>
          {selection.kind === 'timepoint' ? (
            <>
              <strong className="tabular">
                {selectedPoint ? axis.describe(selectedPoint.t) : selection.date || `day ${selection.day}`}
              </strong>
              {selectedPoint ? (
                <span className="tabular">
                  {' · '}
                  {STATUS_TEXT[selectedPoint.status]}
                  {selectedPoint.kind === 'detected' && selectedPoint.value !== null
                    ? ` ${formatSig(selectedPoint.value, 3)} ${selectedPoint.unit}`
                    : ''}
                  {selectedPoint.variantsTracked !== undefined
                    ? ` · ${selectedPoint.variantsDetected ?? '—'}/${selectedPoint.variantsTracked} variants`
                    : ''}
                  {selectedPoint.specimenId ? ` · ${selectedPoint.specimenId}` : ''}
                </span>
              ) : null}
            </>
          ) : (
            <>
              <strong>Specimen {selection.id}</strong>{' '}
              <span className="tabular">{selection.date ? formatDate(selection.date) : ''}</span> · {selection.label}
            </>
          )}
          <button type="button" className="link-btn" onClick={() => ctdnaSelection.set(null)} aria-label="Clear the selection">
            ×
          </button>
        </span>
      ) : null}
      {lead ? (
        <span className="ctdna-lead" data-testid="ctdna-lead-note">
          <span className="lead-swatch" aria-hidden="true" /> ctDNA positive again {axis.describe(lead.from.t)},{' '}
          <strong>{lead.days} days</strong> before imaging showed {lead.to.result ?? 'recurrence'}
        </span>
      ) : null}
    </div>
  );
}

function NoCtdna({ summary, read }: { summary: CaseSummary; read?: boolean }) {
  return (
    <PaneEmpty title={read ? 'No ctDNA result in the files' : 'No ctDNA results in this case'} icon={<ChartIcon />}>
      Add the ctDNA results — a CSV of results (date, MTM/mL, status, LOD), FHIR R4 <span className="mono">Observation</span>{' '}
      JSON, or a cBioPortal timeline file — and, optionally, a CSV of treatments, surgery and imaging, to{' '}
      <span className="mono">{summary.root}</span>, then open the case again.
    </PaneEmpty>
  );
}
