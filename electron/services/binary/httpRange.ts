/**
 * HTTP Range for one resource (RFC 9110 §14). One range is answered with 206; a Range header that
 * is malformed, or asks for several ranges, is ignored (200, whole body), which the RFC allows; a
 * range that starts past the end is unsatisfiable (416).
 */
export type ByteRange = { start: number; end: number }; // inclusive, like Content-Range

export type RangeDecision = { kind: 'whole' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i;

export function decideRange(header: string | null, size: number): RangeDecision {
  if (!header) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, first, last] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix)) return { kind: 'whole' };
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  if (end < start) return { kind: 'whole' };
  return { kind: 'partial', range: { start, end: Math.min(end, size - 1) } };
}

export const contentRange = (range: ByteRange, size: number): string => `bytes ${range.start}-${range.end}/${size}`;
