/**
 * The "References" tab of Add from HealthOmics: the reference stores of the region and their
 * references (name, status). The one added first becomes the genome's sequence of the case (else
 * the read sets' own reference is used).
 */
import { useEffect, useState } from 'react';
import type { AwsConnection } from '../../shared/model/aws.js';
import type { ReferenceSummary, SequenceStore } from '../../shared/model/healthOmics.js';
import { api, asTriptychError, type TriptychError } from '../api/index.js';
import type { Choice } from './choice.js';

export function ReferencesTab({ connection, choice }: { connection: AwsConnection | null; choice: Choice }) {
  const [stores, setStores] = useState<SequenceStore[] | null>(null);
  const [storeId, setStoreId] = useState('');
  const [references, setReferences] = useState<ReferenceSummary[] | null>(null);
  const [error, setError] = useState<TriptychError | null>(null);

  useEffect(() => {
    // Another connection (or none): what was listed belongs to another account or region.
    setStores(null);
    setReferences(null);
    setError(null);
    if (!connection) return;
    let live = true;
    api.call('healthOmics.referenceStores', { connection }).then(
      (list) => {
        if (!live) return;
        setStores(list);
        setStoreId((id) => (list.some((s) => s.id === id) ? id : (list[0]?.id ?? '')));
      },
      (e: unknown) => live && setError(asTriptychError(e)),
    );
    return () => {
      live = false;
    };
  }, [connection]);

  useEffect(() => {
    if (!connection || !storeId) return;
    let live = true;
    setReferences(null);
    setError(null);
    api.call('healthOmics.references', { connection, referenceStoreId: storeId }).then(
      (list) => live && setReferences(list),
      (e: unknown) => live && setError(asTriptychError(e)),
    );
    return () => {
      live = false;
    };
  }, [connection, storeId]);

  return (
    <div data-testid="ho-references-tab">
      <div className="ho-filters">
        <label>
          Reference store
          <select
            className="input"
            value={storeId}
            onChange={(e) => setStoreId(e.target.value)}
            disabled={!stores?.length}
            data-testid="ho-reference-store"
          >
            {(stores ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.id})
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? (
        <p className="ho-error" role="alert" data-testid="ho-error">
          {error.message}
        </p>
      ) : null}
      {!connection ? (
        <p className="ho-empty">Check the connection first: the region’s reference stores are listed here.</p>
      ) : null}
      {stores && stores.length === 0 ? (
        <p className="ho-empty">No reference store in this region for these credentials.</p>
      ) : null}
      {references?.length ? (
        <table className="ho-table" data-testid="ho-references">
          <thead>
            <tr>
              <th aria-label="Add" />
              <th>Name</th>
              <th>Status</th>
              <th>URL</th>
            </tr>
          </thead>
          <tbody>
            {references.map((r) => (
              <tr key={r.url} data-testid="ho-reference" data-status={r.status}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Add ${r.name ?? r.id}`}
                    disabled={r.status !== 'ACTIVE'}
                    checked={choice.has(r.url)}
                    onChange={(e) => choice.set(r.url, e.target.checked, r.name ?? undefined)}
                  />
                </td>
                <td>{r.name ?? r.id}</td>
                <td>{r.status}</td>
                <td className="mono ho-ref">{r.url}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : references ? (
        <p className="ho-empty">No reference in this store.</p>
      ) : null}
    </div>
  );
}
