/** Optical paths: for fluorescence, each channel on/off with its pseudo-colour; otherwise pick one path. */
import type { OpticalPath } from '../../../shared/model/slide.js';
import { CloseIcon } from '../../ui/icons.js';
import { hexToRgb, rgbToHex, type Rgb } from './channels.js';

export type ChannelState = { visible: boolean; colour: Rgb };

export function ChannelsPanel({
  paths,
  fluorescence,
  channels,
  onChange,
  onClose,
}: {
  paths: OpticalPath[];
  fluorescence: boolean;
  channels: ChannelState[];
  onChange(channels: ChannelState[]): void;
  onClose(): void;
}) {
  const set = (index: number, patch: Partial<ChannelState>) =>
    onChange(
      channels.map((c, i) => (i === index ? { ...c, ...patch } : fluorescence || !patch.visible ? c : { ...c, visible: false })),
    );
  return (
    <div className="floating-panel channels-panel" role="dialog" aria-label="Channels" data-testid="slide-channels-panel">
      <header className="floating-header">
        <span>{fluorescence ? 'Channels (blended additively)' : 'Optical paths'}</span>
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Close">
          <CloseIcon />
        </button>
      </header>
      <ul className="channel-list">
        {paths.map((path, index) => (
          <li key={path.id} className="channel-row" data-testid={`slide-channel-${index}`}>
            <label className="channel-toggle">
              <input
                type={fluorescence ? 'checkbox' : 'radio'}
                name="optical-path"
                checked={channels[index].visible}
                onChange={(e) => set(index, { visible: e.target.checked })}
                data-testid={`slide-channel-${index}-toggle`}
              />
              <span className="channel-name">{path.description ?? `Path ${path.id}`}</span>
              {path.wavelength ? <span className="muted small tabular"> {path.wavelength} nm</span> : null}
            </label>
            {fluorescence ? (
              <input
                type="color"
                className="channel-colour"
                value={rgbToHex(channels[index].colour)}
                onChange={(e) => set(index, { colour: hexToRgb(e.target.value) })}
                aria-label={`Colour of ${path.description ?? `path ${path.id}`}`}
                data-testid={`slide-channel-${index}-colour`}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {fluorescence ? (
        <div className="channel-actions">
          <button
            type="button"
            className="btn ghost small"
            onClick={() => onChange(channels.map((c) => ({ ...c, visible: true })))}
          >
            All on
          </button>
        </div>
      ) : null}
    </div>
  );
}
