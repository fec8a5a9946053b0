/**
 * A header button with an icon and a label. The label gives way to the icon alone when the window
 * is narrow ('soon' first, then 'late'), so the patient block keeps its room; the button keeps its
 * name (aria-label) and says it in its tooltip.
 */
import type { ReactNode } from 'react';

export function HeaderAction({
  icon,
  label,
  title,
  compact = 'late',
  className = '',
  ...button
}: {
  icon: ReactNode;
  label: string;
  title?: string;
  /** When the label is dropped as the window narrows. */
  compact?: 'soon' | 'late';
  className?: string;
  onClick(): void;
  disabled?: boolean;
  'aria-pressed'?: boolean;
  'data-testid': string;
}) {
  return (
    <button type="button" className={`btn header-action ${className}`} aria-label={label} title={title ?? label} {...button}>
      {icon}
      <span className={`btn-label compact-${compact}`}>{label}</span>
    </button>
  );
}
