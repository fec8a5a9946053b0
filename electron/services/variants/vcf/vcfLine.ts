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
import { CodedBuilder, type VariantColumnsBuilder } from '../../../../shared/model/variantColumns.js';
import { alleleFraction, FORMAT_KEYS_USED, readDepth, type SampleFields } from './alleleFraction.js';
import { annotationOf, pickEntry } from './annotations.js';
import { shortProteinChange, withoutSequenceId } from '../proteinChange.js';
import type { VcfHeader } from './vcfHeader.js';

const NOT_A_VARIANT = new Set(['<NON_REF>', '<*>', '*']);
const GENE_KEYS = ['GENE', 'SYMBOL', 'GENEINFO'];

type InfoType = 'flag' | 'number' | 'text';
type Coder = CodedBuilder;

/** One INFO field of the line being read: its key, its type, its column, and the text kept (`source[start, end)`). */
type InfoField = { key: string; type: InfoType; column: Coder | undefined; source: string; start: number; end: number };

/**
 * The INFO column of the line being read. The annotation is kept as its range in the line: the
 * usual single entry is then read field by field in place, never split into strings.
 */
type LineInfo = {
  count: number;
  /** `[annotationStart, annotationEnd)` of the line: the annotation's value (-1: none). */
  annotationStart: number;
  annotationEnd: number;
  gene?: string;
};

/** Most '|' fields of an annotation entry read in place; an entry with more is split into strings. */
const MAX_ENTRY_FIELDS = 256;

export class VcfLineReader {
  private readonly infoTypes = new Map<string, InfoType>();
  /** Per FORMAT string, for each of its columns the FORMAT_KEYS_USED key there (-1: one we do not use). */
  private readonly formatColumns = new Map<string, Int32Array>();
  private lastFormat: string | undefined;
  private lastFormatColumns: Int32Array | undefined;
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
  /** Reused by every line (no object per line). */
  private readonly info: LineInfo = { count: 0, annotationStart: -1, annotationEnd: -1 };
  /** The trimmed `[start, end)` of each '|' field of the line's single annotation entry. */
  private readonly entryStarts = new Int32Array(MAX_ENTRY_FIELDS);
  private readonly entryEnds = new Int32Array(MAX_ENTRY_FIELDS);
  /** The tumor sample's value range per FORMAT_KEYS_USED key (-1: absent). */
  private readonly sampleStarts = new Int32Array(FORMAT_KEYS_USED.length);
  private readonly sampleEnds = new Int32Array(FORMAT_KEYS_USED.length);
  /** Raw HGVSp texts, each coded once, and the table's code of its short form (shortProteinChange) per raw code. */
  private rawProtein = new CodedBuilder(0);
  private shortProteinCodes: number[] = [];
  /** The table's gene, consequence and HGVS codes per code of the annotation field they come from. */
  private derived = new DerivedCodes(this.annotationColumns);

  constructor(private readonly header: VcfHeader) {
    this.infoMeta = (header.parser.getMetadata('INFO') ?? {}) as Record<string, { Type?: unknown } | undefined>;
    const keys = header.annotation ? header.annotation.fields.map((name) => `${header.annotation!.key}.${name}`) : [];
    this.annotationKeys = keys;
    this.repeatedAnnotationKeys = new Set(keys).size !== keys.length;
  }

  private annotationType: InfoType | undefined;

  private infoType(key: string): InfoType {
    let type = this.infoTypes.get(key);
    if (type === undefined) {
      const declared = this.infoMeta[key]?.Type;
      type = declared === 'Flag' ? 'flag' : declared === 'Integer' || declared === 'Float' ? 'number' : 'text';
      this.infoTypes.set(key, type);
    }
    return type;
  }

  private formatColumnsOf(line: string, start: number, end: number): Int32Array {
    // Lines mostly repeat the last FORMAT: compared in place, no string cut then.
    const last = this.lastFormat;
    if (last !== undefined && textAt(line, start, end, last)) return this.lastFormatColumns!;
    const format = line.slice(start, end);
    let columns = this.formatColumns.get(format);
    if (!columns) {
      const keys = format.split(':');
      // Up to the last column we use: a sample's fields are read no further.
      const used = keys.map((key, column) => (keys.indexOf(key) === column ? FORMAT_KEYS_USED.indexOf(key) : -1));
      while (used.length > 0 && used.at(-1)! < 0) used.pop();
      columns = Int32Array.from(used);
      if (this.formatColumns.size < 1000) this.formatColumns.set(format, columns);
    }
    this.lastFormat = format;
    this.lastFormatColumns = columns;
    return columns;
  }

  /**
   * Reads one data line into `out` (one row per ALT that is a variant); false when the line is not
   * one this reader is sure of (nothing written then). `bytes` from `byteStart` on are the line's, when
   * known (see LineHandler): values are then coded from them.
   */
  read(line: string, out: VariantColumnsBuilder, bytes?: Uint8Array, byteStart = 0): boolean {
    this.line = line;
    this.bytes = bytes;
    this.byteBase = byteStart;
    if (out !== this.builder) {
      this.builder = out;
      this.annotationColumns = this.annotationKeys.map((key) => out.infoColumn(key));
      for (const field of this.fields) field.column = undefined;
      this.rawProtein = new CodedBuilder(0);
      this.shortProteinCodes = [];
      this.derived = new DerivedCodes(this.annotationColumns);
    }
    // Column ends: the first 8 tabs; the 7 before INFO from the bytes in one loop when known (short
    // columns: cheaper than a call to indexOf each), the one after INFO by indexOf.
    const tabs = this.tabs;
    this.tabsBeforeInfo(line);
    const t0 = tabs[0]!;
    const t1 = tabs[1]!;
    const t2 = tabs[2]!;
    const t3 = tabs[3]!;
    const t4 = tabs[4]!;
    const t5 = tabs[5]!;
    const t6 = tabs[6]!;
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
    this.tumorRanges(line, t7);
    // The usual single value of AF and DP read in place; anything else through alleleFraction/readDepth.
    let sample: SampleFields | undefined;
    const dp = simpleNumber(line, this.sampleStarts[DP]!, this.sampleEnds[DP]!);
    const depth = Number.isNaN(dp) ? readDepth((sample ??= this.tumorFields(line)), alts.length) : dp;
    const { annotation } = this.header;
    // The single entry (VEP --pick, one transcript) read in place; several entries go through pickEntry.
    let entries: Array<string | undefined> | undefined;
    let inPlace = false;
    if (annotation && info.annotationStart >= 0) {
      const { annotationStart: start, annotationEnd: end } = info;
      const comma = line.indexOf(',', start);
      if (comma >= 0 && comma < end) entries = this.annotationEntries(line, start, end);
      else if (!(end - start === 1 && line.charCodeAt(start) === 46)) {
        inPlace = this.entryRanges(line, start, end);
        if (!inPlace) entries = [line.slice(start, end)];
      }
    }

    for (let altIndex = 0; altIndex < alts.length; altIndex++) {
      const alt = alts[altIndex]!;
      if (NOT_A_VARIANT.has(alt)) continue;
      const af = alts.length === 1 ? simpleNumber(line, this.sampleStarts[AF]!, this.sampleEnds[AF]!) : NaN;
      const vaf = af >= 0 && af <= 1 ? af : alleleFraction((sample ??= this.tumorFields(line)), altIndex, alts.length, ref, alt);
      const row = out.addRow(pos, vaf, depth, qual);
      out.chrom.setCode(row, this.code(out.chrom, line, 0, t0));
      out.ref.set(row, ref);
      out.alt.set(row, alt);
      if (!noId) out.id.setCode(row, this.code(out.id, line, t1 + 1, t2));
      out.filter.setCode(row, this.code(out.filter, line, t5 + 1, t6));
      out.sample.set(row, this.header.tumorSample);
      if (inPlace) this.writeEntryFields(row, line, out, info);
      else {
        const entry = entries !== undefined ? this.pickEntry(entries, ref, alts, alt) : undefined;
        const picked = entry && annotation ? annotationOf(entry, annotation) : undefined;
        out.gene.set(row, picked?.gene ?? info.gene);
        out.consequence.set(row, picked?.consequence);
        out.hgvsc.set(row, picked?.hgvsc);
        out.hgvsp.set(row, picked?.hgvsp);
        const count = this.writeInfoFields(row, info);
        if (entry) this.writeEntryStrings(row, entry, info, count);
      }
    }
    return true;
  }

  /** As InfoBuilder: the INFO fields first, at most MAX_INFO_FIELDS; returns how many. */
  private writeInfoFields(row: number, info: LineInfo): number {
    let count = 0;
    for (let k = 0; k < info.count && count < MAX_INFO_FIELDS; k++) {
      const field = this.fields[k]!;
      field.column ??= this.builder!.infoColumn(field.key);
      field.column.setCode(row, this.code(field.column, field.source, field.start, field.end));
      count += 1;
    }
    return count;
  }

  /** The chosen entry's fields (`CSQ.<field>`) after the INFO fields, values trimmed and cut. */
  private writeEntryStrings(row: number, entry: string[], info: LineInfo, count: number): void {
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

  /**
   * The single entry read in place (entryRanges): what annotationOf and writeEntryStrings give for
   * it, each field coded from its range of the line.
   */
  private writeEntryFields(row: number, line: string, out: VariantColumnsBuilder, info: LineInfo): void {
    const { at } = this.header.annotation!;
    const fieldCount = this.entryFieldCount;
    const starts = this.entryStarts;
    const ends = this.entryEnds;
    // The entry's fields as INFO columns first: the code each gets there is then the key to the
    // gene, consequence and HGVS it gives, worked out once per distinct value (see derived()).
    let count = this.writeInfoFields(row, info);
    const added = this.repeatedAnnotationKeys ? new Set<string>() : undefined;
    let geneCode = -1;
    let consequenceCode = -1;
    let hgvscCode = -1;
    let hgvspCode = -1;
    for (let i = 0; i < this.annotationKeys.length && count < MAX_INFO_FIELDS; i++) {
      if (!(i < fieldCount && ends[i]! > starts[i]!)) continue;
      const key = this.annotationKeys[i]!;
      if (added?.has(key) || this.hasInfoKey(key, info.count)) continue;
      added?.add(key);
      const start = starts[i]!;
      const end = ends[i]!;
      const column = this.annotationColumns[i]!;
      if (end - start > MAX_INFO_VALUE_LENGTH) {
        const kept = cut(line.slice(start, end));
        column.setRange(row, kept, 0, kept.length);
      } else {
        const code = this.code(column, line, start, end);
        column.setCode(row, code);
        if (i === at.gene) geneCode = code;
        if (i === at.consequence) consequenceCode = code;
        if (i === at.hgvsc) hgvscCode = code;
        if (i === at.hgvsp) hgvspCode = code;
      }
      count += 1;
    }
    const derived = this.derived;
    if (geneCode >= 0) out.gene.setCode(row, derived.gene(geneCode, at.gene, out));
    else if (this.entryHas(at.gene)) out.gene.setCode(row, this.code(out.gene, line, starts[at.gene]!, ends[at.gene]!));
    else out.gene.set(row, info.gene);
    if (consequenceCode >= 0) out.consequence.setCode(row, derived.consequence(consequenceCode, at.consequence, out));
    else if (this.entryHas(at.consequence)) {
      const start = starts[at.consequence]!;
      const end = ends[at.consequence]!;
      const amp = line.indexOf('&', start); // "missense_variant&splice_region_variant": the first term is the most severe
      out.consequence.setCode(row, this.code(out.consequence, line, start, amp >= 0 && amp < end ? amp : end));
    }
    if (hgvscCode >= 0) out.hgvsc.setCode(row, derived.hgvsc(hgvscCode, at.hgvsc, out));
    else if (this.entryHas(at.hgvsc)) {
      const start = starts[at.hgvsc]!;
      const end = ends[at.hgvsc]!;
      const colon = line.indexOf(':', start); // withoutSequenceId
      out.hgvsc.setCode(row, this.code(out.hgvsc, line, colon >= 0 && colon < end ? colon + 1 : start, end));
    }
    if (hgvspCode >= 0) out.hgvsp.setCode(row, derived.hgvsp(hgvspCode, at.hgvsp, out));
    else if (this.entryHas(at.hgvsp)) {
      const raw = this.code(this.rawProtein, line, starts[at.hgvsp]!, ends[at.hgvsp]!);
      let code = this.shortProteinCodes[raw];
      if (code === undefined) {
        const short = shortProteinChange(this.rawProtein.values[raw]!);
        this.shortProteinCodes[raw] = code = out.hgvsp.codeOf(short, 0, short.length);
      }
      out.hgvsp.setCode(row, code);
    }
  }

  private entryFieldCount = 0;

  /** The first 7 tabs of the line being read (-1: fewer). */
  private readonly tabs = new Int32Array(7);

  private tabsBeforeInfo(line: string): void {
    const tabs = this.tabs;
    const bytes = this.bytes;
    let k = 0;
    if (bytes !== undefined) {
      const base = this.byteBase;
      const end = base + line.length;
      for (let i = base; i < end && k < 7; i++) if (bytes[i] === 9) tabs[k++] = i - base;
    } else for (let at = line.indexOf('\t'); at >= 0 && k < 7; at = line.indexOf('\t', at + 1)) tabs[k++] = at;
    while (k < 7) tabs[k++] = -1;
  }

  /** The line being read, and its bytes when the file's reader gave them (ASCII: character i is `bytes[byteBase + i]`). */
  private line = '';
  private bytes: Uint8Array | undefined;
  private byteBase = 0;

  /** `column`'s code of `source[start, end)`: from the line's bytes when it is the line and they are known. */
  private code(column: Coder, source: string, start: number, end: number): number {
    const bytes = this.bytes;
    if (bytes !== undefined && source === this.line) return column.codeOfBytes(bytes, this.byteBase + start, this.byteBase + end);
    return column.codeOf(source, start, end);
  }

  /** Whether field `i` of the entry (entryRanges) has a value. */
  private entryHas(i: number): boolean {
    return i >= 0 && i < this.entryFieldCount && this.entryEnds[i]! > this.entryStarts[i]!;
  }

  /**
   * The '|' fields of the one entry `line[start, end)`, trimmed as String.prototype.trim trims, into
   * entryStarts/entryEnds; false (nothing usable) when it has more fields than they hold.
   */
  private entryRanges(line: string, start: number, end: number): boolean {
    let count = 0;
    let fieldStart = start;
    for (;;) {
      let bar = line.indexOf('|', fieldStart);
      if (bar < 0 || bar > end) bar = end;
      if (count === MAX_ENTRY_FIELDS) return false;
      let s = fieldStart;
      let e = bar;
      while (s < e && isTrimmed(line.charCodeAt(s))) s++;
      while (e > s && isTrimmed(line.charCodeAt(e - 1))) e--;
      this.entryStarts[count] = s;
      this.entryEnds[count] = e;
      count += 1;
      if (bar === end) break;
      fieldStart = bar + 1;
    }
    this.entryFieldCount = count;
    return true;
  }

  /** The annotation's entries as strings ('.' as undefined), for pickEntry. */
  private annotationEntries(line: string, start: number, end: number): Array<string | undefined> {
    return line
      .slice(start, end)
      .split(',')
      .map((item) => (item === '.' ? undefined : item));
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
    const result = this.info;
    result.count = 0;
    result.annotationStart = result.annotationEnd = -1;
    result.gene = undefined;
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
      let type: InfoType;
      let reused = false;
      if (previous && textAt(line, at, keyEnd, previous.key)) {
        key = previous.key;
        type = previous.type;
        reused = true;
      } else if (annotationKey !== undefined && textAt(line, at, keyEnd, annotationKey)) {
        key = annotationKey; // not among the fields kept: compared in place, as a kept key is
        type = this.annotationType ??= this.infoType(key);
      } else {
        key = line.slice(at, keyEnd);
        // Keys a JS object would order first (array indices) or that are special to it: left to the library.
        const k0 = key.charCodeAt(0);
        if ((k0 >= 48 && k0 <= 57) || key === '__proto__') return undefined;
        type = this.infoType(key);
      }
      const nextAt = stop + 1;
      // Repeated keys (the library keeps the last value in the first place): left to the library.
      if (this.hasInfoKey(key, index)) return undefined;
      if (key === annotationKey) {
        if (annotationSeen || type === 'number') return undefined;
        annotationSeen = true;
        if (type !== 'flag' && valueStart < stop) {
          result.annotationStart = valueStart;
          result.annotationEnd = stop;
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
      } else if (type === 'number' ? !isPlainIntegerAt(line, valueStart, stop) : stop - valueStart > MAX_INFO_VALUE_LENGTH) {
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
          previous.type = type;
          previous.column = undefined;
        }
        previous.source = source;
        previous.start = from;
        previous.end = to;
      } else this.fields.push({ key, type, column: undefined, source, start: from, end: to });
      result.count += 1;
      at = nextAt;
    }
    return result;
  }

  /**
   * The ranges of the tumor sample's FORMAT values we use into sampleStarts/sampleEnds (-1: absent);
   * `t7` is the tab before FORMAT (-1: none).
   */
  private tumorRanges(line: string, t7: number): void {
    const starts = this.sampleStarts;
    const ends = this.sampleEnds;
    for (let k = 0; k < starts.length; k++) starts[k] = ends[k] = -1; // a loop: fill() is a call per line
    const tumor = this.header.tumorIndex;
    if (tumor < 0 || t7 < 0) return;
    let t8 = line.indexOf('\t', t7 + 1);
    if (t8 < 0) return; // FORMAT without samples
    const keyAt = this.formatColumnsOf(line, t7 + 1, t8);
    let start = t8 + 1;
    for (let s = 0; s < tumor; s++) {
      t8 = line.indexOf('\t', start);
      if (t8 < 0) return;
      start = t8 + 1;
    }
    let end = line.indexOf('\t', start);
    if (end < 0) end = line.length;
    let column = 0;
    let fieldStart = start;
    for (let i = start; i <= end && column < keyAt.length; i++) {
      if (i === end || line.charCodeAt(i) === 58) {
        const k = keyAt[column]!;
        if (k >= 0) {
          starts[k] = fieldStart;
          ends[k] = i;
        }
        column += 1;
        fieldStart = i + 1;
      }
    }
  }

  /** The tumor sample's FORMAT values we use, as text (from tumorRanges). */
  private tumorFields(line: string): SampleFields {
    const fields: SampleFields = {};
    for (let k = 0; k < FORMAT_KEYS_USED.length; k++) {
      if (this.sampleStarts[k]! >= 0) fields[FORMAT_KEYS_USED[k]!] = line.slice(this.sampleStarts[k], this.sampleEnds[k]);
    }
    return fields;
  }
}

/**
 * What annotationOf makes of an annotation field's value (gene as it is, the consequence's first
 * term, HGVSc without its sequence id, HGVSp's short form), per code of that value in the field's
 * INFO column: each distinct value is worked out once, and a row costs an array look-up.
 */
class DerivedCodes {
  private readonly genes: number[] = [];
  private readonly consequences: number[] = [];
  private readonly hgvscs: number[] = [];
  private readonly hgvsps: number[] = [];

  constructor(private readonly fields: readonly Coder[]) {}

  private of(memo: number[], code: number, field: number, into: Coder, derive: (value: string) => string): number {
    let derived = memo[code];
    if (derived === undefined) {
      const value = derive(this.fields[field]!.values[code]!);
      memo[code] = derived = into.codeOf(value, 0, value.length);
    }
    return derived;
  }

  gene(code: number, field: number, out: VariantColumnsBuilder): number {
    return this.of(this.genes, code, field, out.gene, sameValue);
  }

  consequence(code: number, field: number, out: VariantColumnsBuilder): number {
    return this.of(this.consequences, code, field, out.consequence, firstTerm);
  }

  hgvsc(code: number, field: number, out: VariantColumnsBuilder): number {
    return this.of(this.hgvscs, code, field, out.hgvsc, withoutSequenceId);
  }

  hgvsp(code: number, field: number, out: VariantColumnsBuilder): number {
    return this.of(this.hgvsps, code, field, out.hgvsp, shortProteinChange);
  }
}

// Module functions rather than arrows at the call: a closure a row is garbage (and, under tsx, a __name call).
const sameValue = (value: string): string => value;
/** "missense_variant&splice_region_variant": the first term is the most severe. */
function firstTerm(value: string): string {
  const amp = value.indexOf('&');
  return amp < 0 ? value : value.slice(0, amp);
}

/** Where AF and DP are in FORMAT_KEYS_USED. */
const AF = FORMAT_KEYS_USED.indexOf('AF');
const DP = FORMAT_KEYS_USED.indexOf('DP');

/**
 * `line[start, end)` as a number when it is plain decimal digits with at most one '.' (and at most 15
 * digits, at most 22 after the point): the integer of its digits divided by a power of ten, both
 * exact doubles, so the one rounding of the division gives exactly what Number() gives. NaN for
 * anything else (absent, '.', signs, exponents, lists), which the caller reads the general way.
 */
function simpleNumber(line: string, start: number, end: number): number {
  if (start < 0 || end <= start || end - start > 16) return NaN;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 46) {
      if (point >= 0) return NaN;
      point = i;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    mantissa = mantissa * 10 + d;
    digits += 1;
  }
  if (digits === 0 || digits > 15) return NaN;
  return point < 0 ? mantissa : mantissa / POWERS_OF_TEN[end - point - 1]!;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
function isTrimmed(c: number): boolean {
  if (c > 32 && c < 160) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether `line[start, end)` is `text` (a char loop: startsWith with a position is several times slower). */
function textAt(line: string, start: number, end: number, text: string): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (line.charCodeAt(start + i) !== text.charCodeAt(i)) return false;
  return true;
}

/** isPlainInteger of `line[start, end)`, without cutting it out. */
function isPlainIntegerAt(line: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 0 || length > 15) return false;
  if (line.charCodeAt(start) === 48 && length > 1) return false;
  for (let i = start; i < end; i++) {
    const d = line.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
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
