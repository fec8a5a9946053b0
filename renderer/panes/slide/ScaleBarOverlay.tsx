/** The scale bar in the slide's bottom-left corner: a "nice" length at the current zoom. */
import { scaleBar } from './scale.js';

export function ScaleBarOverlay({ mpp, imageZoom }: { mpp: number | null; imageZoom: number }) {
  const bar = mpp && imageZoom > 0 ? scaleBar(mpp / imageZoom) : null;
  if (!bar) return null;
  return (
    <div className="scale-bar" data-testid="slide-scale-bar" aria-label={`Scale bar ${bar.label}`}>
      <div className="scale-bar-line" style={{ width: `${bar.px}px` }} />
      <div className="scale-bar-label tabular">{bar.label}</div>
    </div>
  );
}
