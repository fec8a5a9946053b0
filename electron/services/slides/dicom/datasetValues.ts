/** Typed reads of values from a naturalized dataset (dcmjs unwraps single values, keeps arrays). */
import type { NaturalDataset } from './dcmjsBridge.js';

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

export function text(dataset: NaturalDataset | undefined, keyword: string): string | undefined {
  const value = first(dataset?.[keyword]);
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  // Person names come as { Alphabetic: 'FAMILY^GIVEN' }.
  if (value && typeof value === 'object' && typeof (value as { Alphabetic?: unknown }).Alphabetic === 'string') {
    return (value as { Alphabetic: string }).Alphabetic.trim() || undefined;
  }
  return undefined;
}

export function texts(dataset: NaturalDataset | undefined, keyword: string): string[] {
  const value = dataset?.[keyword];
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.map((v) => (typeof v === 'string' ? v.trim() : String(v)));
}

export function number(dataset: NaturalDataset | undefined, keyword: string): number | undefined {
  const value = first(dataset?.[keyword]);
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function numbers(dataset: NaturalDataset | undefined, keyword: string): number[] {
  const value = dataset?.[keyword];
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.map(Number).filter(Number.isFinite);
}

export function items(dataset: NaturalDataset | undefined, keyword: string): NaturalDataset[] {
  const value = dataset?.[keyword];
  if (Array.isArray(value)) return value.filter((v): v is NaturalDataset => !!v && typeof v === 'object');
  return value && typeof value === 'object' ? [value as NaturalDataset] : [];
}

/** The first item of a nested path of sequences, e.g. Shared FG > PixelMeasuresSequence. */
export function item(dataset: NaturalDataset | undefined, ...keywords: string[]): NaturalDataset | undefined {
  let current = dataset;
  for (const keyword of keywords) current = items(current, keyword)[0];
  return current;
}
