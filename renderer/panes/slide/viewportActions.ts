/** What the toolbar and the keys do to the view: zoom, fit, go to a magnification, pan. */
import OpenSeadragon from 'openseadragon';
import type { RefObject } from 'react';
import type { LayerManager } from './layers.js';
import { imageZoomFor } from './scale.js';

export type ViewportActions = {
  zoomBy(factor: number): void;
  fit(): void;
  goToMagnification(mag: number): void;
  /** Pan by a fraction of the view, in screen directions whatever the rotation. */
  panBy(dx: number, dy: number): void;
};

export function viewportActions(
  viewer: OpenSeadragon.Viewer | null,
  layers: RefObject<LayerManager | null>,
  base: number | null,
): ViewportActions {
  return {
    zoomBy(factor) {
      if (!viewer) return;
      viewer.viewport.zoomBy(factor);
      viewer.viewport.applyConstraints();
    },
    fit() {
      viewer?.viewport.goHome();
    },
    goToMagnification(mag) {
      const item = layers.current?.reference;
      if (!viewer || !item || base === null) return;
      viewer.viewport.zoomTo(item.imageToViewportZoom(imageZoomFor(mag, base)));
      viewer.viewport.applyConstraints();
    },
    panBy(dx, dy) {
      if (!viewer) return;
      const size = viewer.viewport.getContainerSize();
      const delta = viewer.viewport.deltaPointsFromPixels(new OpenSeadragon.Point(size.x * dx, size.y * dy));
      viewer.viewport.panBy(delta);
      viewer.viewport.applyConstraints();
    },
  };
}
