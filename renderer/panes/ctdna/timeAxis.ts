/** The chart's time axis: calendar dates, or days from the diagnosis or the surgery. Pure. */
import { formatDate } from '../../util/format.js';
import { DAY, type ChartModel } from './chartModel.js';

export type TimeMode = 'date' | 'diagnosis' | 'surgery';

export type TimeAxis = {
  type: 'utc' | 'linear';
  /** Where a time goes on the axis: the date itself, or days from the anchor. */
  xOf(t: Date): Date | number;
  domain: [Date, Date] | [number, number];
  /** Axis title; null for calendar dates (the ticks say it). */
  label: string | null;
  /** "Day 120" / "14 Mar 2025" for tooltips and the table. */
  describe(t: Date): string;
};

export function timeAxis(model: ChartModel, mode: TimeMode): TimeAxis {
  const anchor = model.relativeOnly ? new Date(0) : mode === 'date' ? null : model.anchors[mode];
  if (!anchor) {
    return { type: 'utc', xOf: (t) => t, domain: model.xDomain, label: null, describe: (t) => formatDate(t) };
  }
  const xOf = (t: Date): number => Math.round((t.getTime() - anchor.getTime()) / DAY);
  const label = model.relativeOnly
    ? "Days from the timeline's day 0"
    : `Days from ${mode === 'diagnosis' ? 'diagnosis' : 'surgery'} (${formatDate(anchor)})`;
  const describe = (t: Date): string => {
    const day = xOf(t);
    return model.relativeOnly ? `Day ${day}` : `${formatDate(t)} · day ${day > 0 ? '+' : ''}${day}`;
  };
  return {
    type: 'linear',
    xOf,
    domain: [(model.xDomain[0].getTime() - anchor.getTime()) / DAY, (model.xDomain[1].getTime() - anchor.getTime()) / DAY],
    label,
    describe,
  };
}

/** Which time modes the data allow. */
export function timeModes(model: ChartModel): TimeMode[] {
  if (model.relativeOnly) return [];
  const modes: TimeMode[] = ['date'];
  if (model.anchors.diagnosis) modes.push('diagnosis');
  if (model.anchors.surgery) modes.push('surgery');
  return modes;
}
