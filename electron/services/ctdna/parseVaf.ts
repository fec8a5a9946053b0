/** A variant allele fraction as files write it: 0.125, 12.5%, ND, 0. */
import type { CtdnaVariantResult } from '../../../shared/model/ctdna.js';
import { quoted } from './csvLayout.js';
import { parseStatus } from './parseResultRow.js';

export type VafReading = { vaf: number | null; status: CtdnaVariantResult['status'] } | { rejected: string };

export function parseVaf(text: string, statusText?: string): VafReading {
  const status = statusText === undefined ? undefined : parseStatus(statusText);
  if (statusText !== undefined && status !== 'DETECTED' && status !== 'NOT_DETECTED')
    return { rejected: `status ${quoted(statusText)} is not DETECTED or NOT_DETECTED` };
  const trimmed = text.trim();
  if (trimmed === '' || parseStatus(trimmed) === 'NOT_DETECTED') {
    if (status === 'DETECTED') return { rejected: `no vaf for a DETECTED variant` };
    return { vaf: null, status: 'NOT_DETECTED' };
  }
  const percent = trimmed.endsWith('%');
  const number = Number(percent ? trimmed.slice(0, -1) : trimmed);
  if (!Number.isFinite(number) || number < 0) return { rejected: `vaf ${quoted(trimmed)} is not a number ≥ 0` };
  const vaf = percent ? number / 100 : number;
  if (vaf > 1) return { rejected: `vaf ${quoted(trimmed)} is more than 1: write a fraction (0.125) or a percentage (12.5%)` };
  if (vaf === 0 || status === 'NOT_DETECTED') return { vaf: null, status: 'NOT_DETECTED' };
  return { vaf, status: 'DETECTED' };
}
