/**
 * Two slides side by side (e.g. the H&E and an IHC of the same block), each in its own viewer with
 * its own toolbar, kept in step by useSlideSync while linked.
 */
import { useState, type ReactNode } from 'react';
import type { SlideInfo } from '../../../../shared/model/slide.js';
import { api } from '../../../api/index.js';
import { PaneError, PaneLoading } from '../../../layout/PaneStates.js';
import { useAsync } from '../../../util/useAsync.js';
import type { CompareState } from './compareState.js';
import type { SyncSide } from './slideUnits.js';
import { useSlideSync } from './useSlideSync.js';
import { useAlignByPoints, type AlignStep } from './useAlignByPoints.js';

export type RenderViewer = (info: SlideInfo, onView: (view: SyncSide | null) => void) => ReactNode;

export function SlideCompare({
  left,
  compare,
  version,
  onChange,
  renderViewer,
  align,
  onAlign,
}: {
  left: SlideInfo;
  compare: CompareState;
  version: number;
  onChange(next: CompareState): void;
  renderViewer: RenderViewer;
  /** Aligning by a point pair: which slide's landmark is asked for next. */
  align: AlignStep;
  onAlign(step: AlignStep): void;
}) {
  const right = useAsync(() => api.call('slides.info', { slideId: compare.slideId }), [compare.slideId, version]);
  const [leftSide, setLeftSide] = useState<SyncSide | null>(null);
  const [rightSide, setRightSide] = useState<SyncSide | null>(null);
  const [leftElement, setLeftElement] = useState<HTMLDivElement | null>(null);
  const [rightElement, setRightElement] = useState<HTMLDivElement | null>(null);
  useSlideSync({
    left: leftSide,
    right: rightSide,
    elements: { left: leftElement, right: rightElement },
    linked: compare.linked,
    offset: compare.offset,
    rotation: compare.rotation ?? 0,
    onOffset: (offset) => onChange({ ...compare, offset }),
    onAlign: ({ offset, rotation }) => onChange({ ...compare, offset, rotation }),
  });
  useAlignByPoints({
    step: align,
    left: leftSide,
    right: rightSide,
    elements: { left: leftElement, right: rightElement },
    rotation: compare.rotation ?? 0,
    onStep: onAlign,
    onAlign: ({ offset, rotation }) => onChange({ ...compare, offset, rotation }),
  });

  return (
    <div
      className="slide-compare"
      data-testid="slide-compare"
      data-linked={compare.linked || undefined}
      data-align={align ?? undefined}
    >
      <div className="slide-compare-side" ref={setLeftElement} data-testid="compare-left">
        {renderViewer(left, setLeftSide)}
      </div>
      <div className="slide-compare-side" ref={setRightElement} data-testid="compare-right">
        {right.status === 'ready' ? (
          renderViewer(right.value, setRightSide)
        ) : right.status === 'error' ? (
          <PaneError error={right.error} onRetry={right.retry} title="The second slide could not be read" />
        ) : (
          <PaneLoading label="Reading the second slide…" />
        )}
      </div>
    </div>
  );
}
