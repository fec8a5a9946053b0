/**
 * The table's own reader of a VCF data line: CHROM..FILTER, the INFO fields, the CSQ/ANN entry of
 * each ALT and the tumor sample's FORMAT values, written straight into the table's columns.
 *
 * Written because @gmod/vcf is too slow for this one job: it builds a full record (an INFO object
 * of arrays, the FILTER and ID lists) per line, and the table then builds a Variant and an INFO
 * record from that — ~13 µs a line, most of it allocation and garbage collection, where a
 * million-record file must be read in about twice bcftools' time. This reader allocates little
 * beyond the strings the table keeps.
 *
 * It takes only the lines it is sure of: a line with percent-encoded INFO, a POS or REF that is
 * not plain, INFO keys the library would order or merge differently (duplicates, numeric keys) or
 * too few columns returns false, and the caller reads it with the library (`recordVariants`). The
 * two give the same variants for every line of the real test files (tests/services/variants/vcfLine.test.ts).
 */
import { MAX_INFO_FIELDS, MAX_INFO_VALUE_LENGTH } from '../../../../shared/model/variants.js';
import type { CodedBuilder, VariantColumnsBuilder } from '../../../../shared/model/variantColumns.js';
import { alleleFraction, FORMAT_KEYS_USED, readDepth, type SampleFields } from './alleleFraction.js';
import { annotationOf, pickEntry } from './annotations.js';
import type { VcfHeader } from './vcfHeader.js';

const NOT_A_VARIANT = new Set(['<NON_REF>', '<*>', '*']);
const GENE_KEYS = ['GENE', 'SYMBOL', 'GENEINFO'];

type InfoType = 'flag' | 'number' | 'text';
type Coder = CodedBuilder;

/** One INFO field of the line being read: its key, its column, and the text kept (`source[start, end)`). */
type InfoField = { key: string; column: Coder | undefined; source: string; start: number; end: number };

type LineInfo = { count: number; annotation?: Array<string | undefined>; gene?: string };

export class VcfLineReader {
  private readonly infoTypes = new Map<string, InfoType>();
  /** Per FORMAT string, the column of each of FORMAT_KEYS_USED (-1 when absent). */
  private readonly formatColumns = new Map<string, Int32Array>();
  /** `CSQ.<field>` per annotation field. */
  private readonly annotationKeys: string[];
  /** A field name listed twice: the first non-empty value is kept, as InfoBuilder does. */
  private readonly repeatedAnnotationKeys: boolean;
  private readonly infoMeta: Record<string, { Type?: unknown } | undefined>;
  /** The INFO fields of the line being read (reused from line to line: lines mostly repeat the keys). */
  private readonly fields: InfoField[] = [];
  /** The builder the cached columns belong to. */
  private builder: VariantColumnsBuilder | undefined;
  private annotationColumns: Coder[] = [];

  constructor(private readonly header: VcfHeader) {
    this.infoMeta = (header.parser.getMetadata('INFO') ?? {}) as Record<string, { Type?: unknown } | undefined>;
    const keys = header.annotation ? header.annotation.fields.map((name) => `${header.annotation!.key}.${name}`) : [];
    this.annotationKeys = keys;
    this.repeatedAnnotationKeys = new Set(keys).size !== keys.length;
  }

  private infoType(key: string): InfoType {
    let type = this.infoTypes.get(key);
    if (type === undefined) {
      const declared = this.infoMeta[key]?.Type;
      type = declared === 'Flag' ? 'flag' : declared === 'Integer' || declared === 'Float' ? 'number' : 'text';
      this.infoTypes.set(key, type);
    }
    return type;
  }

  private formatColumnsOf(format: string): Int32Array {
    let columns = this.formatColumns.get(format);
    if (!columns) {
      const keys = format.split(':');
      columns = Int32Array.from(FORMAT_KEYS_USED, (key) => keys.indexOf(key));
      if (this.formatColumns.size < 1000) this.formatColumns.set(format, columns);
    }
    return columns;
  }

  /**
   * Reads one data line into `out` (one row per ALT that is a variant); false when the line is not
   * one this reader is sure of (nothing written then).
   */
  read(line: string, out: VariantColumnsBuilder): boolean {
    if (out !== this.builder) {
      this.builder = out;
      this.annotationColumns = this.annotationKeys.map((key) => out.infoColumn(key));
      for (const field of this.fields) field.column = undefined;
    }
    // Column ends: the first 8 tabs.
    const t0 = line.indexOf('\t');
    const t1 = t0 < 0 ? -1 : line.indexOf('\t', t0 + 1);
    const t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
    const t3 = t2 < 0 ? -1 : line.indexOf('\t', t2 + 1);
    const t4 = t3 < 0 ? -1 : line.indexOf('\t', t3 + 1);
    const t5 = t4 < 0 ? -1 : line.indexOf('\t', t4 + 1);
    const t6 = t5 < 0 ? -1 : line.indexOf('\t', t5 + 1);
    if (t6 < 0 || t0 === 0 || line.charCodeAt(line.length - 1) === 13) return false;
    const t7 = line.indexOf('\t', t6 + 1);
    const infoEnd = t7 < 0 ? line.length : t7;
    if (infoEnd === t6 + 1) return false; // empty INFO: the library's error

    let pos = 0;
    if (t1 === t0 + 1 || t1 - t0 > 16) return false;
    for (let i = t0 + 1; i < t1; i++) {
      const d = line.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      pos = pos * 10 + d;
    }
    if (t3 === t2 + 1) return false;
    for (let i = t2 + 1; i < t3; i++) {
      const c = line.charCodeAt(i) | 32; // lower-cased letter
      if (c < 97 || c > 122) return false;
    }

    const info = this.readInfo(line, t6 + 1, infoEnd);
    if (info === undefined) return false;

    const ref = line.slice(t2 + 1, t3);
    const altText = line.slice(t3 + 1, t4);
    const alts = altText === '.' ? [] : altText.indexOf(',') < 0 ? [altText] : altText.split(',');
    const noId = t2 === t1 + 2 && line.charCodeAt(t1 + 1) === 46;
    const qualText = line.slice(t4 + 1, t5);
    const qualNumber = qualText === '.' ? undefined : +qualText;
    const qual = qualNumber !== undefined && Number.isFinite(qualNumber) ? qualNumber : undefined;
    const sample = this.tumorFields(line, t7);
    const depth = readDepth(sample, alts.length);
    const { annotation } = this.header;

    for (let altIndex = 0; altIndex < alts.length; altIndex++) {
      const alt = alts[altIndex]!;
      if (NOT_A_VARIANT.has(alt)) continue;
      const entry = annotation && info.annotation !== undefined ? this.pickEntry(info.annotation, ref, alts, alt) : undefined;
      const picked = entry && annotation ? annotationOf(entry, annotation) : undefined;
      const row = out.addRow(pos, alleleFraction(sample, altIndex, alts.length, ref, alt), depth, qual);
      out.chrom.setRange(row, line, 0, t0);
      out.ref.set(row, ref);
      out.alt.set(row, alt);
      if (!noId) out.id.setRange(row, line, t1 + 1, t2);
      out.gene.set(row, picked?.gene ?? info.gene);
      out.consequence.set(row, picked?.consequence);
      out.hgvsc.set(row, picked?.hgvsc);
      out.hgvsp.set(row, picked?.hgvsp);
      out.filter.setRange(row, line, t5 + 1, t6);
      out.sample.set(row, this.header.tumorSample);
      // As InfoBuilder: the INFO fields, then the entry's, at most MAX_INFO_FIELDS, values cut.
      let count = 0;
      for (let k = 0; k < info.count && count < MAX_INFO_FIELDS; k++) {
        const field = this.fields[k]!;
        field.column ??= out.infoColumn(field.key);
        field.column.setRange(row, field.source, field.start, field.end);
        count += 1;
      }
      if (entry) {
        const added = this.repeatedAnnotationKeys ? new Set<string>() : undefined;
        for (let i = 0; i < this.annotationKeys.length && count < MAX_INFO_FIELDS; i++) {
          const value = entry[i]?.trim();
          if (value === undefined || value === '') continue;
          const key = this.annotationKeys[i]!;
          if (added?.has(key) || this.hasInfoKey(key, info.count)) continue;
          added?.add(key);
          const kept = cut(value);
          this.annotationColumns[i]!.setRange(row, kept, 0, kept.length);
          count += 1;
        }
      }
    }
    return true;
  }

  private hasInfoKey(key: string, count: number): boolean {
    for (let k = 0; k < count; k++) if (this.fields[k]!.key === key) return true;
    return false;
  }

  /** As pickEntry; a single entry (the usual VCF with one transcript picked by VEP --pick) is the answer whatever the ALT. */
  private pickEntry(entries: Array<string | undefined>, ref: string, alts: string[], alt: string): string[] | undefined {
    if (entries.length === 1) return entries[0] === undefined ? undefined : entries[0].split('|');
    return pickEntry(entries, this.header.annotation!, ref, alts, alt);
  }

  /**
   * The INFO column `line[start, end)`: its fields as the table keeps them (into this.fields), the
   * annotation's entries and a gene named in INFO; undefined when the library must read the line.
   */
  private readInfo(line: string, start: number, end: number): LineInfo | undefined {
    const result: LineInfo = { count: 0 };
    if (end - start === 1 && line.charCodeAt(start) === 46) return result; // '.'
    const percent = line.indexOf('%', start);
    if (percent >= 0 && percent < end) return undefined; // percent-decoding: the library's job
    const annotationKey = this.header.annotation?.key;
    let geneRank = GENE_KEYS.length;
    let annotationSeen = false;
    let at = start;
    while (at <= end) {
      let stop = line.indexOf(';', at);
      if (stop < 0 || stop > end) stop = end;
      let eq = line.indexOf('=', at);
      if (eq > stop || eq < 0) eq = -1;
      const keyEnd = eq < 0 ? stop : eq;
      const valueStart = eq < 0 ? stop : eq + 1;
      const index = result.count;
      // The key: the one this position had on the last line when it is the same (no string cut then).
      const previous = this.fields[index];
      let key: string;
      let reused = false;
      if (previous && previous.key.length === keyEnd - at && line.startsWith(previous.key, at)) {
        key = previous.key;
        reused = true;
      } else key = line.slice(at, keyEnd);
      const nextAt = stop + 1;
      // Keys a JS object would order first (array indices) or that are special to it, and repeated
      // keys (the library keeps the last value in the first place): left to the library.
      const k0 = key.charCodeAt(0);
      if ((k0 >= 48 && k0 <= 57) || key === '__proto__' || this.hasInfoKey(key, index)) return undefined;
      const type = this.infoType(key);
      if (key === annotationKey) {
        if (annotationSeen || type === 'number') return undefined;
        annotationSeen = true;
        if (type !== 'flag' && valueStart < stop) {
          result.annotation = line
            .slice(valueStart, stop)
            .split(',')
            .map((item) => (item === '.' ? undefined : item));
        }
        at = nextAt;
        continue;
      }
      let source = line;
      let from = valueStart;
      let to = stop;
      if (type === 'flag' || valueStart === stop) {
        source = 'true';
        from = 0;
        to = 4;
      } else if (type === 'number' || stop - valueStart > MAX_INFO_VALUE_LENGTH) {
        const value = line.slice(valueStart, stop);
        source = cut(type === 'number' ? numberText(value) : value);
        from = 0;
        to = source.length;
      }
      if (type === 'text' && valueStart < stop && geneRank > 0) {
        const rank = GENE_KEYS.indexOf(key);
        if (rank >= 0 && rank < geneRank) {
          const value = line.slice(valueStart, stop);
          const comma = value.indexOf(',');
          const first = comma < 0 ? value : value.slice(0, comma);
          if (first !== '' && first !== '.') {
            result.gene = first.split(/[:|]/)[0];
            geneRank = rank;
          }
        }
      }
      if (previous) {
        if (!reused) {
          previous.key = key;
          previous.column = undefined;
        }
        previous.source = source;
        previous.start = from;
        previous.end = to;
      } else this.fields.push({ key, column: undefined, source, start: from, end: to });
      result.count += 1;
      at = nextAt;
    }
    return result;
  }

  /** The tumor sample's FORMAT values we use; `t7` is the tab before FORMAT (-1: none). */
  private tumorFields(line: string, t7: number): SampleFields {
    const fields: SampleFields = {};
    const tumor = this.header.tumorIndex;
    if (tumor < 0 || t7 < 0) return fields;
    let t8 = line.indexOf('\t', t7 + 1);
    if (t8 < 0) return fields; // FORMAT without samples
    const format = line.slice(t7 + 1, t8);
    const columns = this.formatColumnsOf(format);
    let start = t8 + 1;
    for (let s = 0; s < tumor; s++) {
      t8 = line.indexOf('\t', start);
      if (t8 < 0) return fields;
      start = t8 + 1;
    }
    let end = line.indexOf('\t', start);
    if (end < 0) end = line.length;
    let maxColumn = -1;
    for (let k = 0; k < columns.length; k++) if (columns[k]! > maxColumn) maxColumn = columns[k]!;
    let column = 0;
    let fieldStart = start;
    for (let i = start; i <= end && column <= maxColumn; i++) {
      if (i === end || line.charCodeAt(i) === 58) {
        for (let k = 0; k < columns.length; k++)
          if (columns[k] === column) fields[FORMAT_KEYS_USED[k]!] = line.slice(fieldStart, i);
        column += 1;
        fieldStart = i + 1;
      }
    }
    return fields;
  }
}

/** A number as the library reads it (Number()) and the table shows it (String()). */
function numberText(value: string): string {
  if (isPlainInteger(value)) return value;
  const items = value.split(',');
  for (let i = 0; i < items.length; i++) if (items[i] !== '.') items[i] = String(Number(items[i]));
  return items.join(',');
}

/** Digits without a leading zero, short enough to be exact: String(Number(x)) === x. */
function isPlainInteger(value: string): boolean {
  if (value.length === 0 || value.length > 15) return false;
  if (value.charCodeAt(0) === 48 && value.length > 1) return false;
  for (let i = 0; i < value.length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

const cut = (value: string): string =>
  value.length > MAX_INFO_VALUE_LENGTH ? `${value.slice(0, MAX_INFO_VALUE_LENGTH - 1)}…` : value;
