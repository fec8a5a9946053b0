/**
 * The "Workflow runs" tab of Add from HealthOmics: the account's runs (ListRuns), each filled in
 * with its run group and tags (GetRun), the patient's runs first chosen by a tag whose value is
 * the case's patient id; a run's outputs (its S3 folder) listed on demand. A run and its variant
 * outputs (VCF, MAF, SEG; their index comes with them) can be added to the case.
 */
import { useEffect, useState } from 'react';
import type { AwsConnection } from '../../shared/model/aws.js';
import type { RunOutput, RunSummary } from '../../shared/model/healthOmics.js';
import { api, asTriptychError, type TriptychError } from '../api/index.js';
import type { Choice } from './choice.js';

type Details = RunSummary & { outputs?: RunOutput[] };

export function RunsTab({
  connection,
  subjectId,
  choice,
}: {
  connection: AwsConnection | null;
  subjectId?: string;
  choice: Choice;
}) {
  const [name, setName] = useState('');
  const [runs, setRuns] = useState<Details[] | null>(null);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [onlyPatient, setOnlyPatient] = useState(Boolean(subjectId));
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriptychError | null>(null);

  useEffect(() => setOnlyPatient(Boolean(subjectId)), [subjectId]);
  // Another connection (or none): the runs listed were another account's or region's.
  useEffect(() => {
    setRuns(null);
    setNextToken(null);
    setOpen(null);
    setError(null);
  }, [connection]);

  const search = async (more: boolean) => {
    if (!connection) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api.call('healthOmics.runs', {
        connection,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(more && nextToken ? { startingToken: nextToken } : {}),
      });
      // ListRuns says name and status; GetRun adds run group and tags (a few at a time: HealthOmics throttles).
      const detailed: Details[] = [];
      for (let i = 0; i < page.runs.length; i += 4) {
        const batch = page.runs.slice(i, i + 4);
        detailed.push(
          ...(await Promise.all(
            batch.map((r) =>
              api.call('healthOmics.run', { connection, runId: r.id, outputs: false }).then(
                // Not listed yet (outputs: false): undefined until "Outputs" lists them.
                ({ outputs: _notListed, ...run }): Details => run,
                () => r,
              ),
            ),
          )),
        );
      }
      setRuns((list) => (more && list ? [...list, ...detailed] : detailed));
      setNextToken(page.nextToken);
    } catch (e) {
      setError(asTriptychError(e));
    } finally {
      setBusy(false);
    }
  };

  const showOutputs = async (run: Details) => {
    if (!connection) return;
    if (open === run.url) return setOpen(null);
    setOpen(run.url);
    if (run.outputs) return;
    setError(null);
    try {
      const full = await api.call('healthOmics.run', { connection, runId: run.id });
      setRuns((list) => list?.map((r) => (r.url === run.url ? full : r)) ?? null);
    } catch (e) {
      setError(asTriptychError(e));
    }
  };

  const ofPatient = (r: Details) => !subjectId || Object.values(r.tags).includes(subjectId);
  const shown = (runs ?? []).filter((r) => !onlyPatient || ofPatient(r));

  return (
    <div data-testid="ho-runs-tab">
      <form
        className="ho-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void search(false);
        }}
      >
        <label>
          Run name
          <input
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="any"
            data-testid="ho-run-name"
          />
        </label>
        {subjectId ? (
          <label className="ho-check">
            <span>
              <input
                type="checkbox"
                checked={onlyPatient}
                onChange={(e) => setOnlyPatient(e.target.checked)}
                data-testid="ho-run-patient"
              />{' '}
              Only runs tagged <span className="mono">{subjectId}</span>
            </span>
          </label>
        ) : null}
        <button type="submit" className="btn" disabled={!connection || busy} data-testid="ho-run-search">
          Find runs
        </button>
      </form>
      {error ? (
        <p className="ho-error" role="alert" data-testid="ho-error">
          {error.message}
        </p>
      ) : null}
      {runs && shown.length === 0 ? (
        <p className="ho-empty">
          No run {onlyPatient && subjectId ? `tagged with ${subjectId}` : 'found'}
          {runs.length ? ` (${runs.length} other runs listed: untick the filter to see them)` : ''}.
        </p>
      ) : null}
      {shown.length ? (
        <table className="ho-table" data-testid="ho-runs">
          <thead>
            <tr>
              <th aria-label="Add" />
              <th>Name</th>
              <th>Status</th>
              <th>Run group</th>
              <th>Tags</th>
              <th aria-label="Outputs" />
            </tr>
          </thead>
          <tbody>
            {shown.flatMap((r) => [
              <tr key={r.url} data-testid="ho-run" data-status={r.status}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Add run ${r.name ?? r.id}`}
                    checked={choice.has(r.url)}
                    onChange={(e) => choice.set(r.url, e.target.checked, r.name ?? undefined)}
                  />
                </td>
                <td>
                  {r.name ?? r.id} <span className="mono ho-id">{r.id}</span>
                </td>
                <td>{r.status}</td>
                <td className="mono">{r.runGroupId ?? '—'}</td>
                <td className="ho-tags">
                  {Object.entries(r.tags).map(([k, v]) => (
                    <span key={k} className="ho-tag mono">
                      {k}={v}
                    </span>
                  ))}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => void showOutputs(r)}
                    aria-expanded={open === r.url}
                    data-testid="ho-run-outputs"
                  >
                    Outputs
                  </button>
                </td>
              </tr>,
              open === r.url ? (
                <tr key={`${r.url}#outputs`} className="ho-outputs-row">
                  <td />
                  <td colSpan={5}>
                    <RunOutputs run={r} choice={choice} />
                  </td>
                </tr>
              ) : null,
            ])}
          </tbody>
        </table>
      ) : !runs ? (
        <p className="ho-empty">Press “Find runs”: the account’s workflow runs are listed here, the patient’s first.</p>
      ) : null}
      {nextToken ? (
        <button type="button" className="btn small" onClick={() => void search(true)} disabled={busy} data-testid="ho-runs-more">
          More runs
        </button>
      ) : null}
    </div>
  );
}

function RunOutputs({ run, choice }: { run: Details; choice: Choice }) {
  if (!run.outputs) return <p className="ho-empty">Listing {run.outputUri ?? 'the outputs'}…</p>;
  if (run.outputs.length === 0) return <p className="ho-empty">No output in {run.outputUri ?? 'S3'}.</p>;
  return (
    <table className="ho-table ho-outputs" data-testid="ho-run-output-list">
      <tbody>
        {run.outputs.map((o) => (
          <tr key={o.url} data-testid="ho-run-output" data-role={o.role}>
            <td>
              <input
                type="checkbox"
                aria-label={`Add ${o.key}`}
                disabled={o.role !== 'variants'}
                title={
                  o.role === 'variants' ? undefined : o.role === 'index' ? 'An index comes with its file' : 'Not a variant file'
                }
                checked={choice.has(o.url)}
                onChange={(e) => choice.set(o.url, e.target.checked)}
              />
            </td>
            <td className="mono">{o.key}</td>
            <td className="tabular ho-size">{formatBytes(o.size)}</td>
            <td className="ho-role">{o.role}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const formatBytes = (n: number) =>
  n >= 2 ** 30
    ? `${(n / 2 ** 30).toFixed(1)} GiB`
    : n >= 2 ** 20
      ? `${(n / 2 ** 20).toFixed(1)} MiB`
      : `${(n / 1024).toFixed(1)} KiB`;
