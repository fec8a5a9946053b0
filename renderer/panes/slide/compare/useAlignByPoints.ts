/**
 * Setting the alignment from landmarks: the user clicks a landmark on the left slide, then the
 * same landmark on the right one — the offset then shows the two at the same place (at the
 * rotation already set). A second pair, if the user goes on, sets the rotation too: the one that
 * turns the left pair's direction into the right's. Clicks are taken before OpenSeadragon and the
 * annotation tools see them.
 */
import OpenSeadragon from 'openseadragon';
import { useEffect, useRef } from 'react';
import { alignmentFromPairs, offsetFor, type Alignment } from './alignment.js';
import type { SyncSide } from './slideUnits.js';

/** Which slide's landmark is asked for next: the first pair, then (optionally) the second. */
export type AlignStep = null | 'left' | 'right' | 'left2' | 'right2';

type Point = { x: number; y: number };

function micronsAt(side: SyncSide, event: PointerEvent): Point | null {
  const item = side.layers.current?.reference;
  if (!item) return null;
  const box = side.viewer.element.getBoundingClientRect();
  const p = item.viewerElementToImageCoordinates(new OpenSeadragon.Point(event.clientX - box.left, event.clientY - box.top));
  return { x: p.x * side.mppX, y: p.y * side.mppY };
}

export function useAlignByPoints({
  step,
  left,
  right,
  elements,
  rotation,
  onStep,
  onAlign,
}: {
  step: AlignStep;
  left: SyncSide | null;
  right: SyncSide | null;
  elements: { left: HTMLElement | null; right: HTMLElement | null };
  /** The rotation set now: the first pair keeps it. */
  rotation: number;
  onStep(step: AlignStep): void;
  onAlign(alignment: Alignment): void;
}): void {
  const picked = useRef<Point[]>([]);
  const callbacks = useRef({ onStep, onAlign, rotation });
  callbacks.current = { onStep, onAlign, rotation };

  useEffect(() => {
    if (!step) picked.current = [];
    const which = step === 'left' || step === 'left2' ? 'left' : step ? 'right' : null;
    const side = which === 'left' ? left : which === 'right' ? right : null;
    const element = which ? elements[which] : null;
    const stage = element?.querySelector<HTMLElement>('.slide-stage');
    if (!side || !stage) return;
    const onDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      event.preventDefault();
      event.stopPropagation();
      const at = micronsAt(side, event);
      if (!at) return;
      const { onStep, onAlign } = callbacks.current;
      // Picked so far, in order: left 1, right 1, left 2, right 2.
      const points = (picked.current = [...picked.current.slice(0, stepIndex(step)), at]);
      if (step === 'left') onStep('right');
      else if (step === 'right') {
        onAlign({ offset: offsetFor(points[0], points[1], callbacks.current.rotation), rotation: callbacks.current.rotation });
        onStep('left2');
      } else if (step === 'left2') onStep('right2');
      else {
        const found = alignmentFromPairs([points[0], points[2]], [points[1], points[3]]);
        if (found) onAlign(found);
        onStep(null);
      }
    };
    stage.addEventListener('pointerdown', onDown, { capture: true });
    stage.classList.add('aligning');
    return () => {
      stage.removeEventListener('pointerdown', onDown, { capture: true });
      stage.classList.remove('aligning');
    };
  }, [step, left, right, elements.left, elements.right]);
}

const stepIndex = (step: AlignStep): number => (step === 'left' ? 0 : step === 'right' ? 1 : step === 'left2' ? 2 : 3);
