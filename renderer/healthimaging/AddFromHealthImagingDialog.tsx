/**
 * "Add from HealthImaging": the patient's slide microscopy image sets in a data store, found by
 * patient id, accession number, study instance UID or study date (SearchImageSets, paged), each
 * with its study date, description and modality. Chosen image sets are added to the case's
 * case.json and appear in the slide pane; "Make available offline" then fetches every frame of
 * the levels chosen of the case's HealthImaging slides into the cache (progress, cancel, resume by
 * starting again: the service keeps the choice).
 */
import { useEffect, useState } from 'react';
import type { AwsConnection } from '../../shared/model/aws.js';
import type {
  Datastore,
  HealthImagingRef,
  ImageSetDetails,
  ImageSetSummary,
  OfflineSlidePlan,
} from '../../shared/model/healthImaging.js';
import { api, asTriptychError, type TriptychError } from '../api/index.js';
import { Dialog } from '../app/Dialog.js';
import { AwsConnectionPicker } from '../aws/AwsConnectionPicker.js';
import { TaskProgress } from '../tasks/TaskProgress.js';
import { useTask } from '../tasks/useTasks.js';
import { choiceOfPlan, OfflineLevelsPicker, type OfflineLevelChoice } from './OfflineLevelsPicker.js';
// The same dialog layout as "Add from HealthOmics".
import '../healthomics/healthomics.css';

type Criteria = {
  patientId: string;
  accessionNumber: string;
  studyInstanceUID: string;
  studyDateFrom: string;
  studyDateTo: string;
};

export function AddFromHealthImagingDialog({
  open,
  onClose,
  connection,
  onConnection,
  patientId,
  remoteSlideCount,
}: {
  open: boolean;
  onClose(): void;
  connection: AwsConnection | null;
  onConnection(connection: AwsConnection): void;
  /** The case's patient id, as a first filter. */
  patientId?: string;
  /** HealthImaging slides the case names already. */
  remoteSlideCount: number;
}) {
  const [stores, setStores] = useState<Datastore[] | null>(null);
  const [storeId, setStoreId] = useState('');
  const [criteria, setCriteria] = useState<Criteria>({
    patientId: patientId ?? '',
    accessionNumber: '',
    studyInstanceUID: '',
    studyDateFrom: '',
    studyDateTo: '',
  });
  const [imageSets, setImageSets] = useState<ImageSetSummary[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [nextToken, setNextToken] = useState<string | undefined>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<TriptychError | null>(null);
  const [busy, setBusy] = useState(false);
  const [taskId, setTaskId] = useState<string | null>(null);
  /** The case's HealthImaging slides and their levels, and which of those "Make available offline" fetches. */
  const [offlinePlan, setOfflinePlan] = useState<OfflineSlidePlan[] | null>(null);
  const [offlineChoice, setOfflineChoice] = useState<OfflineLevelChoice>({});
  const task = useTask(taskId);
  const taskState = task?.state;
  const [active, setActive] = useState<AwsConnection | null>(null);

  useEffect(() => setCriteria((c) => ({ ...c, patientId: patientId ?? '' })), [patientId]);

  // Listed again when slides are added and when a copy ends (what is kept offline changed).
  useEffect(() => {
    if (!open || remoteSlideCount === 0 || taskState === 'running') return;
    let live = true;
    api.call('healthImaging.offlinePlan', {}).then(
      (plan) => {
        if (!live) return;
        setOfflinePlan(plan);
        setOfflineChoice(choiceOfPlan(plan));
      },
      (e: unknown) => live && setError(asTriptychError(e)),
    );
    return () => {
      live = false;
    };
  }, [open, remoteSlideCount, taskState]);

  // The series description and size are in each image set's metadata only: fetched for the rows
  // shown, a few at a time (and kept in the cache, so opening the slide later is quicker).
  const [details, setDetails] = useState<Record<string, ImageSetDetails | 'failed'>>({});
  useEffect(() => {
    if (!active || !storeId) return;
    let live = true;
    const wanted = imageSets.map((s) => s.imageSetId).filter((id) => !(id in details));
    let next = 0;
    const worker = async () => {
      while (live && next < wanted.length) {
        const imageSetId = wanted[next++];
        const got = await api
          .call('healthImaging.imageSet', { connection: active, datastoreId: storeId, imageSetId })
          .catch(() => 'failed' as const);
        if (live) setDetails((d) => ({ ...d, [imageSetId]: got }));
      }
    };
    for (let i = 0; i < 4; i++) void worker();
    return () => {
      live = false;
    };
    // `details` is read to skip what is known, not to refetch when it changes.
  }, [imageSets, active, storeId]);

  const forgetListings = () => {
    setActive(null);
    setStores(null);
    setImageSets([]);
    setSkipped(0);
    setNextToken(undefined);
    setChosen(new Set());
    setDetails({});
    setError(null);
  };

  const fail = (e: unknown) => setError(asTriptychError(e));
  const set = (key: keyof Criteria) => (e: { target: { value: string } }) =>
    setCriteria((c) => ({ ...c, [key]: e.target.value }));

  const loadStores = async (c: AwsConnection) => {
    setError(null);
    setStores(null);
    try {
      const list = await api.call('healthImaging.datastores', { connection: c });
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
      const given = Object.fromEntries(
        Object.entries(criteria)
          .map(([k, v]) => [k, v.trim()] as const)
          .filter(([, v]) => v),
      );
      const page = await api.call('healthImaging.search', {
        connection: active,
        datastoreId: storeId,
        search: { ...given, ...(more && nextToken ? { nextToken } : {}) },
      });
      setImageSets((list) => (more ? [...list, ...page.imageSets] : page.imageSets));
      setSkipped((n) => (more ? n + page.skipped : page.skipped));
      setNextToken(page.nextToken);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const add = async () => {
    if (!active) return;
    setBusy(true);
    setError(null);
    try {
      const refs: HealthImagingRef[] = imageSets
        .filter((s) => chosen.has(s.imageSetId))
        .map((s) => ({
          source: 'healthimaging',
          region: active.region,
          datastoreId: storeId,
          imageSetId: s.imageSetId,
          ...(s.studyDescription || s.studyDate ? { label: [s.studyDescription, s.studyDate].filter(Boolean).join(', ') } : {}),
        }));
      await api.call('healthImaging.addToCase', { imageSets: refs });
      setChosen(new Set());
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const chosenLevels = Object.values(offlineChoice).reduce((n, levels) => n + levels.length, 0);
  const makeOffline = async () => {
    setError(null);
    try {
      const choice = Object.entries(offlineChoice).map(([slideId, levels]) => ({ slideId, levels }));
      setTaskId((await api.call('healthImaging.makeOffline', { choice })).task);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Dialog
      open={open}
      title="Add from HealthImaging"
      onClose={onClose}
      testId="healthimaging-dialog"
      width={880}
      footer={
        <>
          <button
            type="button"
            className="btn"
            onClick={() => void makeOffline()}
            disabled={remoteSlideCount === 0 || chosenLevels === 0 || taskState === 'running'}
            title="Fetch every frame of the chosen levels of the case's HealthImaging slides into the cache, so the case opens with no network"
            data-testid="healthimaging-offline"
          >
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
            data-testid="healthimaging-add"
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
          const checked = { profile: identity.profile, region: identity.region };
          setActive(checked);
          void loadStores(checked);
        }}
        testId="healthimaging-connection"
      />
      <form
        className="ho-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void search(false);
        }}
      >
        <label>
          Data store
          <select
            className="input"
            value={storeId}
            onChange={(e) => setStoreId(e.target.value)}
            disabled={!stores?.length}
            data-testid="hi-store"
          >
            {(stores ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.id.slice(0, 8)}…)
              </option>
            ))}
          </select>
        </label>
        <label>
          Patient ID
          <input className="input" value={criteria.patientId} onChange={set('patientId')} data-testid="hi-patient" />
        </label>
        <label>
          Accession
          <input
            className="input"
            value={criteria.accessionNumber}
            onChange={set('accessionNumber')}
            placeholder="any"
            data-testid="hi-accession"
          />
        </label>
        <label>
          Study UID
          <input
            className="input"
            value={criteria.studyInstanceUID}
            onChange={set('studyInstanceUID')}
            placeholder="any"
            data-testid="hi-study"
          />
        </label>
        <label>
          Study date from
          <input
            className="input"
            type="date"
            value={criteria.studyDateFrom}
            onChange={set('studyDateFrom')}
            data-testid="hi-date-from"
          />
        </label>
        <label>
          to
          <input
            className="input"
            type="date"
            value={criteria.studyDateTo}
            onChange={set('studyDateTo')}
            data-testid="hi-date-to"
          />
        </label>
        <button type="submit" className="btn" disabled={!storeId || busy} data-testid="hi-search">
          Find slides
        </button>
      </form>
      {error ? (
        <p className="ho-error" role="alert" data-testid="hi-error">
          {error.message}
        </p>
      ) : null}
      {stores && stores.length === 0 ? (
        <p className="ho-empty">No HealthImaging data store in this region for these credentials.</p>
      ) : null}
      {imageSets.length ? (
        <table className="ho-table" data-testid="hi-image-sets">
          <thead>
            <tr>
              <th aria-label="Add" />
              <th>Study date</th>
              <th>Study</th>
              <th>Series</th>
              <th>Modality</th>
              <th>Patient</th>
              <th>Accession</th>
              <th>Image set</th>
            </tr>
          </thead>
          <tbody>
            {imageSets.map((s) => (
              <tr key={s.imageSetId} data-testid="hi-image-set">
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Add image set ${s.imageSetId}`}
                    checked={chosen.has(s.imageSetId)}
                    onChange={(e) =>
                      setChosen((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(s.imageSetId);
                        else next.delete(s.imageSetId);
                        return next;
                      })
                    }
                  />
                </td>
                <td className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {s.studyDate ?? '—'}
                </td>
                <td>{s.studyDescription ?? '—'}</td>
                <td data-testid="hi-series">{seriesCell(details[s.imageSetId])}</td>
                <td>{s.modality ?? '—'}</td>
                <td className="mono">{s.patientId ?? '—'}</td>
                <td className="mono">{s.accessionNumber ?? '—'}</td>
                <td className="mono ho-ref">{s.imageSetId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : stores?.length ? (
        <p className="ho-empty">Choose a data store and press “Find slides”: the patient's whole-slide images are listed here.</p>
      ) : null}
      {skipped ? (
        <p className="ho-empty" data-testid="hi-skipped">
          {skipped} image {skipped === 1 ? 'set' : 'sets'} of other modalities (not slide microscopy) left out.
        </p>
      ) : null}
      {nextToken ? (
        <button type="button" className="btn small" onClick={() => void search(true)} disabled={busy} data-testid="hi-more">
          More image sets
        </button>
      ) : null}
      {remoteSlideCount ? (
        <p className="ho-empty" data-testid="hi-case-count">
          This case names {remoteSlideCount} HealthImaging {remoteSlideCount === 1 ? 'slide' : 'slides'}.
        </p>
      ) : null}
      {remoteSlideCount && offlinePlan?.length ? (
        <OfflineLevelsPicker plan={offlinePlan} choice={offlineChoice} onChange={setOfflineChoice} />
      ) : null}
      {task ? <TaskProgress task={task} unit="frames" /> : null}
    </Dialog>
  );
}

function seriesCell(details: ImageSetDetails | 'failed' | undefined): string {
  if (details === undefined) return '…';
  if (details === 'failed') return '—';
  const size = details.width && details.height ? `${details.width.toLocaleString()} × ${details.height.toLocaleString()} px` : '';
  return [details.seriesDescription, size].filter(Boolean).join(' · ') || '—';
}
