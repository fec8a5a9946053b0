import { useMemo, useState } from 'react';
import type { CaseSummary } from '../../../shared/model/case.js';
import type { CtdnaSeries } from '../../../shared/model/ctdna.js';
import { api } from '../../api/index.js';
import { usePaneReport } from '../../layout/paneContext.js';
import { PaneEmpty, PaneError, PaneLoading } from '../../layout/PaneStates.js';
import { AlertIcon, ChartIcon } from '../../ui/icons.js';
import { formatDate, formatSig, plural } from '../../util/format.js';
import { useAsync } from '../../util/useAsync.js';
import type { CasePaneProps } from '../types.js';
import { STATUS_TEXT, buildChartModel } from './chartModel.js';
import { CtdnaChart } from './CtdnaChart.js';
import { Legend } from './Legend.js';
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
  return <LoadedCtdna key={version} series={series.value} />;
}

function LoadedCtdna({ series }: { series: CtdnaSeries }) {
  const model = useMemo(() => buildChartModel(series), [series]);
  const [scale, setScale] = useState<'log' | 'linear'>('log');
  const latest = model.latest;
  const warnings = [
    ...series.warnings,
    ...(model.skipped ? [`${plural(model.skipped, 'row')} without a readable date were left out.`] : []),
  ];

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
            <span className="muted tabular"> · {formatDate(latest.t)}</span>
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        <div className="segmented" role="group" aria-label="Value scale">
          <button
            type="button"
            className={`seg-btn${scale === 'log' ? ' active' : ''}`}
            aria-pressed={scale === 'log'}
            onClick={() => setScale('log')}
            data-testid="ctdna-scale-log"
          >
            Log
          </button>
          <button
            type="button"
            className={`seg-btn${scale === 'linear' ? ' active' : ''}`}
            aria-pressed={scale === 'linear'}
            onClick={() => setScale('linear')}
            data-testid="ctdna-scale-linear"
          >
            Linear
          </button>
        </div>
      </div>
      <div className="ctdna-body">
        <CtdnaChart model={model} scale={scale} />
      </div>
      <Legend model={model} />
      {warnings.length ? (
        <footer className="pane-status">
          <span className="status-warning" title={warnings.join('\n')}>
            <AlertIcon /> {plural(warnings.length, 'warning')}
          </span>
          <span className="status-ellipsis">{warnings[0]}</span>
        </footer>
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
