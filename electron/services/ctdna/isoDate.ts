/** ISO 8601 calendar dates, as the ctDNA files must write them. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * "2025-05-06" or "2025-05-06T09:30:00+02:00" -> "2025-05-06" (the date as written, not moved to
 * UTC: a draw at 23:30 local belongs to that day). Undefined when not ISO 8601 or not a real day.
 */
export function isoDate(text: string): string | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? text.trim().slice(0, 10) : undefined;
}
