/** Inline SVG icons (stroke-based, 16×16 grid, currentColor). Bundled: no icon font, no network. */
import type { ReactNode, SVGProps } from 'react';

export type IconProps = SVGProps<SVGSVGElement> & { title?: string };

/** The common frame of every icon; panes draw their own icons inside it. */
export function Icon({ title, children, ...rest }: IconProps & { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      focusable="false"
      {...rest}
    >
      {title ? <title>{title}</title> : null}
      {children}
    </svg>
  );
}

export const EyeIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8Z" />
    <circle cx="8" cy="8" r="2" />
  </Icon>
);
export const EyeOffIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6.2 3.8A6.4 6.4 0 0 1 8 3.5c4.1 0 6.5 4.5 6.5 4.5a11 11 0 0 1-1.9 2.4M4.1 4.9A11.3 11.3 0 0 0 1.5 8s2.4 4.5 6.5 4.5a6.3 6.3 0 0 0 3-.8" />
    <path d="M6.6 6.6a2 2 0 0 0 2.8 2.8M2 2l12 12" />
  </Icon>
);
export const SunIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1" />
  </Icon>
);
export const MoonIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />
  </Icon>
);
export const FolderOpenIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.5 12.5v-9a1 1 0 0 1 1-1h3l1.5 1.5h5a1 1 0 0 1 1 1V6" />
    <path d="M1.5 12.5 3.4 7a1 1 0 0 1 .9-.7h10.2l-2 6.2H1.5Z" />
  </Icon>
);
export const InfoIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 7.2V11.5M8 4.8v.1" />
  </Icon>
);
/** Collapse a pane (a panel with an arrow into its edge). */
export const CollapseIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M6 2.5v11M11 6 9 8l2 2" />
  </Icon>
);
export const MaximizeIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M9.5 2.5h4v4M6.5 13.5h-4v-4M13.5 2.5 9 7M2.5 13.5 7 9" />
  </Icon>
);
export const RestoreIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13.5 6.5h-4v-4M2.5 9.5h4v4M9.5 6.5 14 2M6.5 9.5 2 14" />
  </Icon>
);
export const ExpandIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M6 2.5v11M9 6l2 2-2 2" />
  </Icon>
);
export const ZoomInIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 3v10M3 8h10" />
  </Icon>
);
export const ZoomOutIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 8h10" />
  </Icon>
);
export const FitIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />
    <rect x="5.5" y="5.5" width="5" height="5" rx="0.5" />
  </Icon>
);
export const LabelIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2 3.5h8l4 4.5-4 4.5H2z" />
    <path d="M5 8h3" />
  </Icon>
);
export const ImageIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
    <circle cx="5.5" cy="6" r="1.2" />
    <path d="m1.5 11.5 4-3.5 3 2.5 2-1.5 4 3" />
  </Icon>
);
export const NavigatorIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
    <rect x="8" y="8" width="5" height="4" rx="0.5" />
  </Icon>
);
export const AlertIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 1.8 15 14H1L8 1.8Z" />
    <path d="M8 6.3v3.6M8 11.8v.1" />
  </Icon>
);
export const RetryIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13.5 8A5.5 5.5 0 1 1 11.8 4" />
    <path d="M13.5 2.2V5.5h-3.3" />
  </Icon>
);
export const SearchIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="7" cy="7" r="4.5" />
    <path d="m10.5 10.5 3.5 3.5" />
  </Icon>
);
export const CloseIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="m3.5 3.5 9 9M12.5 3.5l-9 9" />
  </Icon>
);
export const SlideIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.5" y="4.5" width="13" height="7" rx="1" />
    <path d="M5 4.5v7" />
    <ellipse cx="9.8" cy="8" rx="2.6" ry="1.8" />
  </Icon>
);
export const DnaIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 1.5c0 4.5 8 4.5 8 9v4M12 1.5c0 4.5-8 4.5-8 9v4" />
    <path d="M5.5 4h5M5.5 12h5M6.5 8h3" />
  </Icon>
);
export const ChartIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.5 14.5h13M2.5 11l3.5-4 3 2.5 5-6" />
  </Icon>
);
export const SortAscIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 12V4M4.5 7.5 8 4l3.5 3.5" />
  </Icon>
);
export const SortDescIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 4v8M4.5 8.5 8 12l3.5-3.5" />
  </Icon>
);
export const ScaleIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.5 8h13M1.5 6v4M14.5 6v4M8 7v2" />
  </Icon>
);
/** Tumor-board mode: a presentation screen on a stand. */
export const BoardIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.5" y="2" width="13" height="8.5" rx="1" />
    <path d="M8 10.5V13M5 14.5l3-1.5 3 1.5" />
  </Icon>
);
/** The one-page summary: a page with lines. */
export const SummaryIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3.5 1.5h6l3 3v10h-9Z" />
    <path d="M9.5 1.5v3h3M5.5 7.5h5M5.5 10h5M5.5 12.5h3" />
  </Icon>
);
/** Case notes: a pencil over a line. */
export const NotesIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10.5 2.5l3 3-7 7H3.5v-3Z" />
    <path d="M9 4l3 3M2 14.5h12" />
  </Icon>
);
