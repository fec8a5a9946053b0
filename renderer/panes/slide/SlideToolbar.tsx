/**
 * The slide view's toolbar, one row that never wraps in the default layout, the rarer tools under
 * "More tools" (⋯), a panel over the slide that closes on a click elsewhere or Escape. Every
 * button names its key in its tooltip.
 *
 * One slide: fit and zoom, the readout, the ruler, rotation, the focal plane, channels and window,
 * the caller's tools (colour, annotation tools, the list), full screen; under More tools the
 * magnification presets, flip, the caller's rarer tools (class, undo/redo), the navigator,
 * associated images, the label and details.
 *
 * Compact (each half of two slides side by side): fit, zoom, the readout, ruler, rotation and the
 * caller's main tools; the rest, the focal plane and channels and full screen too, under More tools.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PixelWindow } from '../../../shared/model/slide.js';
import { FitIcon, ImageIcon, InfoIcon, LabelIcon, NavigatorIcon, ZoomInIcon, ZoomOutIcon } from '../../ui/icons.js';
import { MAG_PRESETS, formatMagnification } from './scale.js';
import { ChannelsIcon, ContrastIcon, FlipIcon, FullscreenIcon, MoreIcon, RotateIcon, RulerIcon } from './slideIcons.js';
import type { ViewportActions } from './viewportActions.js';

export type Popover = null | 'images' | 'label' | 'info' | 'channels' | 'window';

export type SlideToolbarProps = {
  actions: ViewportActions;
  /** Magnification shown now, and at full resolution (null: unknown). */
  mag: number | null;
  base: number | null;
  hasSpacing: boolean;
  ruler: boolean;
  onToggleRuler(): void;
  rotation: number;
  onRotate(by: number): void;
  flipped: boolean;
  onFlip(): void;
  focalPlanes: number;
  plane: number;
  onPlane(z: number): void;
  paths: number;
  fluorescence: boolean;
  pixelWindow: PixelWindow | null;
  popover: Popover;
  onToggle(p: Popover): void;
  failedTiles: number;
  sparse: boolean;
  navigator: boolean;
  onToggleNavigator(): void;
  hasImages: boolean;
  hasLabel: boolean;
  board: boolean;
  fullscreen: boolean;
  onToggleFullscreen(): void;
  /** The caller's tools in the row, after the view's own (colour, the annotation tools). */
  children?: ReactNode;
  /** One of two slides side by side: fewer tools in the row. */
  compact?: boolean;
  /** The caller's tools that go under "More tools". */
  more?: ReactNode;
};

export function SlideToolbar(p: SlideToolbarProps) {
  const { actions, mag, base, popover } = p;
  const fitAndZoom = (
    <>
      <button
        type="button"
        className="icon-btn"
        onClick={actions.fit}
        title="Fit the slide (0)"
        aria-label="Fit the slide"
        data-testid="slide-fit"
      >
        <FitIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={() => actions.zoomBy(1 / 1.5)}
        title="Zoom out (−)"
        aria-label="Zoom out"
        data-testid="slide-zoom-out"
      >
        <ZoomOutIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={() => actions.zoomBy(1.5)}
        title="Zoom in (+)"
        aria-label="Zoom in"
        data-testid="slide-zoom-in"
      >
        <ZoomInIcon />
      </button>
    </>
  );
  const presets = (
    <>
      <div className="mag-presets" role="group" aria-label="Magnification">
        {MAG_PRESETS.map((m, i) => {
          const active = mag !== null && Math.abs(mag - m) / m < 0.03;
          return (
            <button
              key={m}
              type="button"
              className={`seg-btn${active ? ' active' : ''}`}
              onClick={() => actions.goToMagnification(m)}
              disabled={base === null}
              aria-pressed={active}
              title={base === null ? 'The slide does not give its pixel spacing' : `${m}× (${i + 1})`}
              data-testid={`slide-mag-${m}`}
            >
              {m}×
            </button>
          );
        })}
      </div>
    </>
  );
  const readout = (
    <>
      <span
        className="mag-readout tabular"
        data-testid="slide-magnification"
        title="Objective-equivalent magnification (0.25 µm/px ≈ 40×)"
      >
        {formatMagnification(mag)}
      </span>
    </>
  );
  const rulerButton = (
    <>
      <button
        type="button"
        className={`icon-btn${p.ruler ? ' on' : ''}`}
        onClick={p.onToggleRuler}
        aria-pressed={p.ruler}
        disabled={!p.hasSpacing}
        title={
          p.hasSpacing ? 'Measure a distance: drag on the slide (M; Escape cancels)' : 'The slide does not give its pixel spacing'
        }
        aria-label="Ruler"
        data-testid="slide-ruler"
      >
        <RulerIcon />
      </button>
    </>
  );
  const rotateButton = (
    <>
      <button
        type="button"
        className="icon-btn"
        onClick={() => p.onRotate(90)}
        title={`Rotate 90° (Shift+R)${p.rotation ? ` — now ${p.rotation}°` : ''}`}
        aria-label="Rotate 90 degrees"
        data-testid="slide-rotate"
        data-rotation={p.rotation}
      >
        <RotateIcon />
      </button>
    </>
  );
  const flipButton = (
    <>
      <button
        type="button"
        className={`icon-btn${p.flipped ? ' on' : ''}`}
        onClick={p.onFlip}
        aria-pressed={p.flipped}
        title="Flip horizontally (H)"
        aria-label="Flip horizontally"
        data-testid="slide-flip"
      >
        <FlipIcon />
      </button>
    </>
  );
  const viewExtras = (
    <>
      {p.focalPlanes > 1 ? (
        <label className="focal-control" title="Focal plane (Page Up / Page Down)">
          <span className="toolbar-label">Z</span>
          <input
            type="range"
            min={0}
            max={p.focalPlanes - 1}
            step={1}
            value={p.plane}
            onChange={(e) => p.onPlane(Number(e.target.value))}
            aria-label="Focal plane"
            data-testid="slide-focal"
          />
          <span className="tabular small" data-testid="slide-focal-readout">
            {p.plane + 1}/{p.focalPlanes}
          </span>
        </label>
      ) : null}
      {p.paths > 1 ? (
        <button
          type="button"
          className={`btn ghost small${popover === 'channels' ? ' on' : ''}`}
          onClick={() => p.onToggle('channels')}
          aria-pressed={popover === 'channels'}
          title={p.fluorescence ? 'Channels: show, hide, colour' : 'Optical paths'}
          data-testid="slide-channels"
        >
          <ChannelsIcon /> {p.fluorescence ? 'Channels' : 'Paths'}
        </button>
      ) : null}
      {p.pixelWindow ? (
        <button
          type="button"
          className={`icon-btn${popover === 'window' ? ' on' : ''}`}
          onClick={() => p.onToggle('window')}
          aria-pressed={popover === 'window'}
          title={`Window: centre ${round(p.pixelWindow.center)}, width ${round(p.pixelWindow.width)}`}
          aria-label="Brightness and contrast window"
          data-testid="slide-window"
        >
          <ContrastIcon />
        </button>
      ) : null}
    </>
  );
  const warning = (
    <>
      {p.failedTiles > 0 && !p.sparse ? (
        <span className="toolbar-warning" title="Some tiles could not be loaded (missing in a sparse level, or a read error)">
          {p.failedTiles} tile{p.failedTiles === 1 ? '' : 's'} not loaded
        </span>
      ) : null}
    </>
  );
  const rightTools = (
    <>
      <button
        type="button"
        className="icon-btn"
        onClick={p.onToggleNavigator}
        aria-pressed={p.navigator}
        title={p.navigator ? 'Hide the overview navigator' : 'Show the overview navigator'}
        aria-label="Overview navigator"
        data-testid="slide-navigator-toggle"
      >
        <NavigatorIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={() => p.onToggle('images')}
        aria-pressed={popover === 'images'}
        disabled={!p.hasImages}
        title={p.hasImages ? 'Thumbnail and overview' : 'This slide has no thumbnail or overview image'}
        aria-label="Thumbnail and overview"
        data-testid="slide-images"
      >
        <ImageIcon />
      </button>
      <button
        type="button"
        className={`btn ghost small${popover === 'label' ? ' on' : ''}`}
        onClick={() => p.onToggle('label')}
        aria-pressed={popover === 'label'}
        disabled={!p.hasLabel || p.board}
        title={
          p.board
            ? 'The label stays hidden in tumor-board mode'
            : p.hasLabel
              ? 'The slide label can carry the patient name: shown only on request'
              : 'This slide has no label image'
        }
        data-testid="slide-show-label"
      >
        <LabelIcon /> {popover === 'label' ? 'Hide label' : 'Show label'}
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={() => p.onToggle('info')}
        aria-pressed={popover === 'info'}
        title="Slide details"
        aria-label="Slide details"
        data-testid="slide-info"
      >
        <InfoIcon />
      </button>
    </>
  );
  const fullscreenButton = (
    <>
      <button
        type="button"
        className={`icon-btn${p.fullscreen ? ' on' : ''}`}
        onClick={p.onToggleFullscreen}
        aria-pressed={p.fullscreen}
        title={p.fullscreen ? 'Leave full screen (F)' : 'Full screen (F)'}
        aria-label="Full screen"
        data-testid="slide-fullscreen"
      >
        <FullscreenIcon />
      </button>
    </>
  );
  if (p.compact)
    return (
      <div className="pane-toolbar slide-toolbar compact" role="toolbar" aria-label="Slide view">
        {fitAndZoom}
        {readout}
        {rulerButton}
        {rotateButton}
        {p.children}
        <span className="toolbar-spacer" />
        {warning}
        <MoreTools title="More tools: magnification, flip, annotation tools, overview, label, details, full screen">
          {presets}
          {flipButton}
          {viewExtras}
          {p.more}
          <span className="toolbar-sep" />
          {rightTools}
          {fullscreenButton}
        </MoreTools>
      </div>
    );
  return (
    <div className="pane-toolbar slide-toolbar" role="toolbar" aria-label="Slide view">
      {fitAndZoom}
      <span className="toolbar-sep" />
      {readout}
      {rulerButton}
      {rotateButton}
      {viewExtras}
      {p.children}
      <span className="toolbar-spacer" />
      {warning}
      {fullscreenButton}
      <MoreTools title="More tools: magnification presets, flip, annotation class, undo and redo, navigator, overview, label, details">
        {presets}
        {flipButton}
        {p.more}
        <span className="toolbar-sep" />
        {rightTools}
      </MoreTools>
    </div>
  );
}

/** The "More tools" button of a compact toolbar and its panel. */
function MoreTools({ title, children }: { title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open]);
  return (
    <span className="toolbar-more" ref={box}>
      <button
        type="button"
        className={`icon-btn${open ? ' on' : ''}`}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-haspopup="true"
        title={title}
        aria-label="More tools"
        data-testid="slide-more-tools"
      >
        <MoreIcon />
      </button>
      {open ? (
        <div className="toolbar-more-panel" role="group" aria-label="More slide tools" data-testid="slide-more-panel">
          {children}
        </div>
      ) : null}
    </span>
  );
}

const round = (v: number) => Math.round(v * 10) / 10;
