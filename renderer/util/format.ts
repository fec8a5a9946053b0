/** Small formatting helpers shared by the panes. Pure: no DOM. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parse an ISO date (YYYY-MM-DD or a full timestamp) as a UTC date; null when it is not one. */
export function parseIsoDate(value: string | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "14 Mar 2024" — unambiguous in every locale, which matters on a shared tumor-board screen. */
export function formatDate(value: string | Date | undefined): string {
  const d = value instanceof Date ? value : parseIsoDate(value);
  if (!d) return value ? String(value) : '—';
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Whole years between a birth date and `at` (default: today). */
export function ageInYears(birthDate: string | undefined, at: Date = new Date()): number | null {
  const b = parseIsoDate(birthDate);
  if (!b) return null;
  let age = at.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < b.getUTCMonth() || (at.getUTCMonth() === b.getUTCMonth() && at.getUTCDate() < b.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}

/** A number with at most `digits` significant digits, without trailing zeros (0.0123, 45.6, 1,230). */
export function formatSig(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return Number(value.toFixed(Math.min(decimals, 6))).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function formatInt(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : Math.round(value).toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
