/**
 * The bar above the slide that opens a second slide beside the first and controls the pair: which
 * slide, linked or not, the offset (set by moving one slide with Alt held) and the rotation
 * between them (typed here, or by turning one with Alt+Shift+drag), both from landmark pairs,
 * reset to none here; close.
 */
import { useState } from 'react';
import type { SlideRef } from '../../../../shared/model/case.js';
import { normalDegrees } from './alignment.js';
import type { CompareState } from './compareState.js';
import type { AlignStep } from './useAlignByPoints.js';

export function CompareBar({
  slides,
  current,
  compare,
  onChange,
  align,
  onAlign,
}: {
  slides: SlideRef[];
  current: string;
  compare: CompareState | null;
  onChange(next: CompareState): void;
  align: AlignStep;
  onAlign(step: AlignStep): void;
}) {
  const [rotationDraft, setRotationDraft] = useState<string | null>(null);
  const others = slides.filter((s) => s.id !== current);
  if (others.length === 0) return null;
  const rotation = compare?.rotation ?? 0;
  const open = !!compare?.open && compare.slideId !== current;
  const pick = (slideId: string) =>
    onChange(
      slideId
        ? {
            open: true,
            slideId,
            linked: compare?.linked ?? true,
            offset: compare?.slideId === slideId ? compare.offset : { x: 0, y: 0 },
            rotation: compare?.slideId === slideId ? rotation : 0,
          }
        : { ...(compare ?? { slideId: '', linked: true, offset: { x: 0, y: 0 } }), open: false },
    );
  return (
    <div className="compare-bar" data-testid="compare-bar">
      <label className="compare-pick">
        <span className="muted">{open ? 'Beside it:' : 'Compare'}</span>
        <select
          value={open ? compare.slideId : ''}
          onChange={(e) => pick(e.target.value)}
          aria-label="Compare with another slide"
          data-testid="compare-pick"
        >
          <option value="">{open ? 'none (close)' : 'with another slide…'}</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {open ? (
        <>
          <button
            type="button"
            className={`btn small${compare.linked ? ' primary' : ''}`}
            aria-pressed={compare.linked}
            onClick={() => onChange({ ...compare, linked: !compare.linked })}
            title="Move both slides together (pan, zoom, rotation, in µm)"
            data-testid="compare-link"
          >
            {compare.linked ? 'Linked' : 'Unlinked'}
          </button>
          <span
            className="compare-offset muted"
            data-testid="compare-offset"
            data-x={compare.offset.x.toFixed(3)}
            data-y={compare.offset.y.toFixed(3)}
            data-rotation={rotation}
            title="Where the right slide's tissue is against the left's, in slide units (after the rotation). Hold Alt and drag one slide to line up the tissue."
          >
            offset {formatMicrons(compare.offset.x)}, {formatMicrons(compare.offset.y)}
          </span>
          <label
            className="compare-rotation muted"
            title="Degrees the right slide is turned against the left (clockwise), so that the same tissue looks the same way up; turned about what the slides show now. Alt+Shift+drag on a slide turns it."
          >
            turned
            <input
              type="number"
              step={0.5}
              min={-180}
              max={180}
              value={rotationDraft ?? String(rotation)}
              onChange={(e) => {
                setRotationDraft(e.target.value);
                const value = Number(e.target.value);
                if (e.target.value.trim() !== '' && Number.isFinite(value))
                  onChange({ ...compare, rotation: normalDegrees(value) });
              }}
              onBlur={() => setRotationDraft(null)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                e.stopPropagation();
              }}
              aria-label="Rotation of the right slide against the left, in degrees"
              data-testid="compare-rotation"
            />
            °
          </label>
          <button
            type="button"
            className={`btn small${align ? ' primary' : ' ghost'}`}
            aria-pressed={!!align}
            onClick={() => onAlign(align ? null : 'left')}
            title="Set the offset from a landmark: click it on the left slide, then on the right one; a second landmark pair sets the rotation too"
            data-testid="compare-align"
          >
            {align === 'left'
              ? 'Click the landmark on the left…'
              : align === 'right'
                ? '…then on the right'
                : align === 'left2'
                  ? 'Rotation too? 2nd pair: left… (click: done)'
                  : align === 'right2'
                    ? '…2nd pair: right'
                    : 'Align by points'}
          </button>
          <button
            type="button"
            className="btn ghost small"
            onClick={() => onChange({ ...compare, offset: { x: 0, y: 0 }, rotation: 0 })}
            disabled={compare.offset.x === 0 && compare.offset.y === 0 && rotation === 0}
            title="No offset and no rotation between the two slides"
            data-testid="compare-reset"
          >
            Reset
          </button>
          <button
            type="button"
            className="btn ghost small"
            onClick={() => onChange({ ...compare, open: false })}
            data-testid="compare-close"
          >
            Close
          </button>
        </>
      ) : null}
    </div>
  );
}

function formatMicrons(um: number): string {
  const sign = um < 0 ? '−' : '';
  const a = Math.abs(um);
  return a >= 1000 ? `${sign}${(a / 1000).toFixed(2)} mm` : `${sign}${a.toFixed(1)} µm`;
}
