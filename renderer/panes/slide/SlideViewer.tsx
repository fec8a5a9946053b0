/**
 * The whole-slide viewer: OpenSeadragon with our tile source (non-JPEG tiles decoded in a pool of
 * workers), our own controls (OSD's button images would be fetched from its prefixUrl: its controls
 * are off), a magnification readout with presets, a scale bar, the navigator, rotation and flip,
 * full screen, focal planes, optical paths (fluorescence channels blended additively in
 * pseudo-colour), a VOI window for 16-bit monochrome, a ruler in µm, and the slide's associated
 * images (the label hidden until asked for).
 *
 * Keyboard (when the viewer has focus): + / − zoom, 0 fit, arrows pan (Shift: further),
 * 1–4 go to 5× / 10× / 20× / 40×, R rotate 90° (Shift+R back), H flip, F full screen, M ruler,
 * Escape cancels the measurement, Page Up / Page Down change the focal plane.
 */
import OpenSeadragon from 'openseadragon';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PixelWindow, SlideInfo } from '../../../shared/model/slide.js';
import { FitIcon, ImageIcon, InfoIcon, LabelIcon, NavigatorIcon, ZoomInIcon, ZoomOutIcon } from '../../ui/icons.js';
import { useBoardMode } from '../../board/boardMode.js';
import { AssociatedPanel } from './AssociatedPanel.js';
import { ChannelsPanel, type ChannelState } from './ChannelsPanel.js';
import { defaultChannelColour, isFluorescence } from './channels.js';
import { decoderPool } from './decode/decoderPool.js';
import { LayerManager, type LayerSpec } from './layers.js';
import { createTileSource, needsWorkers } from './osdTileSource.js';
import { buildPyramid } from './pyramid.js';
import {
  MAG_PRESETS,
  baseMagnification,
  formatMagnification,
  formatMeasurement,
  imageZoomFor,
  magnificationAt,
  measureUm,
  scaleBar,
} from './scale.js';
import { SlideInfoPanel } from './SlideInfoPanel.js';
import { ChannelsIcon, ContrastIcon, FlipIcon, FullscreenIcon, RotateIcon, RulerIcon } from './slideIcons.js';
import { WindowPanel } from './WindowPanel.js';
import { hex } from '../../theme/palette.js';
import { webglRenderer } from './webgl.js';

type View = { imageZoom: number; version: number };
type Popover = null | 'images' | 'label' | 'info' | 'channels' | 'window';
type Point = { x: number; y: number };
type Measure = { a: Point; b: Point; done: boolean };

export type SlideViewerProps = {
  info: SlideInfo;
  onFatal(message: string): void;
  /** The data's range and default window of a 16-bit monochrome slide (null: no window). */
  defaultWindow: PixelWindow | null;
  dataRange: { min: number; max: number } | null;
};

export function SlideViewer({ info, onFatal, defaultWindow, dataRange }: SlideViewerProps) {
  const board = useBoardMode();
  const wrap = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<OpenSeadragon.Viewer | null>(null);
  const layersRef = useRef<LayerManager | null>(null);
  const [view, setView] = useState<View>({ imageZoom: 0, version: 0 });
  const [opened, setOpened] = useState(false);
  const [failedTiles, setFailedTiles] = useState(0);
  const [navigator, setNavigator] = useState(true);
  const [popover, setPopover] = useState<Popover>(null);
  const [rotation, setRotation] = useState(0);
  const [flipped, setFlipped] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const [plane, setPlane] = useState(0);
  const [pixelWindow, setPixelWindow] = useState<PixelWindow | null>(defaultWindow);
  const [ruler, setRuler] = useState(false);
  const [measure, setMeasure] = useState<Measure | null>(null);

  const paths = info.opticalPaths.length ? info.opticalPaths : [{ id: '1' }];
  const fluorescence = isFluorescence(paths, info.pixelFormat?.samplesPerPixel);
  const [channels, setChannels] = useState<ChannelState[]>(() =>
    paths.map((path, index) => ({ visible: fluorescence || index === 0, colour: defaultChannelColour(path, index) })),
  );

  const pyramid = useMemo(() => buildPyramid(info, { thumbnail: !fluorescence }), [info, fluorescence]);
  const base = baseMagnification(pyramid.mpp, info.objectivePower);
  const drawer = useMemo(() => webglRenderer(), []);
  const decoding = needsWorkers(info.tileContentType, fluorescence ? { tint: [255, 255, 255] } : {}) || !!pixelWindow;
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
  }, [fluorescence, paths.length, plane, channels, pixelWindow, info.pixelFormat?.photometricInterpretation]);

  const measureRef = useRef({ ruler, setMeasure });
  measureRef.current = { ruler, setMeasure };
  const layerSpecsRef = useRef(layerSpecs);
  layerSpecsRef.current = layerSpecs;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const viewer = OpenSeadragon({
      element,
      drawer: drawer.software ? 'canvas' : ['webgl', 'canvas'],
      maxTilesPerFrame: 10,
      prefixUrl: '',
      showNavigationControl: false,
      showSequenceControl: false,
      showNavigator: true,
      navigatorPosition: 'BOTTOM_RIGHT',
      navigatorSizeRatio: 0.18,
      navigatorMaintainSizeRatio: true,
      navigatorAutoFade: false,
      navigatorBackground: '#2e2e2e',
      navigatorBorderColor: '#555',
      // The slide's surround is dark grey in both themes: the dark palette's accent reads on it.
      navigatorDisplayRegionColor: hex('dark', 'accent'),
      preserveImageSizeOnResize: true,
      visibilityRatio: 0.5,
      constrainDuringPan: true,
      minZoomImageRatio: 0.8,
      maxZoomPixelRatio: 2,
      animationTime: 0.45,
      blendTime: 0.1,
      immediateRender: false,
      imageLoaderLimit: 12,
      timeout: 30000,
      crossOriginPolicy: false,
      gestureSettingsMouse: {
        clickToZoom: false,
        dblClickToZoom: true,
        flickEnabled: false,
        scrollToZoom: true,
        pinchToZoom: false,
      },
      zoomPerScroll: 1.4,
      // Our keyboard map (onKeyDown) replaces OSD's, which also rotates and flips on R / F.
      keyboardNavEnabled: false,
    } as OpenSeadragon.Options);
    viewerRef.current = viewer;
    const pool = decoding ? decoderPool() : undefined;
    const layers = new LayerManager(viewer, (spec) =>
      createTileSource(pyramid, info.tileUrlTemplate, {
        query: spec.query,
        render: spec.render,
        contentType: info.tileContentType,
        pixelFormat: info.pixelFormat,
        pool,
      }),
    );
    layersRef.current = layers;

    let frame = 0;
    const sync = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const item = layers.reference;
        if (!item) return;
        const imageZoom = item.viewportToImageZoom(viewer.viewport.getZoom(true));
        setView((v) => ({ imageZoom, version: v.version + 1 }));
      });
    };
    viewer.addHandler('open', () => {
      setOpened(true);
      sync();
    });
    viewer.addHandler('open-failed', (e) =>
      onFatal(`The slide could not be opened: ${(e as { message?: string }).message ?? 'unknown error'}`),
    );
    viewer.addHandler('animation', sync);
    viewer.addHandler('viewport-change', sync);
    viewer.addHandler('resize', sync);
    viewer.addHandler('tile-load-failed', () => setFailedTiles((n) => n + 1));

    // The ruler: press, drag, release on the image (OSD's pan is held back while measuring).
    const toImage = (position: OpenSeadragon.Point): Point | null => {
      const item = layers.reference;
      if (!item) return null;
      const p = item.viewerElementToImageCoordinates(position);
      return { x: p.x, y: p.y };
    };
    type PointerEvent = { position: OpenSeadragon.Point; preventDefaultAction: boolean };
    viewer.addHandler('canvas-press', (e) => {
      if (!measureRef.current.ruler) return;
      const p = toImage((e as unknown as PointerEvent).position);
      if (p) measureRef.current.setMeasure({ a: p, b: p, done: false });
    });
    viewer.addHandler('canvas-drag', (e) => {
      if (!measureRef.current.ruler) return;
      const event = e as unknown as PointerEvent;
      event.preventDefaultAction = true;
      const p = toImage(event.position);
      if (p) measureRef.current.setMeasure((m) => (m && !m.done ? { ...m, b: p } : m));
    });
    viewer.addHandler('canvas-release', (e) => {
      if (!measureRef.current.ruler) return;
      const p = toImage((e as unknown as PointerEvent).position);
      measureRef.current.setMeasure((m) => (m && !m.done ? { a: m.a, b: p ?? m.b, done: true } : m));
    });
    viewer.addHandler('canvas-drag-end', (e) => {
      if (measureRef.current.ruler) (e as unknown as PointerEvent).preventDefaultAction = true;
    });

    layers.open(layerSpecsRef.current);

    return () => {
      if (frame) cancelAnimationFrame(frame);
      viewerRef.current = null;
      layersRef.current = null;
      viewer.destroy();
    };
    // onFatal is stable enough: it only reports. Layer changes go through update() below.
  }, [pyramid, info.tileUrlTemplate, info.tileContentType, info.pixelFormat, drawer.software, decoding]);

  useEffect(() => {
    if (opened) layersRef.current?.update(layerSpecs);
  }, [layerSpecs, opened]);

  useEffect(() => {
    const v = viewerRef.current;
    if (v?.navigator) v.navigator.element.style.display = navigator ? '' : 'none';
  }, [navigator, opened]);

  useEffect(() => {
    const v = viewerRef.current;
    if (!v || !opened) return;
    v.viewport.setRotation(rotation);
    v.viewport.setFlip(flipped);
  }, [rotation, flipped, opened]);

  useEffect(() => {
    const onChange = () =>
      setFullscreen(!!document.fullscreenElement && document.fullscreenElement === paneElement(wrap.current));
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const zoomBy = useCallback((factor: number) => {
    const v = viewerRef.current;
    if (!v) return;
    v.viewport.zoomBy(factor);
    v.viewport.applyConstraints();
  }, []);
  const fit = useCallback(() => viewerRef.current?.viewport.goHome(), []);
  const goToMagnification = useCallback(
    (mag: number) => {
      const v = viewerRef.current;
      const item = layersRef.current?.reference;
      if (!v || !item || base === null) return;
      v.viewport.zoomTo(item.imageToViewportZoom(imageZoomFor(mag, base)));
      v.viewport.applyConstraints();
    },
    [base],
  );
  const panBy = useCallback((dx: number, dy: number) => {
    const v = viewerRef.current;
    if (!v) return;
    // Screen directions, whatever the rotation: pan by a fraction of the view in viewer pixels.
    const size = v.viewport.getContainerSize();
    const delta = v.viewport.deltaPointsFromPixels(new OpenSeadragon.Point(size.x * dx, size.y * dy));
    v.viewport.panBy(delta);
    v.viewport.applyConstraints();
  }, []);
  const rotate = useCallback((by: number) => setRotation((r) => (((r + by) % 360) + 360) % 360), []);
  const toggleFullscreen = useCallback(() => {
    const pane = paneElement(wrap.current);
    if (!pane) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else void pane.requestFullscreen?.().catch(() => {});
  }, []);
  const toggleRuler = useCallback(() => {
    setRuler((on) => !on);
    setMeasure(null);
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    const step = e.shiftKey ? 0.4 : 0.12;
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(1.5),
      '=': () => zoomBy(1.5),
      '-': () => zoomBy(1 / 1.5),
      _: () => zoomBy(1 / 1.5),
      '0': fit,
      ArrowLeft: () => panBy(-step, 0),
      ArrowRight: () => panBy(step, 0),
      ArrowUp: () => panBy(0, -step),
      ArrowDown: () => panBy(0, step),
      '1': () => goToMagnification(5),
      '2': () => goToMagnification(10),
      '3': () => goToMagnification(20),
      '4': () => goToMagnification(40),
      r: () => rotate(90),
      R: () => rotate(-90),
      h: () => setFlipped((f) => !f),
      H: () => setFlipped((f) => !f),
      f: toggleFullscreen,
      F: toggleFullscreen,
      m: toggleRuler,
      M: toggleRuler,
      Escape: () => {
        if (measure) setMeasure(null);
        else if (ruler) setRuler(false);
        else setPopover(null);
      },
      PageUp: () => setPlane((z) => Math.min(info.focalPlanes - 1, z + 1)),
      PageDown: () => setPlane((z) => Math.max(0, z - 1)),
    };
    const action = actions[e.key];
    if (action) {
      e.preventDefault();
      e.stopPropagation();
      action();
    }
  };

  const mag = magnificationAt(view.imageZoom, base);
  const bar = pyramid.mpp && view.imageZoom > 0 ? scaleBar(pyramid.mpp / view.imageZoom) : null;
  const hasLabel = info.associated.some((a) => a.type === 'LABEL');
  const hasImages = info.associated.some((a) => a.type !== 'LABEL');
  const toggle = (p: Popover) => setPopover((cur) => (cur === p ? null : p));
  const measured = measure && mppX ? measureUm(measure.a, measure.b, mppX, mppY) : null;
  const screen = (p: Point) => {
    const item = layersRef.current?.reference;
    if (!item) return null;
    const s = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(p.x, p.y));
    return { x: s.x, y: s.y };
  };
  const a = measure ? screen(measure.a) : null;
  const b = measure ? screen(measure.b) : null;

  return (
    <div className="slide-viewer-wrap" ref={wrap}>
      <div className="pane-toolbar slide-toolbar" role="toolbar" aria-label="Slide view">
        <button
          type="button"
          className="icon-btn"
          onClick={fit}
          title="Fit the slide (0)"
          aria-label="Fit the slide"
          data-testid="slide-fit"
        >
          <FitIcon />
        </button>
        <button
          type="button"
          className="icon-btn"
          onClick={() => zoomBy(1 / 1.5)}
          title="Zoom out (−)"
          aria-label="Zoom out"
          data-testid="slide-zoom-out"
        >
          <ZoomOutIcon />
        </button>
        <button
          type="button"
          className="icon-btn"
          onClick={() => zoomBy(1.5)}
          title="Zoom in (+)"
          aria-label="Zoom in"
          data-testid="slide-zoom-in"
        >
          <ZoomInIcon />
        </button>
        <span className="toolbar-sep" />
        <div className="mag-presets" role="group" aria-label="Magnification">
          {MAG_PRESETS.map((m, i) => {
            const active = mag !== null && Math.abs(mag - m) / m < 0.03;
            return (
              <button
                key={m}
                type="button"
                className={`seg-btn${active ? ' active' : ''}`}
                onClick={() => goToMagnification(m)}
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
        <span
          className="mag-readout tabular"
          data-testid="slide-magnification"
          title="Objective-equivalent magnification (0.25 µm/px ≈ 40×)"
        >
          {formatMagnification(mag)}
        </span>
        <span className="toolbar-sep" />
        <button
          type="button"
          className={`icon-btn${ruler ? ' on' : ''}`}
          onClick={toggleRuler}
          aria-pressed={ruler}
          disabled={!mppX}
          title={mppX ? 'Measure a distance: drag on the slide (M; Escape cancels)' : 'The slide does not give its pixel spacing'}
          aria-label="Ruler"
          data-testid="slide-ruler"
        >
          <RulerIcon />
        </button>
        <button
          type="button"
          className="icon-btn"
          onClick={() => rotate(90)}
          title={`Rotate 90° (R; Shift+R back)${rotation ? ` — now ${rotation}°` : ''}`}
          aria-label="Rotate 90 degrees"
          data-testid="slide-rotate"
          data-rotation={rotation}
        >
          <RotateIcon />
        </button>
        <button
          type="button"
          className={`icon-btn${flipped ? ' on' : ''}`}
          onClick={() => setFlipped((f) => !f)}
          aria-pressed={flipped}
          title="Flip horizontally (H)"
          aria-label="Flip horizontally"
          data-testid="slide-flip"
        >
          <FlipIcon />
        </button>
        {info.focalPlanes > 1 ? (
          <label className="focal-control" title="Focal plane (Page Up / Page Down)">
            <span className="toolbar-label">Z</span>
            <input
              type="range"
              min={0}
              max={info.focalPlanes - 1}
              step={1}
              value={plane}
              onChange={(e) => setPlane(Number(e.target.value))}
              aria-label="Focal plane"
              data-testid="slide-focal"
            />
            <span className="tabular small" data-testid="slide-focal-readout">
              {plane + 1}/{info.focalPlanes}
            </span>
          </label>
        ) : null}
        {paths.length > 1 ? (
          <button
            type="button"
            className={`btn ghost small${popover === 'channels' ? ' on' : ''}`}
            onClick={() => toggle('channels')}
            aria-pressed={popover === 'channels'}
            title={fluorescence ? 'Channels: show, hide, colour' : 'Optical paths'}
            data-testid="slide-channels"
          >
            <ChannelsIcon /> {fluorescence ? 'Channels' : 'Paths'}
          </button>
        ) : null}
        {pixelWindow ? (
          <button
            type="button"
            className={`icon-btn${popover === 'window' ? ' on' : ''}`}
            onClick={() => toggle('window')}
            aria-pressed={popover === 'window'}
            title={`Window: centre ${round(pixelWindow.center)}, width ${round(pixelWindow.width)}`}
            aria-label="Brightness and contrast window"
            data-testid="slide-window"
          >
            <ContrastIcon />
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        {failedTiles > 0 && !sparse ? (
          <span className="toolbar-warning" title="Some tiles could not be loaded (missing in a sparse level, or a read error)">
            {failedTiles} tile{failedTiles === 1 ? '' : 's'} not loaded
          </span>
        ) : null}
        <button
          type="button"
          className="icon-btn"
          onClick={() => setNavigator((n) => !n)}
          aria-pressed={navigator}
          title={navigator ? 'Hide the overview navigator' : 'Show the overview navigator'}
          aria-label="Overview navigator"
          data-testid="slide-navigator-toggle"
        >
          <NavigatorIcon />
        </button>
        <button
          type="button"
          className="icon-btn"
          onClick={() => toggle('images')}
          aria-pressed={popover === 'images'}
          disabled={!hasImages}
          title={hasImages ? 'Thumbnail and overview' : 'This slide has no thumbnail or overview image'}
          aria-label="Thumbnail and overview"
          data-testid="slide-images"
        >
          <ImageIcon />
        </button>
        <button
          type="button"
          className={`btn ghost small${popover === 'label' ? ' on' : ''}`}
          onClick={() => toggle('label')}
          aria-pressed={popover === 'label'}
          disabled={!hasLabel || board}
          title={
            board
              ? 'The label stays hidden in tumor-board mode'
              : hasLabel
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
          onClick={() => toggle('info')}
          aria-pressed={popover === 'info'}
          title="Slide details"
          aria-label="Slide details"
          data-testid="slide-info"
        >
          <InfoIcon />
        </button>
        <button
          type="button"
          className={`icon-btn${fullscreen ? ' on' : ''}`}
          onClick={toggleFullscreen}
          aria-pressed={fullscreen}
          title={fullscreen ? 'Leave full screen (F)' : 'Full screen (F)'}
          aria-label="Full screen"
          data-testid="slide-fullscreen"
        >
          <FullscreenIcon />
        </button>
      </div>

      <div className="slide-stage" onKeyDown={onKeyDown}>
        <div
          ref={container}
          className={`slide-viewer${ruler ? ' measuring' : ''}`}
          data-testid="slide-viewer"
          data-ready={opened || undefined}
          data-drawer={drawer.software ? 'canvas' : 'webgl'}
          data-decoding={decoding ? 'workers' : 'browser'}
          tabIndex={-1}
          aria-label={`Slide ${info.name}. Keys: plus and minus zoom, 0 fits, arrows pan, 1 to 4 go to 5×, 10×, 20×, 40×, R rotates, H flips, F full screen, M measures.`}
          role="application"
        />
        {a && b && measure ? (
          <svg className="ruler-overlay" aria-hidden>
            <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="ruler-line-halo" />
            <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="ruler-line" />
            <circle cx={a.x} cy={a.y} r={3.5} className="ruler-end" />
            <circle cx={b.x} cy={b.y} r={3.5} className="ruler-end" />
          </svg>
        ) : null}
        {measured !== null && a && b ? (
          <div
            className="ruler-readout tabular"
            style={{ left: (a.x + b.x) / 2, top: (a.y + b.y) / 2 }}
            data-testid="slide-ruler-readout"
            data-um={measured.toFixed(3)}
          >
            {formatMeasurement(measured)}
          </div>
        ) : null}
        {ruler && !measure ? (
          <div className="ruler-hint" data-testid="slide-ruler-hint">
            Drag on the slide to measure · Esc cancels · M leaves the ruler
          </div>
        ) : null}
        {bar ? (
          <div className="scale-bar" data-testid="slide-scale-bar" aria-label={`Scale bar ${bar.label}`}>
            <div className="scale-bar-line" style={{ width: `${bar.px}px` }} />
            <div className="scale-bar-label tabular">{bar.label}</div>
          </div>
        ) : null}
        {popover === 'images' || (popover === 'label' && !board) ? (
          <AssociatedPanel info={info} which={popover === 'label' ? 'label' : 'images'} onClose={() => setPopover(null)} />
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
    </div>
  );
}

const round = (v: number) => Math.round(v * 10) / 10;

/** The element made full screen: the whole slide pane (toolbar, strip and stage). */
function paneElement(from: HTMLElement | null): HTMLElement | null {
  return (from?.closest('.slide-pane') as HTMLElement | null) ?? from;
}
