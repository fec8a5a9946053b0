/**
 * The OpenSeadragon viewer of one slide: created on a container element with our options (our own
 * controls and keyboard map, the navigator, the drawer picked for the machine), its layers opened
 * through the LayerManager, and the view (image zoom) followed once per animation frame.
 *
 * Tools that draw over the slide or take the pointer (the ruler, the annotations) get the viewer
 * from here and add their own OSD handlers, removed when they unmount.
 */
import OpenSeadragon from 'openseadragon';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { PixelFormat } from '../../../shared/model/slide.js';
import { hex } from '../../theme/palette.js';
import { decoderPool } from './decode/decoderPool.js';
import { LayerManager, type LayerSpec } from './layers.js';
import { createTileSource } from './osdTileSource.js';
import type { Pyramid } from './pyramid.js';

export type ViewState = { imageZoom: number; version: number };

export type SlideSourceSpec = {
  pyramid: Pyramid;
  tileUrlTemplate: string;
  tileContentType: string;
  pixelFormat?: PixelFormat;
  /** Non-JPEG tiles, or a window / pseudo-colour: tiles go through the decoder workers. */
  decoding: boolean;
  /** Use OSD's canvas drawer (WebGL is rendered in software here). */
  softwareDrawer: boolean;
};

export type OpenSeadragonView = {
  /** The viewer, once created (null before and after). */
  viewer: OpenSeadragon.Viewer | null;
  layers: RefObject<LayerManager | null>;
  view: ViewState;
  opened: boolean;
  failedTiles: number;
};

export function useOpenSeadragon(
  container: RefObject<HTMLDivElement | null>,
  source: SlideSourceSpec,
  layerSpecs: LayerSpec[],
  onFatal: (message: string) => void,
): OpenSeadragonView {
  const [viewer, setViewer] = useState<OpenSeadragon.Viewer | null>(null);
  const layersRef = useRef<LayerManager | null>(null);
  const [view, setView] = useState<ViewState>({ imageZoom: 0, version: 0 });
  const [opened, setOpened] = useState(false);
  const [failedTiles, setFailedTiles] = useState(0);
  const layerSpecsRef = useRef(layerSpecs);
  layerSpecsRef.current = layerSpecs;
  const { pyramid, tileUrlTemplate, tileContentType, pixelFormat, decoding, softwareDrawer } = source;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const osd = OpenSeadragon({
      element,
      drawer: softwareDrawer ? 'canvas' : ['webgl', 'canvas'],
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
      // A tile that failed (remote slide offline, throttled) stays a grey placeholder and is asked
      // again a few times (HealthImaging #9); local files fail for good reasons and rarely do.
      placeholderFillStyle: '#3a3a3a',
      tileRetryMax: 3,
      tileRetryDelay: 4000,
      crossOriginPolicy: false,
      gestureSettingsMouse: {
        clickToZoom: false,
        dblClickToZoom: true,
        flickEnabled: false,
        scrollToZoom: true,
        pinchToZoom: false,
      },
      zoomPerScroll: 1.4,
      // Our keyboard map (SlideViewer's onKeyDown) replaces OSD's, which also rotates and flips on R / F.
      keyboardNavEnabled: false,
    } as OpenSeadragon.Options);
    const pool = decoding ? decoderPool() : undefined;
    const layers = new LayerManager(osd, (spec) =>
      createTileSource(pyramid, tileUrlTemplate, {
        query: spec.query,
        render: spec.render,
        contentType: tileContentType,
        pixelFormat,
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
        const imageZoom = item.viewportToImageZoom(osd.viewport.getZoom(true));
        setView((v) => ({ imageZoom, version: v.version + 1 }));
      });
    };
    osd.addHandler('open', () => {
      setOpened(true);
      sync();
    });
    osd.addHandler('open-failed', (e) =>
      onFatal(`The slide could not be opened: ${(e as { message?: string }).message ?? 'unknown error'}`),
    );
    osd.addHandler('animation', sync);
    osd.addHandler('viewport-change', sync);
    osd.addHandler('resize', sync);
    // Tiles not loaded now: a failed tile that loads later (asked again: useRemoteTiles) is no longer counted.
    const failed = new Set<string>();
    osd.addHandler('tile-load-failed', (e) => {
      failed.add(e.tile.getUrl());
      setFailedTiles(failed.size);
    });
    osd.addHandler('tile-loaded', (e) => {
      if (failed.delete(e.tile.getUrl())) setFailedTiles(failed.size);
    });

    layers.open(layerSpecsRef.current);
    setViewer(osd);

    return () => {
      if (frame) cancelAnimationFrame(frame);
      layersRef.current = null;
      setViewer(null);
      setOpened(false);
      osd.destroy();
    };
    // onFatal is stable enough: it only reports. Layer changes go through update() below.
  }, [pyramid, tileUrlTemplate, tileContentType, pixelFormat, softwareDrawer, decoding]);

  useEffect(() => {
    if (opened) layersRef.current?.update(layerSpecs);
  }, [layerSpecs, opened]);

  return { viewer, layers: layersRef, view, opened, failedTiles };
}

/** Level-0 image coordinates of a point of the viewer element (null before the slide is open). */
export function elementToImage(layers: LayerManager | null, position: OpenSeadragon.Point): { x: number; y: number } | null {
  const item = layers?.reference;
  if (!item) return null;
  const p = item.viewerElementToImageCoordinates(position);
  return { x: p.x, y: p.y };
}

/** Where a level-0 image point is in the viewer element (null before the slide is open). */
export function imageToElement(layers: LayerManager | null, p: { x: number; y: number }): { x: number; y: number } | null {
  const item = layers?.reference;
  if (!item) return null;
  const s = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(p.x, p.y));
  return { x: s.x, y: s.y };
}
