/**
 * The whole-slide viewer: OpenSeadragon with our tile source (useOpenSeadragon; non-JPEG tiles
 * decoded in a pool of workers), our own toolbar (SlideToolbar; OSD's button images would be
 * fetched from its prefixUrl: its controls are off), a magnification readout with presets, a scale
 * bar, the navigator, rotation and flip, full screen, focal planes, optical paths (fluorescence
 * channels blended additively in pseudo-colour), a VOI window for 16-bit monochrome, a ruler in µm
 * (useRuler), annotations (useAnnotationLayer: tools, canvas overlay, list), and the slide's
 * associated images (the label hidden until asked for).
 *
 * Keyboard (when the viewer has focus): + / − zoom, 0 fit, arrows pan (Shift: further),
 * 1–4 go to 5× / 10× / 20× / 40×, Shift+R rotate 90° (R is QuPath's rectangle), H flip, F full
 * screen, M ruler, Escape cancels the measurement, Page Up / Page Down change the focal plane;
 * the annotation keys are listed in useAnnotationLayer.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PixelWindow, SlideInfo } from '../../../shared/model/slide.js';
import { useBoardMode } from '../../board/boardMode.js';
import { useAnnotationLayer } from './annotations/useAnnotationLayer.js';
import { AssociatedPanel } from './AssociatedPanel.js';
import { ChannelsPanel, type ChannelState } from './ChannelsPanel.js';
import { defaultChannelColour, isFluorescence } from './channels.js';
import { decoderPool } from './decode/decoderPool.js';
import type { LayerSpec } from './layers.js';
import { needsWorkers } from './osdTileSource.js';
import { buildPyramid } from './pyramid.js';
import { RulerOverlay } from './RulerOverlay.js';
import { baseMagnification, magnificationAt } from './scale.js';
import { ScaleBarOverlay } from './ScaleBarOverlay.js';
import { SlideInfoPanel } from './SlideInfoPanel.js';
import { SlideToolbar, type Popover } from './SlideToolbar.js';
import { imageToElement, useOpenSeadragon } from './useOpenSeadragon.js';
import { useRuler } from './useRuler.js';
import { viewportActions } from './viewportActions.js';
import { WindowPanel } from './WindowPanel.js';
import { webglRenderer } from './webgl.js';
import { useCurrentSession } from '../../session/caseSession.js';
import { useViewSession } from './useViewSession.js';
import type { SlideColour } from '../../../shared/model/slideColour.js';
import { ColourIndicator, ColourToggle } from './colour/ColourManagement.js';
import { registerSlideColour } from './colour/slideColourKey.js';
import { useColourOn } from './colour/colourChoice.js';
import type { SyncSide } from './compare/slideUnits.js';
import { RETRY_MS, useRemoteTiles } from './useRemoteTiles.js';

export type SlideViewerProps = {
  info: SlideInfo;
  onFatal(message: string): void;
  /** The data's range and default window of a 16-bit monochrome slide (null: no window). */
  defaultWindow: PixelWindow | null;
  dataRange: { min: number; max: number } | null;
  /** The slide's ICC profile → sRGB table (null: no profile). */
  colour?: SlideColour | null;
  /** Why the profile could not be applied (the slide is then shown as stored). */
  colourError?: string;
  /** Told the viewer once the slide is open (and null when it goes): the comparison syncs through it. */
  onView?(view: SyncSide | null): void;
};

export function SlideViewer({ info, onFatal, defaultWindow, dataRange, colour = null, colourError, onView }: SlideViewerProps) {
  const board = useBoardMode();
  const wrap = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const [navigator, setNavigator] = useState(true);
  const [popover, setPopover] = useState<Popover>(null);
  const restoredView = useCurrentSession()?.viewports?.[info.id];
  const [rotation, setRotation] = useState(0);
  const [flipped, setFlipped] = useState(false);
  const restoreOrientation = useCallback((r: number, f: boolean) => {
    setRotation(r);
    setFlipped(f);
  }, []);
  const [fullscreen, setFullscreen] = useState(false);
  const [plane, setPlane] = useState(0);
  const [pixelWindow, setPixelWindow] = useState<PixelWindow | null>(defaultWindow);

  const paths = info.opticalPaths.length ? info.opticalPaths : [{ id: '1' }];
  const fluorescence = isFluorescence(paths, info.pixelFormat?.samplesPerPixel);
  const [channels, setChannels] = useState<ChannelState[]>(() =>
    paths.map((path, index) => ({ visible: fluorescence || index === 0, colour: defaultChannelColour(path, index) })),
  );

  const pyramid = useMemo(() => buildPyramid(info, { thumbnail: !fluorescence }), [info, fluorescence]);
  const base = baseMagnification(pyramid.mpp, info.objectivePower);
  const drawer = useMemo(() => webglRenderer(), []);
  // A brightfield colour slide with an ICC profile: tiles go through the workers, which apply the
  // transform (decode/colourLut.ts) when it is on; on or off, the viewer is the same.
  const colourKey = useMemo(
    () => (colour && !fluorescence ? registerSlideColour(decoderPool(), info.id, colour) : null),
    [colour, fluorescence, info.id],
  );
  // Shared with the slide strip, whose thumbnail follows it.
  const [colourOn, toggleColour] = useColourOn(info.id);
  const decoding =
    needsWorkers(info.tileContentType, fluorescence ? { tint: [255, 255, 255] } : {}) || !!pixelWindow || !!colourKey;
  // In a TILED_SPARSE level absent tiles are expected (the host answers 404): do not count them.
  const sparse = info.levels.some((l) => l.tileCount < l.columns * l.rows);
  const level0 = [...info.levels].sort((a, b) => b.width - a.width)[0];
  const mppX = level0?.mppX ?? pyramid.mpp ?? undefined;
  const mppY = level0?.mppY ?? mppX;

  const layerSpecs = useMemo<LayerSpec[]>(() => {
    const render = (tint?: [number, number, number]) => ({
      ...(pixelWindow ? { window: pixelWindow } : {}),
      ...(info.pixelFormat?.photometricInterpretation === 'MONOCHROME1' ? { invert: true } : {}),
      ...(tint ? { tint } : {}),
      ...(colourKey && colourOn && !tint ? { colour: colourKey } : {}),
    });
    if (fluorescence) {
      return paths.map((_, index) => ({
        id: `path-${index}`,
        query: { z: plane, path: index },
        render: render(channels[index].colour),
        visible: channels[index].visible,
        composite: 'lighter' as const,
      }));
    }
    const shown = Math.max(
      0,
      channels.findIndex((c) => c.visible),
    );
    return [{ id: 'slide', query: { z: plane, path: shown }, render: render(), visible: true }];
  }, [
    fluorescence,
    paths.length,
    plane,
    channels,
    pixelWindow,
    info.pixelFormat?.photometricInterpretation,
    colourKey,
    colourOn,
  ]);

  const source = useMemo(
    () => ({
      pyramid,
      tileUrlTemplate: info.tileUrlTemplate,
      tileContentType: info.tileContentType,
      pixelFormat: info.pixelFormat,
      decoding,
      softwareDrawer: drawer.software,
    }),
    [pyramid, info.tileUrlTemplate, info.tileContentType, info.pixelFormat, decoding, drawer.software],
  );
  const { viewer, layers, view, opened, failedTiles } = useOpenSeadragon(container, source, layerSpecs, onFatal);
  const reachability = useRemoteTiles(viewer, !!info.remoteUrl);
  const { ruler, measure, setMeasure, toggle: toggleRuler, stop: stopRuler } = useRuler(viewer, layers);
  const actions = useMemo(() => viewportActions(viewer, layers, base), [viewer, layers, base]);
  const annotations = useAnnotationLayer({ info, viewer, layers, suspended: ruler, onToolChosen: stopRuler });
  useViewSession({
    slideId: info.id,
    viewer,
    layers,
    opened,
    restored: restoredView,
    onRestoreOrientation: restoreOrientation,
  });

  useEffect(() => {
    if (!onView || !viewer || !opened) return;
    onView({ viewer, layers, mppX: mppX ?? 1, mppY: mppY ?? mppX ?? 1 });
    return () => onView(null);
  }, [onView, viewer, opened, layers, mppX, mppY]);

  useEffect(() => {
    if (viewer?.navigator) viewer.navigator.element.style.display = navigator ? '' : 'none';
  }, [viewer, navigator, opened]);

  useEffect(() => {
    if (!viewer || !opened) return;
    viewer.viewport.setRotation(rotation);
    viewer.viewport.setFlip(flipped);
  }, [viewer, rotation, flipped, opened]);

  useEffect(() => {
    const onChange = () =>
      setFullscreen(!!document.fullscreenElement && document.fullscreenElement === paneElement(wrap.current));
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const rotate = useCallback((by: number) => setRotation((r) => (((r + by) % 360) + 360) % 360), []);
  const flip = useCallback(() => setFlipped((f) => !f), []);
  const toggleFullscreen = useCallback(() => {
    const pane = paneElement(wrap.current);
    if (!pane) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else void pane.requestFullscreen?.().catch(() => {});
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (annotations.onKey(e)) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    const step = e.shiftKey ? 0.4 : 0.12;
    const keys: Record<string, () => void> = {
      '+': () => actions.zoomBy(1.5),
      '=': () => actions.zoomBy(1.5),
      '-': () => actions.zoomBy(1 / 1.5),
      _: () => actions.zoomBy(1 / 1.5),
      '0': actions.fit,
      ArrowLeft: () => actions.panBy(-step, 0),
      ArrowRight: () => actions.panBy(step, 0),
      ArrowUp: () => actions.panBy(0, -step),
      ArrowDown: () => actions.panBy(0, step),
      '1': () => actions.goToMagnification(5),
      '2': () => actions.goToMagnification(10),
      '3': () => actions.goToMagnification(20),
      '4': () => actions.goToMagnification(40),
      R: () => rotate(90),
      h: flip,
      H: flip,
      f: toggleFullscreen,
      F: toggleFullscreen,
      m: toggleRuler,
      M: toggleRuler,
      ...(colourKey ? { c: toggleColour, C: toggleColour } : {}),
      Escape: () => {
        if (measure) setMeasure(null);
        else if (ruler) stopRuler();
        else setPopover(null);
      },
      PageUp: () => setPlane((z) => Math.min(info.focalPlanes - 1, z + 1)),
      PageDown: () => setPlane((z) => Math.max(0, z - 1)),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      e.stopPropagation();
      action();
    }
  };

  // One of two slides side by side (it reports its view to the sync): half the width, one row of tools.
  const compact = !!onView;
  const mag = magnificationAt(view.imageZoom, base);
  const hasLabel = info.associated.some((a) => a.type === 'LABEL');
  const hasImages = info.associated.some((a) => a.type !== 'LABEL');
  const toggle = (p: Popover) => setPopover((cur) => (cur === p ? null : p));
  const toScreen = (p: { x: number; y: number }) => imageToElement(layers.current, p);

  return (
    <div className="slide-viewer-wrap" ref={wrap}>
      <SlideToolbar
        actions={actions}
        mag={mag}
        base={base}
        hasSpacing={!!mppX}
        ruler={ruler}
        onToggleRuler={toggleRuler}
        rotation={rotation}
        onRotate={rotate}
        flipped={flipped}
        onFlip={flip}
        focalPlanes={info.focalPlanes}
        plane={plane}
        onPlane={setPlane}
        paths={paths.length}
        fluorescence={fluorescence}
        pixelWindow={pixelWindow}
        popover={popover}
        onToggle={toggle}
        failedTiles={failedTiles}
        sparse={sparse}
        navigator={navigator}
        onToggleNavigator={() => setNavigator((n) => !n)}
        hasImages={hasImages}
        hasLabel={hasLabel}
        board={board}
        fullscreen={fullscreen}
        onToggleFullscreen={toggleFullscreen}
        compact={compact}
        more={annotations.toolbar(compact ? 'drawing' : 'classAndHistory')}
      >
        {colour && colourKey ? <ColourToggle colour={colour} on={colourOn} onToggle={toggleColour} /> : null}
        {annotations.toolbar(compact ? 'list' : 'toolsAndList')}
      </SlideToolbar>

      <div className="slide-body" onKeyDown={onKeyDown}>
        <div className="slide-stage">
          <div
            ref={container}
            className={`slide-viewer${ruler ? ' measuring' : ''}${annotations.drawing ? ' drawing' : ''}`}
            data-testid="slide-viewer"
            data-ready={opened || undefined}
            data-drawer={drawer.software ? 'canvas' : 'webgl'}
            data-decoding={decoding ? 'workers' : 'browser'}
            tabIndex={-1}
            aria-label={`Slide ${info.name}. Keys: plus and minus zoom, 0 fits, arrows pan, 1 to 4 go to 5×, 10×, 20×, 40×, Shift+R rotates, H flips, F full screen, M measures${colourKey ? ', C switches colour management' : ''}; annotations: P polygon, R rectangle, E ellipse, L line, B brush, period point, S select, Ctrl+Z undo.`}
            role="application"
          />
          <RulerOverlay ruler={ruler} measure={measure} mppX={mppX} mppY={mppY} toScreen={toScreen} />
          <ScaleBarOverlay mpp={pyramid.mpp} imageZoom={view.imageZoom} />
          {colour && colourKey ? <ColourIndicator colour={colour} on={colourOn} /> : null}
          {reachability.offline ? (
            <div className="slide-offline" role="status" data-testid="slide-offline" title={reachability.reason}>
              Offline: tiles kept on this computer are shown, the others are grey and are asked for again every {RETRY_MS / 1000}{' '}
              s.
            </div>
          ) : null}
          {colourError ? (
            <div className="colour-indicator" data-testid="colour-indicator" data-state="error" title={colourError}>
              Colour as stored: {colourError}
            </div>
          ) : null}
          {popover === 'images' || (popover === 'label' && !board) ? (
            <AssociatedPanel
              info={info}
              which={popover === 'label' ? 'label' : 'images'}
              colour={colourKey && colourOn ? colourKey : null}
              onClose={() => setPopover(null)}
            />
          ) : null}
          {popover === 'info' ? (
            <SlideInfoPanel
              info={info}
              pyramid={pyramid}
              drawer={drawer}
              decoding={decoding ? decoderPool() : null}
              onClose={() => setPopover(null)}
            />
          ) : null}
          {popover === 'channels' ? (
            <ChannelsPanel
              paths={paths}
              fluorescence={fluorescence}
              channels={channels}
              onChange={setChannels}
              onClose={() => setPopover(null)}
            />
          ) : null}
          {popover === 'window' && pixelWindow ? (
            <WindowPanel
              value={pixelWindow}
              range={dataRange ?? { min: 0, max: 2 ** (info.pixelFormat?.bitsStored ?? 16) - 1 }}
              onChange={setPixelWindow}
              onReset={() => setPixelWindow(defaultWindow)}
              onClose={() => setPopover(null)}
            />
          ) : null}
        </div>
        {annotations.panel}
      </div>
    </div>
  );
}

/** The element made full screen: the whole slide pane (toolbar, strip and stage). */
function paneElement(from: HTMLElement | null): HTMLElement | null {
  return (from?.closest('.slide-pane') as HTMLElement | null) ?? from;
}
