/** The selected variant in full: everything the narrow columns abbreviate. */
import { CloseIcon } from '../../ui/icons.js';
import { formatInt } from '../../util/format.js';
import type { VariantRow } from './VariantTable.js';

export function VariantDetail({ row, onClose }: { row: VariantRow; onClose(): void }) {
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
    ['Sample', row.sample],
  ];
  return (
    <section className="variant-detail" aria-label="Selected variant" data-testid="variant-detail">
      <header>
        <strong>{row.gene ?? 'Variant'}</strong> <span className="protein">{row.protein}</span>{' '}
        <span className="muted tabular">
          {row.chrom}:{row.pos.toLocaleString('en-US')}
        </span>
        <span className="toolbar-spacer" />
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
              <dd className={k === 'Alleles' || k.startsWith('HGVS') ? 'mono' : undefined}>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
