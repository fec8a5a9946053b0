/** The VOI window of a 16-bit monochrome slide: centre and width over the data's range. */
import type { PixelWindow } from '../../../shared/model/slide.js';
import { CloseIcon } from '../../ui/icons.js';

export function WindowPanel({
  value,
  range,
  onChange,
  onReset,
  onClose,
}: {
  value: PixelWindow;
  range: { min: number; max: number };
  onChange(value: PixelWindow): void;
  onReset(): void;
  onClose(): void;
}) {
  const span = Math.max(1, range.max - range.min);
  const low = Math.floor(range.min - span * 0.25);
  const high = Math.ceil(range.max + span * 0.25);
  const step = span > 200 ? 1 : span > 20 ? 0.5 : 0.1;
  return (
    <div className="floating-panel window-panel" role="dialog" aria-label="Window" data-testid="slide-window-panel">
      <header className="floating-header">
        <span>Window (16-bit data)</span>
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Close">
          <CloseIcon />
        </button>
      </header>
      <p className="floating-note tabular">
        Data range {range.min} – {range.max}
      </p>
      <label className="window-row">
        <span>Centre</span>
        <input
          type="range"
          min={low}
          max={high}
          step={step}
          value={value.center}
          onChange={(e) => onChange({ ...value, center: Number(e.target.value) })}
          data-testid="slide-window-center"
        />
        <span className="tabular">{Number(value.center.toFixed(1))}</span>
      </label>
      <label className="window-row">
        <span>Width</span>
        <input
          type="range"
          min={1}
          max={Math.max(2, span * 2)}
          step={step}
          value={value.width}
          onChange={(e) => onChange({ ...value, width: Math.max(1, Number(e.target.value)) })}
          data-testid="slide-window-width"
        />
        <span className="tabular">{Number(value.width.toFixed(1))}</span>
      </label>
      <div className="channel-actions">
        <button type="button" className="btn ghost small" onClick={onReset} data-testid="slide-window-reset">
          Default
        </button>
      </div>
    </div>
  );
}
