/** Icons of the slide pane's tools (same 16 × 16 stroke style as ui/icons.tsx). */
import { Icon, type IconProps } from '../../ui/icons.js';

export const RotateIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13.5 8A5.5 5.5 0 1 1 11.9 4.1" />
    <path d="M12.5 1.5v3h-3" />
  </Icon>
);
export const FlipIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 1.5v13" strokeDasharray="1.5 1.5" />
    <path d="M6 4 2 12h4zM10 4l4 8h-4z" />
  </Icon>
);
export const FullscreenIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4" />
  </Icon>
);
export const RulerIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="m1.5 11 9.5-9.5 3.5 3.5L5 14.5z" />
    <path d="m4 8.5 1.5 1.5M6 6.5l1 1M8 4.5l1.5 1.5" />
  </Icon>
);
export const ChannelsIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="6" cy="6" r="4" />
    <circle cx="10" cy="6" r="4" />
    <circle cx="8" cy="10" r="4" />
  </Icon>
);
export const ContrastIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 1.5v13A6.5 6.5 0 0 0 8 1.5Z" fill="currentColor" />
  </Icon>
);
export const LayersIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="m8 1.5 6.5 3.5L8 8.5 1.5 5z" />
    <path d="m1.5 8 6.5 3.5L14.5 8M1.5 11 8 14.5l6.5-3.5" />
  </Icon>
);
export const MoreIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="3" cy="8" r="1" />
    <circle cx="8" cy="8" r="1" />
    <circle cx="13" cy="8" r="1" />
  </Icon>
);
