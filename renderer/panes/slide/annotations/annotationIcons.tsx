/** The annotation tools' icons (16×16, currentColor), in the frame of renderer/ui/icons. */
import { Icon, type IconProps } from '../../../ui/icons.js';

export const SelectIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 2.5v10l2.6-2.4 1.8 3.9 1.6-.8-1.8-3.8H12z" />
  </Icon>
);
export const PointIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="2.2" fill="currentColor" />
  </Icon>
);
export const LineIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 13 13 3" />
    <circle cx="3" cy="13" r="1.2" />
    <circle cx="13" cy="3" r="1.2" />
  </Icon>
);
export const RectangleIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2.5" y="4" width="11" height="8" rx="0.5" />
  </Icon>
);
export const EllipseIcon = (p: IconProps) => (
  <Icon {...p}>
    <ellipse cx="8" cy="8" rx="5.5" ry="4" />
  </Icon>
);
export const PolygonIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 5.5 8 2.5l5 3.5-1.5 6.5h-7z" />
  </Icon>
);
export const FreehandIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 11c1-4 3-7 5-6s-1 4 1 5 3-3 4-5" />
  </Icon>
);
export const ListIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M5.5 4h8M5.5 8h8M5.5 12h8" />
    <circle cx="2.8" cy="4" r="0.6" fill="currentColor" />
    <circle cx="2.8" cy="8" r="0.6" fill="currentColor" />
    <circle cx="2.8" cy="12" r="0.6" fill="currentColor" />
  </Icon>
);
export const UndoIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M5.5 3.5 2.5 6.5l3 3" />
    <path d="M2.5 6.5h7a4 4 0 0 1 0 8H7" />
  </Icon>
);
export const RedoIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="m10.5 3.5 3 3-3 3" />
    <path d="M13.5 6.5h-7a4 4 0 0 0 0 8H9" />
  </Icon>
);
