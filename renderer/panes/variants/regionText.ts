/**
 * A region as the user types it or igv.js shows it: "chr7:1,000,000-3,000,000", "chr7:1000000",
 * "chr7" (the whole chromosome). Pure: tested in tests/renderer.
 */
import type { Region } from '../../../shared/model/variants.js';

/** Positions are 1-based inclusive, as igv.js and tabix write them. */
const MAX_POSITION = 2 ** 31;

export function parseRegion(text: string): Region | string {
  const match = /^\s*([^\s:]+)(?::\s*([\d,]+)(?:\s*[-–]\s*([\d,]+))?)?\s*$/.exec(text);
  if (!match) return 'Write a region as chromosome:start-end, e.g. chr7:1,000,000-3,000,000';
  const number = (digits: string | undefined) => (digits === undefined ? undefined : Number(digits.replace(/,/g, '')));
  const chrom = match[1]!;
  const start = number(match[2]) ?? 1;
  const end = number(match[3]) ?? (match[2] === undefined ? MAX_POSITION : start);
  if (start < 1 || end < start) return 'The region ends before it starts (positions start at 1)';
  if (end > MAX_POSITION) return 'The region ends past the largest position';
  return { chrom, start, end };
}

export const regionLabel = (r: Region): string =>
  r.start === 1 && r.end === MAX_POSITION
    ? r.chrom
    : `${r.chrom}:${r.start.toLocaleString('en-US')}-${r.end.toLocaleString('en-US')}`;
