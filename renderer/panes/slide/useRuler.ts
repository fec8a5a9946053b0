/**
 * The ruler (M): press, drag and release on the slide to measure a distance in µm; OSD's pan is
 * held back while it is on. The measured segment stays until the next one or Escape.
 */
import type OpenSeadragon from 'openseadragon';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { LayerManager } from './layers.js';
import { elementToImage } from './useOpenSeadragon.js';

export type Point = { x: number; y: number };
export type Measure = { a: Point; b: Point; done: boolean };

type PointerEvent = { position: OpenSeadragon.Point; preventDefaultAction: boolean };

export function useRuler(viewer: OpenSeadragon.Viewer | null, layers: RefObject<LayerManager | null>) {
  const [ruler, setRuler] = useState(false);
  const [measure, setMeasure] = useState<Measure | null>(null);
  const on = useRef(ruler);
  on.current = ruler;

  useEffect(() => {
    if (!viewer) return;
    const toImage = (e: unknown) => elementToImage(layers.current, (e as PointerEvent).position);
    const press = (e: unknown) => {
      if (!on.current) return;
      const p = toImage(e);
      if (p) setMeasure({ a: p, b: p, done: false });
    };
    const drag = (e: unknown) => {
      if (!on.current) return;
      (e as PointerEvent).preventDefaultAction = true;
      const p = toImage(e);
      if (p) setMeasure((m) => (m && !m.done ? { ...m, b: p } : m));
    };
    const release = (e: unknown) => {
      if (!on.current) return;
      const p = toImage(e);
      setMeasure((m) => (m && !m.done ? { a: m.a, b: p ?? m.b, done: true } : m));
    };
    const dragEnd = (e: unknown) => {
      if (on.current) (e as PointerEvent).preventDefaultAction = true;
    };
    viewer.addHandler('canvas-press', press);
    viewer.addHandler('canvas-drag', drag);
    viewer.addHandler('canvas-release', release);
    viewer.addHandler('canvas-drag-end', dragEnd);
    return () => {
      viewer.removeHandler('canvas-press', press);
      viewer.removeHandler('canvas-drag', drag);
      viewer.removeHandler('canvas-release', release);
      viewer.removeHandler('canvas-drag-end', dragEnd);
    };
  }, [viewer, layers]);

  const toggle = useCallback(() => {
    setRuler((r) => !r);
    setMeasure(null);
  }, []);
  const stop = useCallback(() => {
    setRuler(false);
    setMeasure(null);
  }, []);

  return { ruler, measure, setMeasure, toggle, stop };
}
