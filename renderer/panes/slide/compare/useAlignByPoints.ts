/**
 * Setting the offset from a point pair: the user clicks a landmark on the left slide, then the
 * same landmark on the right one; the offset becomes right − left in µm, so the two landmarks are
 * shown at the same place. Clicks are taken before OpenSeadragon and the annotation tools see them.
 */
import OpenSeadragon from 'openseadragon';
import { useEffect, useRef } from 'react';
import type { MicronOffset, SyncSide } from './slideUnits.js';

export type AlignStep = null | 'left' | 'right';

function micronsAt(side: SyncSide, event: PointerEvent): { x: number; y: number } | null {
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
  onStep,
  onOffset,
}: {
  step: AlignStep;
  left: SyncSide | null;
  right: SyncSide | null;
  elements: { left: HTMLElement | null; right: HTMLElement | null };
  onStep(step: AlignStep): void;
  onOffset(offset: MicronOffset): void;
}): void {
  const first = useRef<{ x: number; y: number } | null>(null);
  const callbacks = useRef({ onStep, onOffset });
  callbacks.current = { onStep, onOffset };

  useEffect(() => {
    if (!step) first.current = null;
    const side = step === 'left' ? left : step === 'right' ? right : null;
    const element = step ? elements[step] : null;
    const stage = element?.querySelector<HTMLElement>('.slide-stage');
    if (!side || !stage) return;
    const onDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      event.preventDefault();
      event.stopPropagation();
      const at = micronsAt(side, event);
      if (!at) return;
      if (step === 'left') {
        first.current = at;
        callbacks.current.onStep('right');
      } else if (first.current) {
        callbacks.current.onOffset({ x: at.x - first.current.x, y: at.y - first.current.y });
        first.current = null;
        callbacks.current.onStep(null);
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
