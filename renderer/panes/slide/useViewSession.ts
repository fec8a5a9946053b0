/**
 * The slide's place in the session: where the viewer was (centre, zoom, rotation, flip) is put back
 * when the case reopens and saved after each move; a region the tumor-board agenda points at
 * (a flagged annotation) is flown to.
 */
import OpenSeadragon from 'openseadragon';
import { useEffect, useRef, type RefObject } from 'react';
import type { SlideViewport } from '../../../shared/model/session.js';
import { useAgendaRegion } from '../../board/agendaFocus.js';
import { caseSession } from '../../session/caseSession.js';
import type { LayerManager } from './layers.js';

export function useViewSession({
  slideId,
  viewer,
  layers,
  opened,
  restored,
  onRestoreOrientation,
}: {
  slideId: string;
  viewer: OpenSeadragon.Viewer | null;
  layers: RefObject<LayerManager | null>;
  opened: boolean;
  /** This slide's viewport in the session read when the case opened (it may arrive after the slide). */
  restored: SlideViewport | undefined;
  /** Rotation and flip are the viewer's state: handed back to it. */
  onRestoreOrientation(rotation: number, flipped: boolean): void;
}): void {
  const applied = useRef(false);
  useEffect(() => {
    if (applied.current || !viewer || !opened || !restored) return;
    applied.current = true;
    onRestoreOrientation(restored.rotation, restored.flipped ?? false);
    viewer.viewport.panTo(new OpenSeadragon.Point(restored.x, restored.y), true);
    viewer.viewport.zoomTo(restored.zoom, undefined, true);
  }, [viewer, opened, restored, onRestoreOrientation]);

  useEffect(() => {
    if (!viewer || !opened) return;
    const save = () => {
      const centre = viewer.viewport.getCenter(true);
      caseSession.save({
        viewports: {
          [slideId]: {
            x: centre.x,
            y: centre.y,
            zoom: viewer.viewport.getZoom(true),
            rotation: viewer.viewport.getRotation(),
            flipped: viewer.viewport.getFlip(),
          },
        },
      });
    };
    viewer.addHandler('animation-finish', save);
    viewer.addHandler('rotate', save);
    viewer.addHandler('flip', save);
    return () => {
      viewer.removeHandler('animation-finish', save);
      viewer.removeHandler('rotate', save);
      viewer.removeHandler('flip', save);
    };
  }, [viewer, opened, slideId]);

  const region = useAgendaRegion();
  useEffect(() => {
    const item = layers.current?.reference;
    if (!viewer || !opened || !item || !region || region.slideId !== slideId) return;
    const pad = Math.max(region.width, region.height, 200) * 0.6;
    viewer.viewport.fitBounds(
      item.imageToViewportRectangle(
        new OpenSeadragon.Rect(region.x - pad, region.y - pad, region.width + 2 * pad, region.height + 2 * pad),
      ),
    );
  }, [viewer, opened, region, slideId, layers]);
}
