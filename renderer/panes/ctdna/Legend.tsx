/** The chart's legend: every mark it uses, in the palette's colours, and nothing it does not use. */
import type { ReactNode } from 'react';
import { color, eventColor } from '../../theme/palette.js';
import { formatSig } from '../../util/format.js';
import type { ChartModel } from './chartModel.js';

export function Legend({ model, showVariants = false }: { model: ChartModel; showVariants?: boolean }) {
  const has = (kind: string) => model.points.some((p) => p.kind === kind);
  const hasEvent = (type: string) => model.lanes.some((l) => l.type === type);
  const items: Array<{ key: string; swatch: ReactNode; label: string }> = [];
  if (has('detected'))
    items.push({ key: 'det', label: 'Detected', swatch: <circle cx="7" cy="7" r="4.5" fill={color.detected} /> });
  if (has('notDetected'))
    items.push({
      key: 'nd',
      label: 'Not detected (<LOD, drawn at the LOD)',
      swatch: <circle cx="7" cy="7" r="4" fill="none" stroke={color.notDetected} strokeWidth="1.6" />,
    });
  if (has('notReportable'))
    items.push({
      key: 'ind',
      label: 'Indeterminate / QNS (not reportable)',
      swatch: <path d="M7 1.8 12.2 7 7 12.2 1.8 7Z" fill="none" stroke={color.indeterminate} strokeWidth="1.5" />,
    });
  if (model.points.some((p) => p.qualified))
    items.push({
      key: 'q',
      label: 'Qualified result',
      swatch: <circle cx="7" cy="7" r="5.5" fill="none" stroke="var(--text-muted)" strokeWidth="1.2" strokeDasharray="2,2" />,
    });
  if (model.leadTime)
    items.push({
      key: 'lead',
      label: 'Molecular lead time',
      swatch: <rect x="0" y="2" width="14" height="10" fill={color.detected} fillOpacity="0.22" />,
    });
  if (model.lod)
    items.push({
      key: 'lod',
      label: `Limit of detection${model.lodSteps.length > 1 ? '' : ` ${formatSig(model.lod, 2)} ${model.unit}`}`,
      swatch: <path d="M0 7h14" stroke={color.notDetected} strokeWidth="1.4" strokeDasharray="4,3" />,
    });
  if (hasEvent('treatment'))
    items.push({
      key: 'tx',
      label: 'Treatment',
      swatch: <rect x="0" y="3.5" width="14" height="7" rx="2" fill={eventColor.treatment} />,
    });
  if (hasEvent('surgery'))
    items.push({ key: 'sx', label: 'Surgery', swatch: <rect x="5.5" y="1" width="3" height="12" fill={eventColor.surgery} /> });
  if (hasEvent('biopsy'))
    items.push({ key: 'bx', label: 'Biopsy', swatch: <rect x="5.5" y="1" width="3" height="12" fill={eventColor.biopsy} /> });
  if (hasEvent('diagnosis'))
    items.push({
      key: 'dx',
      label: 'Diagnosis',
      swatch: <rect x="5.5" y="1" width="3" height="12" fill={eventColor.diagnosis} />,
    });
  if (hasEvent('imaging'))
    items.push({ key: 'img', label: 'Imaging', swatch: <rect x="2.5" y="2.5" width="9" height="9" fill={eventColor.imaging} /> });
  if (hasEvent('other'))
    items.push({ key: 'oth', label: 'Other', swatch: <rect x="2.5" y="2.5" width="9" height="9" fill={eventColor.other} /> });
  if (model.specimens.length)
    items.push({ key: 'sp', label: 'Tissue specimen', swatch: <path d="M7 2 12 11H2Z" fill="var(--text-muted)" /> });
  if (showVariants && model.variants.length && !has('detected'))
    items.push({ key: 'vaf', label: 'Variant VAF', swatch: <circle cx="7" cy="7" r="3" fill={color.detected} /> });
  return (
    <ul className="legend" aria-label="Legend" data-testid="ctdna-legend">
      {items.map((i) => (
        <li key={i.key}>
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            {i.swatch}
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}
