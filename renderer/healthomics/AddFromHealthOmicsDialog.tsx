/**
 * "Add from HealthOmics", in three tabs: the patient's read sets in a sequence store (filtered by
 * subject and sample at HealthOmics, paged), each with its type, sample, status and reference;
 * archived read sets shown as such with the command that activates them. Workflow runs (name,
 * status, run group, tags) and their outputs; references. What is ticked in any tab is added to
 * the case's case.json `healthOmics` section; "Make available offline" then copies everything
 * the case names to the cache.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { AwsConnection } from '../../shared/model/aws.js';
import type { ReadSetSummary, SequenceStore } from '../../shared/model/healthOmics.js';
import { api, asTriptychError, type TriptychError } from '../api/index.js';
import { Dialog } from '../app/Dialog.js';
import { AwsConnectionPicker } from '../aws/AwsConnectionPicker.js';
import { TaskProgress } from '../tasks/TaskProgress.js';
import { useTask } from '../tasks/useTasks.js';
import type { Choice } from './choice.js';
import { ReferencesTab } from './ReferencesTab.js';
import { RunsTab } from './RunsTab.js';
import './healthomics.css';

type Tab = 'read-sets' | 'runs' | 'references';
const TABS: Array<[Tab, string]> = [
  ['read-sets', 'Read sets'],
  ['runs', 'Workflow runs'],
  ['references', 'References'],
];

export function AddFromHealthOmicsDialog({
  open,
  onClose,
  connection,
  onConnection,
  subjectId,
}: {
  open: boolean;
  onClose(): void;
  connection: AwsConnection | null;
  onConnection(connection: AwsConnection): void;
  /** The case's patient id: the read sets' subject id, as a first filter. */
  subjectId?: string;
}) {
  const [stores, setStores] = useState<SequenceStore[] | null>(null);
  const [storeId, setStoreId] = useState('');
  const [subject, setSubject] = useState(subjectId ?? '');
  const [sample, setSample] = useState('');
  const [readSets, setReadSets] = useState<ReadSetSummary[]>([]);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [tab, setTab] = useState<Tab>('read-sets');
  const choice: Choice = {
    has: (url) => chosen.has(url),
    set: (url, on, label) => {
      setChosen((set) => {
        const next = new Set(set);
        if (on) next.add(url);
        else next.delete(url);
        return next;
      });
      if (label) setLabels((l) => ({ ...l, [url]: label }));
    },
  };
  const [error, setError] = useState<TriptychError | null>(null);
  const [busy, setBusy] = useState(false);
  const [taskId, setTaskId] = useState<string | null>(null);
  const task = useTask(taskId);
  const [active, setActive] = useState<AwsConnection | null>(null);

  useEffect(() => setSubject(subjectId ?? ''), [subjectId]);

  // What the case already names in HealthOmics, and what of it could not be opened (and why).
  const [status, setStatus] = useState<{ urls: string[]; problems: Array<{ url: string; message: string }> } | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    api.call('healthOmics.caseStatus', {}).then(
      (s) => live && setStatus(s),
      () => live && setStatus(null),
    );
    return () => {
      live = false;
    };
  }, [open, taskId]);

  const forgetListings = () => {
    setActive(null);
    setStores(null);
    setReadSets([]);
    setNextToken(null);
    setChosen(new Set());
    setLabels({});
    setError(null);
  };

  const fail = (e: unknown) => setError(asTriptychError(e));

  const loadStores = async (c: AwsConnection) => {
    setError(null);
    setStores(null);
    try {
      const list = await api.call('healthOmics.sequenceStores', { connection: c });
      setStores(list);
      setStoreId((id) => (list.some((s) => s.id === id) ? id : (list[0]?.id ?? '')));
    } catch (e) {
      fail(e);
    }
  };

  const search = async (more: boolean) => {
    if (!active || !storeId) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api.call('healthOmics.readSets', {
        connection: active,
        sequenceStoreId: storeId,
        ...(subject.trim() ? { subjectId: subject.trim() } : {}),
        ...(sample.trim() ? { sampleId: sample.trim() } : {}),
        ...(more && nextToken ? { nextToken } : {}),
      });
      setReadSets((list) => (more ? [...list, ...page.readSets] : page.readSets));
      setNextToken(page.nextToken);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      const urls = [...chosen];
      const readSetLabels = Object.fromEntries(
        readSets.filter((r) => chosen.has(r.url) && r.name).map((r) => [r.url, `${r.name} (${r.sampleId ?? r.fileType})`]),
      );
      const chosenLabels = Object.fromEntries(Object.entries(labels).filter(([url]) => chosen.has(url)));
      await api.call('healthOmics.addToCase', { urls, labels: { ...chosenLabels, ...readSetLabels } });
      setChosen(new Set());
      setLabels({});
      setStatus(await api.call('healthOmics.caseStatus', {}));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const makeOffline = async () => {
    setError(null);
    try {
      setTaskId((await api.call('healthOmics.makeOffline', {})).task);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Dialog
      open={open}
      title="Add from HealthOmics"
      onClose={onClose}
      testId="healthomics-dialog"
      width={820}
      footer={
        <>
          <button type="button" className="btn" onClick={() => void makeOffline()} data-testid="healthomics-offline">
            Make available offline
          </button>
          <span className="toolbar-spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={chosen.size === 0 || busy}
            onClick={() => void add()}
            data-testid="healthomics-add"
          >
            Add {chosen.size || ''} to case
          </button>
        </>
      }
    >
      <AwsConnectionPicker
        value={connection}
        onChange={onConnection}
        onIdentity={(identity) => {
          // Another profile or region chosen: what the previous one listed is another account's.
          if (!identity) return forgetListings();
          // The connection the identity was checked with (the environment's when none was saved).
          const checked = { profile: identity.profile, region: identity.region };
          setActive(checked);
          void loadStores(checked);
        }}
        testId="healthomics-connection"
      />
      <div className="ho-tabs" role="tablist" aria-label="HealthOmics data">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`ho-tab${tab === id ? ' selected' : ''}`}
            onClick={() => setTab(id)}
            data-testid={`ho-tab-${id}`}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'runs' ? <RunsTab connection={active} subjectId={subjectId} choice={choice} /> : null}
      {tab === 'references' ? <ReferencesTab connection={active} choice={choice} /> : null}
      {tab === 'read-sets' ? (
        <ReadSetsPanel>
          <form
            className="ho-filters"
            onSubmit={(e) => {
              e.preventDefault();
              void search(false);
            }}
          >
            <label>
              Sequence store
              <select
                className="input"
                value={storeId}
                onChange={(e) => setStoreId(e.target.value)}
                disabled={!stores?.length}
                data-testid="ho-store"
              >
                {(stores ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.id})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Subject
              <input
                className="input"
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                placeholder="subject id"
                data-testid="ho-subject"
              />
            </label>
            <label>
              Sample
              <input
                className="input"
                value={sample}
                onChange={(e) => setSample(e.target.value)}
                placeholder="any"
                data-testid="ho-sample"
              />
            </label>
            <button type="submit" className="btn" disabled={!active || !storeId || busy} data-testid="ho-search">
              Find read sets
            </button>
          </form>
          {error ? (
            <p className="ho-error" role="alert" data-testid="ho-error">
              {error.message}
            </p>
          ) : null}
          {stores && stores.length === 0 ? (
            <p className="ho-empty">No sequence store in this region for these credentials.</p>
          ) : null}
          {readSets.length ? (
            <table className="ho-table" data-testid="ho-read-sets">
              <thead>
                <tr>
                  <th aria-label="Add" />
                  <th>Name</th>
                  <th>Subject</th>
                  <th>Sample</th>
                  <th>Type</th>
                  <th>Status</th>
                  <th>Reference</th>
                </tr>
              </thead>
              <tbody>
                {readSets.map((r) => (
                  <tr key={r.url} data-testid="ho-read-set" data-status={r.status}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Add ${r.name ?? r.id}`}
                        disabled={!r.viewable}
                        checked={chosen.has(r.url)}
                        onChange={(e) => choice.set(r.url, e.target.checked)}
                      />
                    </td>
                    <td>{r.name ?? r.id}</td>
                    <td className="mono">{r.subjectId ?? '—'}</td>
                    <td className="mono">{r.sampleId ?? '—'}</td>
                    <td>{r.fileType}</td>
                    <td>
                      {r.status === 'ARCHIVED' ? (
                        <span className="ho-archived" title="Archived read sets are activated before they can be read">
                          Archived — activate with{' '}
                          <code>
                            aws omics start-read-set-activation-job --sequence-store-id {r.sequenceStoreId} --sources readSetId=
                            {r.id}
                          </code>
                        </span>
                      ) : (
                        r.status
                      )}
                    </td>
                    <td className="mono ho-ref">{r.reference ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : stores?.length ? (
            <p className="ho-empty">
              Choose a store and press “Find read sets”: the patient's BAM and CRAM read sets are listed here.
            </p>
          ) : null}
          {nextToken ? (
            <button type="button" className="btn small" onClick={() => void search(true)} disabled={busy} data-testid="ho-more">
              More read sets
            </button>
          ) : null}
        </ReadSetsPanel>
      ) : null}
      {status?.urls.length ? (
        <p className="ho-empty" data-testid="ho-case-count">
          This case names {status.urls.length} HealthOmics {status.urls.length === 1 ? 'file' : 'files'}.
        </p>
      ) : null}
      {status?.problems.map((p) => (
        <p key={p.url} className="ho-error" role="alert" data-testid="ho-case-problem">
          <span className="mono">{p.url}</span>: {p.message}
        </p>
      ))}
      {task ? <TaskProgress task={task} unit="bytes" /> : null}
    </Dialog>
  );
}

/** The read-sets tab's content (its own element, so the tab switch keeps each tab's state apart). */
function ReadSetsPanel({ children }: { children: ReactNode }) {
  return <div data-testid="ho-read-sets-tab">{children}</div>;
}
