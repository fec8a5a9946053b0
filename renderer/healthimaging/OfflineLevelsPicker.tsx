/**
 * "Make available offline", level by level: each HealthImaging slide of the case with a checkbox per
 * pyramid level (its size in pixels, frames and bytes, and how much is kept offline already). The
 * full resolution is most of the bytes; a reduction is often enough to read a case on a train.
 */
import type { OfflineSlidePlan } from '../../shared/model/healthImaging.js';
import { formatBytes, plural } from '../util/format.js';
import './healthimaging.css';

/** Chosen levels per slide id. */
export type OfflineLevelChoice = Record<string, number[]>;

/** The choice the service kept last (every level of a slide never made available offline). */
export const choiceOfPlan = (plan: OfflineSlidePlan[]): OfflineLevelChoice =>
  Object.fromEntries(plan.map((s) => [s.slideId, s.levels.filter((l) => l.chosen).map((l) => l.level)]));

export function OfflineLevelsPicker({
  plan,
  choice,
  onChange,
}: {
  plan: OfflineSlidePlan[];
  choice: OfflineLevelChoice;
  onChange(choice: OfflineLevelChoice): void;
}) {
  const toggle = (slideId: string, level: number, on: boolean) => {
    const levels = new Set(choice[slideId] ?? []);
    if (on) levels.add(level);
    else levels.delete(level);
    onChange({ ...choice, [slideId]: [...levels].sort((a, b) => a - b) });
  };
  let frames = 0;
  let bytes = 0;
  for (const slide of plan)
    for (const level of slide.levels)
      if (choice[slide.slideId]?.includes(level.level)) {
        frames += level.frames - level.pinnedFrames;
        bytes += level.frames ? (level.bytes * (level.frames - level.pinnedFrames)) / level.frames : 0;
      }
  return (
    <fieldset className="hi-offline" data-testid="hi-offline-levels">
      <legend>Levels to make available offline</legend>
      {plan.map((slide) => (
        <div key={slide.slideId} className="hi-offline-slide" data-testid="hi-offline-slide" data-slide={slide.slideId}>
          <div className="hi-offline-name">{slide.name}</div>
          {slide.error ? (
            <p className="ho-error">{slide.error}</p>
          ) : (
            <ul>
              {slide.levels.map((level) => {
                const checked = choice[slide.slideId]?.includes(level.level) ?? false;
                return (
                  <li key={level.level}>
                    <label data-testid="hi-offline-level" data-level={level.level}>
                      <input
                        type="checkbox"
                        checked={checked}
                        onChange={(e) => toggle(slide.slideId, level.level, e.target.checked)}
                      />
                      <span className="hi-offline-level">{level.level === 0 ? 'Full resolution' : `Level ${level.level}`}</span>
                      <span className="tabular">
                        {level.width.toLocaleString()} × {level.height.toLocaleString()} px
                      </span>
                      <span className="tabular">{plural(level.frames, 'tile')}</span>
                      <span className="tabular">
                        {level.bytesEstimated ? '≈ ' : ''}
                        {formatBytes(level.bytes)}
                      </span>
                      {level.pinnedFrames ? (
                        <span className="hi-offline-kept tabular" data-testid="hi-offline-kept">
                          {level.pinnedFrames === level.frames
                            ? 'offline already'
                            : `${level.pinnedFrames.toLocaleString()} kept offline`}
                        </span>
                      ) : null}
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          {slide.associatedFrames ? <p className="ho-empty">Label, overview and thumbnail come along with any level.</p> : null}
        </div>
      ))}
      <p className="ho-empty tabular" data-testid="hi-offline-total">
        To fetch: {plural(frames, 'tile')}, about {formatBytes(bytes)}.
      </p>
    </fieldset>
  );
}
