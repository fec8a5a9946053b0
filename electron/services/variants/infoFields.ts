/**
 * The extra fields a variant keeps for user-chosen columns, bounded: at most MAX_INFO_FIELDS keys,
 * each value cut to MAX_INFO_VALUE_LENGTH characters. Values stay plain text: whatever a file puts
 * there (HTML, script) is shown as text by the page, never interpreted.
 */
import { MAX_INFO_FIELDS, MAX_INFO_VALUE_LENGTH } from '../../../shared/model/variants.js';

export class InfoBuilder {
  readonly fields: Record<string, string> = {};
  private count = 0;

  add(key: string, value: string | undefined): void {
    if (value === undefined || value === '' || this.count >= MAX_INFO_FIELDS || key === '__proto__') return;
    if (Object.hasOwn(this.fields, key)) return;
    this.fields[key] = value.length > MAX_INFO_VALUE_LENGTH ? `${value.slice(0, MAX_INFO_VALUE_LENGTH - 1)}…` : value;
    this.count += 1;
  }

  result(): Record<string, string> | undefined {
    return this.count === 0 ? undefined : this.fields;
  }
}

/** An INFO value as @gmod/vcf parses it (array, flag true, null for '.'), as text. */
export function infoText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === true) return 'true';
  if (Array.isArray(value)) return value.map((item) => (item === null || item === undefined ? '.' : String(item))).join(',');
  return String(value);
}
