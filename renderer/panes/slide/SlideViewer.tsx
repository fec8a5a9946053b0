/**
 * The whole-slide viewer: OpenSeadragon with our tile source, our own controls (OSD's button images
 * would be fetched from its prefixUrl: its controls are off), a magnification readout with presets,
 * a scale bar, the navigator, and the slide's associated images (the label hidden until asked for).
 *
 * Keyboard (when the viewer has focus): + / − zoom, 0 fit, arrows pan (Shift: further),
 * 1–4 go to 5× / 10× / 20× / 40×.
 */
import OpenSeadragon from 'openseadragon';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SlideInfo } from '../../../shared/model/slide.js';
import { FitIcon, ImageIcon, InfoIcon, LabelIcon, NavigatorIcon, ZoomInIcon, ZoomOutIcon } from '../../ui/icons.js';
import { AssociatedPanel } from './AssociatedPanel.js';
import { createTileSource } from './osdTileSource.js';
import { buildPyramid } from './pyramid.js';
import { MAG_PRESETS, baseMagnification, formatMagnification, imageZoomFor, magnificationAt, scaleBar } from './scale.js';
import { SlideInfoPanel } from './SlideInfoPanel.js';
import { hex } from '../../theme/palette.js';
import { webglRenderer } from './webgl.js';

type View = { imageZoom: number };
type Popover = null | 'images' | 'label' | 'info';

export function SlideViewer({ info, onFatal }: { info: SlideInfo; onFatal(message: string): void }) {
  const container = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<OpenSeadragon.Viewer | null>(null);
  const [view, setView] = useState<View>({ imageZoom: 0 });
  const [opened, setOpened] = useState(false);
  const [failedTiles, setFailedTiles] = useState(0);
  const [navigator, setNavigator] = useState(true);
  const [popover, setPopover] = useState<Popover>(null);
  const pyramid = useMemo(() => buildPyramid(info), [info]);
  const base = baseMagnification(pyramid.mpp, info.objectivePower);
  const drawer = useMemo(() => webglRenderer(), []);
  // In a TILED_SPARSE level absent tiles are expected (the host answers 404): do not count them.
  const sparse = info.levels.some((l) => l.tileCount < l.columns * l.rows);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const viewer = OpenSeadragon({
      element,
      tileSources: createTileSource(pyramid, info.tileUrlTemplate),
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

    let frame = 0;
    const sync = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!viewer.world.getItemCount()) return;
        const imageZoom = viewer.viewport.viewportToImageZoom(viewer.viewport.getZoom(true));
        setView((v) => (Math.abs(v.imageZoom - imageZoom) < 1e-9 ? v : { imageZoom }));
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

    return () => {
      if (frame) cancelAnimationFrame(frame);
      viewerRef.current = null;
      viewer.destroy();
    };
    // onFatal is stable enough: it only reports.
  }, [pyramid, info.tileUrlTemplate, drawer.software]);

  useEffect(() => {
    const v = viewerRef.current;
    if (v?.navigator) v.navigator.element.style.display = navigator ? '' : 'none';
  }, [navigator, opened]);

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
      if (!v || base === null) return;
      v.viewport.zoomTo(v.viewport.imageToViewportZoom(imageZoomFor(mag, base)));
      v.viewport.applyConstraints();
    },
    [base],
  );
  const panBy = useCallback((dx: number, dy: number) => {
    const v = viewerRef.current;
    if (!v) return;
    const bounds = v.viewport.getBounds();
    v.viewport.panBy(new OpenSeadragon.Point(bounds.width * dx, bounds.height * dy));
    v.viewport.applyConstraints();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
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

  return (
    <div className="slide-viewer-wrap">
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
          disabled={!hasLabel}
          title={hasLabel ? 'The slide label can carry the patient name: shown only on request' : 'This slide has no label image'}
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
      </div>

      <div className="slide-stage">
        <div
          ref={container}
          className="slide-viewer"
          data-testid="slide-viewer"
          data-ready={opened || undefined}
          data-drawer={drawer.software ? 'canvas' : 'webgl'}
          tabIndex={-1}
          onKeyDown={onKeyDown}
          aria-label={`Slide ${info.name}. Keys: plus and minus zoom, 0 fits, arrows pan, 1 to 4 go to 5×, 10×, 20×, 40×.`}
          role="application"
        />
        {bar ? (
          <div className="scale-bar" data-testid="slide-scale-bar" aria-label={`Scale bar ${bar.label}`}>
            <div className="scale-bar-line" style={{ width: `${bar.px}px` }} />
            <div className="scale-bar-label tabular">{bar.label}</div>
          </div>
        ) : null}
        {popover === 'images' || popover === 'label' ? (
          <AssociatedPanel info={info} which={popover === 'label' ? 'label' : 'images'} onClose={() => setPopover(null)} />
        ) : null}
        {popover === 'info' ? (
          <SlideInfoPanel info={info} pyramid={pyramid} drawer={drawer} onClose={() => setPopover(null)} />
        ) : null}
      </div>
    </div>
  );
}
