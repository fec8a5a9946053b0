/** The selected variant in full: everything the narrow columns abbreviate, and its INFO fields. */
import { CloseIcon } from '../../ui/icons.js';
import { formatInt } from '../../util/format.js';
import { variantFlagKey } from '../../../shared/model/notes.js';
import { useFlaggedKeys, variantFlags } from '../../flags/flagsStore.js';
import type { VariantRow } from './tableModel.js';

export function VariantDetail({ row, hidden, onClose }: { row: VariantRow; hidden: boolean; onClose(): void }) {
  const fields: Array<[string, string | undefined]> = [
    ['HGVSp', row.hgvsp],
    ['HGVSc', row.hgvsc],
    ['Consequence', row.consequence],
    ['Alleles', `${row.ref} › ${row.alt}`],
    ['VAF', row.vaf !== undefined ? `${(row.vaf * 100).toFixed(1)}%` : undefined],
    ['Depth', row.depth !== undefined ? formatInt(row.depth) : undefined],
    ['QUAL', row.qual !== undefined ? String(row.qual) : undefined],
    ['Filter', row.filter],
    ['ID', row.id],
    ['Sample', row.sampleLabel],
    ['File', row.fileName],
  ];
  const info = Object.entries(row.info ?? {});
  const flagged = useFlaggedKeys().has(variantFlagKey(row));
  return (
    <section className="variant-detail" aria-label="Selected variant" data-testid="variant-detail">
      <header>
        <strong className="gene">{row.gene ?? 'Variant'}</strong> <span className="protein">{row.protein}</span>{' '}
        <span className="muted tabular">{row.locus}</span>
        {hidden ? <span className="detail-hidden">hidden by the filters</span> : null}
        <span className="toolbar-spacer" />
        <button
          type="button"
          className={`btn small${flagged ? ' on' : ''}`}
          aria-pressed={flagged}
          onClick={() => void variantFlags.toggle(row)}
          title="Flag this variant for discussion at the tumor board"
          data-testid="variant-flag"
        >
          {flagged ? '⚑ For discussion' : '⚐ Flag for discussion'}
        </button>
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Clear the selection">
          <CloseIcon />
        </button>
      </header>
      <dl className="kv compact">
        {fields
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => (
            <div key={k} className="kv-pair">
              <dt>{k}</dt>
              <dd className={k === 'Alleles' || k.startsWith('HGVS') || k === 'ID' ? 'mono' : undefined}>{v}</dd>
            </div>
          ))}
      </dl>
      {info.length ? (
        <details className="detail-info">
          <summary>INFO and annotation fields ({info.length})</summary>
          <dl className="kv compact">
            {info.map(([k, v]) => (
              <div key={k} className="kv-pair">
                <dt title={k}>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </section>
  );
}
