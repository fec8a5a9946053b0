/**
 * A viewer's view in slide units, so two slides scanned at different pixel spacings can be put in
 * step: the centre in µm from the slide's origin, the scale in screen pixels per µm, and the
 * rotation in degrees. Reading one viewer and applying it (plus an offset) to the other shows the
 * same tissue at the same size.
 */
import OpenSeadragon from 'openseadragon';
import type { RefObject } from 'react';
import type { LayerManager } from '../layers.js';

export type MicronView = { x: number; y: number; pxPerMicron: number; rotation: number };
export type MicronOffset = { x: number; y: number };

/** One side of a comparison: its viewer, its layers (for image coordinates) and level-0 spacing. */
export type SyncSide = {
  viewer: OpenSeadragon.Viewer;
  layers: RefObject<LayerManager | null>;
  /** µm per level-0 pixel (1 when the slide does not say: the two then match pixel for pixel). */
  mppX: number;
  mppY: number;
};

/**
 * What a side shows now, or (`shown` false) where its animation is heading: a drag moves the
 * target at once and the view glides after it, so the target is what the user meant.
 */
export function readMicronView(side: SyncSide, shown = true): MicronView | null {
  const item = side.layers.current?.reference;
  if (!item) return null;
  const { viewport } = side.viewer;
  const centre = item.viewportToImageCoordinates(viewport.getCenter(shown));
  const imageZoom = item.viewportToImageZoom(viewport.getZoom(shown));
  return {
    x: centre.x * side.mppX,
    y: centre.y * side.mppY,
    pxPerMicron: imageZoom / side.mppX,
    rotation: viewport.getRotation(shown),
  };
}

/** Show `view` (already offset) in this side's viewer, at once (no animation: it follows the other). */
export function applyMicronView(side: SyncSide, view: MicronView): void {
  const item = side.layers.current?.reference;
  if (!item) return;
  const { viewport } = side.viewer;
  viewport.setRotation(view.rotation, true);
  viewport.zoomTo(item.imageToViewportZoom(view.pxPerMicron * side.mppX), undefined, true);
  viewport.panTo(item.imageToViewportCoordinates(new OpenSeadragon.Point(view.x / side.mppX, view.y / side.mppY)), true);
}
