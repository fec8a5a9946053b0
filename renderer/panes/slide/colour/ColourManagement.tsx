/**
 * Colour management of a brightfield slide that carries an ICC profile (issue 8, "Colour"): the
 * toolbar toggle (key C) and the indicator on the stage, which says whether the colours on screen
 * are the profile's (converted to sRGB) or the stored values as they are.
 */
import type { SlideColour } from '../../../../shared/model/slideColour.js';
import { Icon, type IconProps } from '../../../ui/icons.js';

const ColourIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="6" cy="6" r="4" />
    <circle cx="10" cy="6" r="4" />
    <circle cx="8" cy="10" r="4" />
  </Icon>
);

export function ColourToggle({ colour, on, onToggle }: { colour: SlideColour; on: boolean; onToggle(): void }) {
  return (
    <button
      type="button"
      className={`icon-btn${on ? ' on' : ''}`}
      onClick={onToggle}
      aria-pressed={on}
      title={`Colour management (C): ${on ? 'on' : 'off'} — the slide's ICC profile “${colour.description}” converted to sRGB`}
      aria-label="Colour management"
      data-testid="colour-toggle"
    >
      <ColourIcon />
    </button>
  );
}

export function ColourIndicator({ colour, on }: { colour: SlideColour; on: boolean }) {
  return (
    <div
      className={`colour-indicator${on ? ' on' : ''}`}
      data-testid="colour-indicator"
      data-state={on ? 'managed' : 'stored'}
      title={on ? `Shown through the ICC profile “${colour.description}” (${colour.profileBytes} bytes), converted to sRGB` : ''}
    >
      {on ? `ICC: ${colour.description}` : 'Colour as stored (ICC off)'}
    </div>
  );
}
