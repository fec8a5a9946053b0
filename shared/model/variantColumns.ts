/**
 * A variant file's table as columns rather than one object per variant: numbers as typed arrays,
 * text as the distinct values plus one code per row. A million variants then cost tens of bytes
 * each (not the ~900 B of an object with its INFO record), cross the contract as a few strings
 * (typed arrays packed in base64: no million-object JSON to parse and validate) and filter and sort
 * over typed arrays in the renderer.
 */
import { z } from 'zod';
import { decodeBase64, encodeBase64 } from './base64.js';
import type { Variant } from './variants.js';

/**
 * A text column on the wire: distinct values, and per row the index of its value plus one (0: none),
 * in base64, as unsigned integers of `width` bytes (little-endian; the narrowest that holds every
 * code: most columns have few values, so most take one byte a row).
 */
export const CodedColumnWire = z.object({
  values: z.array(z.string()),
  width: z.union([z.literal(1), z.literal(2), z.literal(4)]),
  codes: z.string(),
});
export type CodedColumnWire = z.infer<typeof CodedColumnWire>;

export const TEXT_FIELDS = ['chrom', 'ref', 'alt', 'id', 'gene', 'consequence', 'hgvsc', 'hgvsp', 'filter', 'sample'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const NUMBER_FIELDS = ['pos', 'vaf', 'depth', 'qual'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** The wire form (what `variants.table` answers): numbers are Float64 LE in base64, NaN for none. */
export const VariantColumns = z.object({
  length: z.number().int().nonnegative(),
  numbers: z.object(Object.fromEntries(NUMBER_FIELDS.map((f) => [f, z.string()])) as Record<NumberField, z.ZodString>),
  text: z.object(Object.fromEntries(TEXT_FIELDS.map((f) => [f, CodedColumnWire])) as Record<TextField, typeof CodedColumnWire>),
  /** The INFO / annotation fields, one coded column per key, in first-seen order. */
  info: z.array(CodedColumnWire.extend({ key: z.string() })),
});
export type VariantColumns = z.infer<typeof VariantColumns>;

export type CodedColumn = { values: string[]; codes: Int32Array };
/** The columns as the table works with them. */
export type TypedColumns = {
  length: number;
  numbers: Record<NumberField, Float64Array>;
  text: Record<TextField, CodedColumn>;
  info: Map<string, CodedColumn>;
};

const INITIAL_CAPACITY = 1024;

/**
 * Codes for one text column, growing as rows are added; each distinct value is stored once. The
 * look-up is our own open-addressing hash over a range of the source text, so a reader can code a
 * field of a line without cutting a string out of it first (a Map needs a string per look-up, and
 * that allocation and hashing was most of the time of reading a million-line file).
 *
 * Codes are kept as the wire has them, the value's index plus one (0: none), in the wire's width
 * (one byte a row while there are fewer than 255 values, two below 65,535, else four): new rows
 * need no fill, a million rows take a quarter of the memory, and the wire form is the array's bytes.
 */
export class CodedBuilder {
  readonly values: string[] = [];
  /**
   * Open addressing, four numbers a slot: the value's code + 1 (0: empty slot), its hash, and where
   * its characters are kept in `chars` and how many. A look-up reads one slot and one run of
   * characters (for codeOfBytes, a typed array against a typed array).
   */
  private slots = new Int32Array(64 * 4);
  private chars = new Uint16Array(256);
  private charCount = 0;
  /** The slot of the last value coded (codeOfBytes compares with its kept characters first). */
  private lastAt = 0;
  /** Per row, the code of its value plus one; 0: none. */
  codes: WireCodes;
  private lastCode = -1;
  /** Whether comparing with the last value first pays (>= 0) on this column's recent rows. */
  private lastPays = 0;

  constructor(capacity: number) {
    this.codes = new Uint8Array(capacity);
  }

  set(row: number, value: string | undefined): void {
    if (value === undefined) return;
    const last = this.lastCode;
    // The very string of the last row (a file's tumor sample): no comparison of its characters.
    const code = last >= 0 && this.values[last] === value ? last : this.codeOf(value, 0, value.length); // first: it may widen the codes
    this.codes[row] = code + 1;
  }

  /** Codes `source.slice(start, end)` for the row. */
  setRange(row: number, source: string, start: number, end: number): void {
    const code = this.codeOf(source, start, end); // first: it may widen the codes
    this.codes[row] = code + 1;
  }

  /** The row's value's code (value index; -1: none). */
  codeAt(row: number): number {
    return this.codes[row]! - 1;
  }

  /** Gives the row the value of `code` (from codeOf). */
  setCode(row: number, code: number): void {
    this.codes[row] = code + 1;
  }

  /** The code of `source.slice(start, end)`, the value added when new. */
  codeOf(source: string, start: number, end: number): number {
    const length = end - start;
    const last = this.lastCode;
    // Neighbouring rows often share a value (chromosome, filter, sample): one comparison then. Only
    // while that pays: a column whose rows mostly differ (HGVS) would compare a common prefix in vain.
    if (last >= 0 && this.lastPays >= 0) {
      if (sameText(this.values[last]!, length, source, start)) {
        if (this.lastPays < 8) this.lastPays += 1;
        return last;
      }
      this.lastPays -= 1;
    }
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    let slot = hash & mask;
    for (;;) {
      const at = slot << 2;
      const entry = slots[at]!;
      if (entry === 0) break;
      if (slots[at + 1] === hash && slots[at + 3] === length && this.keptIs(slots[at + 2]!, source, start, length)) {
        const code = entry - 1;
        if (code === last) this.lastPays += 1; // the same value again: worth comparing with it first after all
        this.lastAt = at;
        return (this.lastCode = code);
      }
      slot = (slot + 1) & mask;
    }
    // A copy that shares no storage with the line it was cut from (a V8 sliced string would keep the line alive).
    const value = flat(start === 0 && end === source.length ? source : source.slice(start, end));
    const code = this.add(value, slot, hash);
    for (let i = 0; i < length; i++) this.chars[this.charCount++] = source.charCodeAt(start + i);
    return code;
  }

  /**
   * The code of the text of `bytes[start, end)`, which must be ASCII (a character a byte): what
   * codeOf gives for that text (the same hash, the same kept characters), read from the bytes a
   * file was read in rather than from a string cut from them, several times faster per character.
   */
  codeOfBytes(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const last = this.lastCode;
    const slots = this.slots;
    if (last >= 0 && this.lastPays >= 0) {
      if (this.keptBytes(slots, this.lastAt, bytes, start, length)) {
        if (this.lastPays < 8) this.lastPays += 1;
        return last;
      }
      this.lastPays -= 1;
    }
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const mask = (slots.length >> 2) - 1;
    let slot = hash & mask;
    for (;;) {
      const at = slot << 2;
      const entry = slots[at]!;
      if (entry === 0) break;
      if (slots[at + 1] === hash && this.keptBytes(slots, at, bytes, start, length)) {
        const code = entry - 1;
        if (code === last) this.lastPays += 1;
        this.lastAt = at;
        return (this.lastCode = code);
      }
      slot = (slot + 1) & mask;
    }
    const code = this.add(latin1(bytes, start, end), slot, hash);
    const chars = this.chars;
    for (let i = 0; i < length; i++) chars[this.charCount + i] = bytes[start + i]!;
    this.charCount += length;
    return code;
  }

  /** The value of the slot at `at` (a slot's first index) is `bytes[start, start + length)`. */
  private keptBytes(slots: Int32Array, at: number, bytes: Uint8Array, start: number, length: number): boolean {
    if (slots[at + 3] !== length) return false;
    const chars = this.chars;
    const offset = slots[at + 2]!;
    for (let i = 0; i < length; i++) if (chars[offset + i] !== bytes[start + i]) return false;
    return true;
  }

  /** The kept characters at `offset` are `source[start, start + length)`. */
  private keptIs(offset: number, source: string, start: number, length: number): boolean {
    const chars = this.chars;
    for (let i = 0; i < length; i++) if (chars[offset + i] !== source.charCodeAt(start + i)) return false;
    return true;
  }

  /** A new value into `slot` (its characters to be kept at charCount by the caller); its code. */
  private add(value: string, slot: number, hash: number): number {
    const code = this.values.length;
    this.values.push(value);
    if (this.charCount + value.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charCount + value.length));
      chars.set(this.chars.subarray(0, this.charCount));
      this.chars = chars;
    }
    let at = slot << 2;
    const slots = this.slots;
    slots[at] = code + 1;
    slots[at + 1] = hash;
    slots[at + 2] = this.charCount;
    slots[at + 3] = value.length;
    if (this.values.length * 2 > slots.length >> 2) at = this.rehash(at);
    this.lastAt = at;
    if (this.values.length === 0xff || this.values.length === 0xffff) this.widen();
    return (this.lastCode = code);
  }

  /** A table twice the size; returns where the slot at `at` went. */
  private rehash(at: number): number {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 2) - 1;
    let moved = -1;
    for (let from = 0; from < old.length; from += 4) {
      if (old[from] === 0) continue;
      let slot = old[from + 1]! & mask;
      while (slots[slot << 2] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(from, from + 4), slot << 2);
      if (from === at) moved = slot << 2;
    }
    this.slots = slots;
    return moved;
  }

  /** The next wire width, at the count of values where packWireCodes takes it. */
  private widen(): void {
    const next = this.values.length === 0xff ? new Uint16Array(this.codes.length) : new Int32Array(this.codes.length);
    next.set(this.codes);
    this.codes = next;
  }

  grow(capacity: number): void {
    const codes = this.codes;
    const next =
      codes instanceof Uint8Array
        ? new Uint8Array(capacity)
        : codes instanceof Uint16Array
          ? new Uint16Array(capacity)
          : new Int32Array(capacity);
    next.set(codes);
    this.codes = next;
  }

  /** The first `n` rows' codes as CodedColumn has them (-1: none). */
  column(n: number): CodedColumn {
    const codes = new Int32Array(n);
    codes.set(this.codes.subarray(0, n));
    for (let i = 0; i < n; i++) codes[i]! -= 1;
    return { values: this.values, codes };
  }
}

/**
 * Whether `source[start, start + length)` is `value`: a loop of char codes (String.prototype.startsWith
 * with a position was the slowest step of coding a million lines).
 */
function sameText(value: string, length: number, source: string, start: number): boolean {
  if (value.length !== length) return false;
  for (let i = 0; i < length; i++) if (value.charCodeAt(i) !== source.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Latin-1 (here: ASCII) bytes as a string, in calls of at most 1,024 characters, each through a
 * plain Uint8Array view (a Node Buffer's own subarray is several times slower to make).
 */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 1024) return String.fromCharCode.apply(null, byteView(bytes, start, end) as unknown as number[]);
  let text = '';
  for (let at = start; at < end; at += 1024)
    text += String.fromCharCode.apply(null, byteView(bytes, at, Math.min(end, at + 1024)) as unknown as number[]);
  return text;
}

const byteView = (bytes: Uint8Array, start: number, end: number): Uint8Array =>
  new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);

/** A copy of a string that shares no storage with the string it was cut from (V8 "sliced strings"). */
const flat = (text: string): string => (text.length > 12 ? (' ' + text).slice(1) : text);

/** Builds the columns one variant at a time (readers), then hands them out typed or packed for the wire. */
export class VariantColumnsBuilder {
  private capacity = INITIAL_CAPACITY;
  private rows = 0;
  // Explicit fields, not objects keyed by field name: this is the loop a million-line read runs.
  private pos = new Float64Array(INITIAL_CAPACITY);
  private vaf = new Float64Array(INITIAL_CAPACITY);
  private depth = new Float64Array(INITIAL_CAPACITY);
  private qual = new Float64Array(INITIAL_CAPACITY);
  readonly chrom = new CodedBuilder(INITIAL_CAPACITY);
  readonly ref = new CodedBuilder(INITIAL_CAPACITY);
  readonly alt = new CodedBuilder(INITIAL_CAPACITY);
  readonly id = new CodedBuilder(INITIAL_CAPACITY);
  readonly gene = new CodedBuilder(INITIAL_CAPACITY);
  readonly consequence = new CodedBuilder(INITIAL_CAPACITY);
  readonly hgvsc = new CodedBuilder(INITIAL_CAPACITY);
  readonly hgvsp = new CodedBuilder(INITIAL_CAPACITY);
  readonly filter = new CodedBuilder(INITIAL_CAPACITY);
  readonly sample = new CodedBuilder(INITIAL_CAPACITY);
  private readonly info = new Map<string, CodedBuilder>();

  get length(): number {
    return this.rows;
  }

  /** A new row with its numbers (NaN or undefined: none) and no text yet: set that through the coders. */
  addRow(pos: number, vaf: number | undefined, depth: number | undefined, qual: number | undefined): number {
    if (this.rows === this.capacity) this.grow();
    const row = this.rows++;
    this.pos[row] = pos;
    this.vaf[row] = vaf ?? NaN;
    this.depth[row] = depth ?? NaN;
    this.qual[row] = qual ?? NaN;
    return row;
  }

  private textCoders(): CodedBuilder[] {
    return [
      this.chrom,
      this.ref,
      this.alt,
      this.id,
      this.gene,
      this.consequence,
      this.hgvsc,
      this.hgvsp,
      this.filter,
      this.sample,
    ];
  }

  /** The coder of one INFO key's column, created on first use (a reader keeps it for the next lines). */
  infoColumn(key: string): CodedBuilder {
    let column = this.info.get(key);
    if (!column) this.info.set(key, (column = new CodedBuilder(this.capacity)));
    return column;
  }

  setInfo(key: string, row: number, value: string | undefined): void {
    if (value === undefined) return;
    let column = this.info.get(key);
    if (!column) this.info.set(key, (column = new CodedBuilder(this.capacity)));
    column.set(row, value);
  }

  push(v: Variant): void {
    const row = this.addRow(v.pos, v.vaf, v.depth, v.qual);
    this.chrom.set(row, v.chrom);
    this.ref.set(row, v.ref);
    this.alt.set(row, v.alt);
    this.id.set(row, v.id);
    this.gene.set(row, v.gene);
    this.consequence.set(row, v.consequence);
    this.hgvsc.set(row, v.hgvsc);
    this.hgvsp.set(row, v.hgvsp);
    this.filter.set(row, v.filter);
    this.sample.set(row, v.sample);
    if (v.info) for (const key in v.info) this.setInfo(key, row, v.info[key]);
  }

  /** Room for `rows` rows at once (a reader that can estimate its rows saves the copies of growing). */
  reserve(rows: number): void {
    while (this.capacity < rows) this.grow(Math.max(this.capacity * 4, rows));
  }

  private grow(to = this.capacity * 4): void {
    const capacity = (this.capacity = to); // by 4: fewer copies of every column; the spare is dropped when packed
    const grown = (array: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(capacity);
      next.set(array);
      return next;
    };
    this.pos = grown(this.pos);
    this.vaf = grown(this.vaf);
    this.depth = grown(this.depth);
    this.qual = grown(this.qual);
    for (const coder of this.textCoders()) coder.grow(capacity);
    for (const column of this.info.values()) column.grow(capacity);
  }

  /** The columns of the first `limit` rows (all by default); the numbers share the builder's arrays. */
  typed(limit = Infinity): TypedColumns {
    const n = Math.min(this.rows, limit);
    const coded = (b: CodedBuilder): CodedColumn => b.column(n);
    return {
      length: n,
      numbers: {
        pos: this.pos.subarray(0, n),
        vaf: this.vaf.subarray(0, n),
        depth: this.depth.subarray(0, n),
        qual: this.qual.subarray(0, n),
      },
      text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, coded(this[f])])) as Record<TextField, CodedColumn>,
      info: new Map([...this.info].map(([key, b]) => [key, coded(b)])),
    };
  }

  /** The wire form of the first `limit` rows (packed from the builder's codes, no typed copy first). */
  wire(limit = Infinity, encode: (bytes: Uint8Array) => string = encodeBase64): VariantColumns {
    const n = Math.min(this.rows, limit);
    const coded = (b: CodedBuilder): CodedColumnWire => packWireCodes(b.values, b.codes.subarray(0, n), encode);
    const numbers = { pos: this.pos, vaf: this.vaf, depth: this.depth, qual: this.qual };
    return {
      length: n,
      numbers: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, encode(bytesOf(numbers[f].subarray(0, n)))])) as Record<
        NumberField,
        string
      >,
      text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, coded(this[f])])) as Record<TextField, CodedColumnWire>,
      info: [...this.info].map(([key, b]) => ({ key, ...coded(b) })),
    };
  }
}

const bytesOf = (array: Float64Array | Int32Array | Uint16Array | Uint32Array): Uint8Array =>
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/** Codes as the wire has them: value index plus one (0: none), Uint8 / Uint16 / Int32 (see packWireCodes). */
type WireCodes = Uint8Array | Uint16Array | Int32Array;

/** Wire codes in the narrowest width that holds every code (narrowed natively by set() when wider). */
function packWireCodes(values: string[], wireCodes: WireCodes, encode: (bytes: Uint8Array) => string): CodedColumnWire {
  const width = values.length < 0xff ? 1 : values.length < 0xffff ? 2 : 4;
  const n = wireCodes.length;
  let packed: WireCodes = wireCodes;
  if (width === 1 && !(wireCodes instanceof Uint8Array)) (packed = new Uint8Array(n)).set(wireCodes);
  else if (width === 2 && !(wireCodes instanceof Uint16Array)) (packed = new Uint16Array(n)).set(wireCodes);
  else if (width === 4 && !(wireCodes instanceof Int32Array)) (packed = new Int32Array(n)).set(wireCodes);
  return { values, width, codes: encode(packed instanceof Uint8Array ? packed : bytesOf(packed)) };
}

function packCodes(c: CodedColumn, encode: (bytes: Uint8Array) => string): CodedColumnWire {
  const wireCodes = new Int32Array(c.codes.length);
  for (let i = 0; i < c.codes.length; i++) wireCodes[i] = c.codes[i]! + 1;
  return packWireCodes(c.values, wireCodes, encode);
}

function unpackCodes(c: CodedColumnWire, rows: number): CodedColumn {
  const bytes = decodeBase64(c.codes);
  if (bytes.byteLength !== rows * c.width) throw new Error(`a variant column holds ${bytes.byteLength} bytes, not ${rows} rows`);
  const codes = new Int32Array(rows);
  // set() widens natively; one loop over a single array type then makes the codes value indices.
  if (c.width === 1) codes.set(bytes);
  else if (c.width === 2) codes.set(new Uint16Array(bytes.buffer, bytes.byteOffset, rows));
  else codes.set(new Int32Array(bytes.buffer, bytes.byteOffset, rows));
  for (let i = 0; i < rows; i++) codes[i]! -= 1;
  return { values: c.values, codes };
}

export function packColumns(typed: TypedColumns, encode: (bytes: Uint8Array) => string = encodeBase64): VariantColumns {
  const coded = (c: CodedColumn): CodedColumnWire => packCodes(c, encode);
  return {
    length: typed.length,
    numbers: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, encode(bytesOf(typed.numbers[f]))])) as Record<NumberField, string>,
    text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, coded(typed.text[f])])) as Record<TextField, CodedColumnWire>,
    info: [...typed.info].map(([key, c]) => ({ key, ...coded(c) })),
  };
}

/** The typed columns of a wire table; a column of the wrong size is an error, not a silent misread. */
export function unpackColumns(wire: VariantColumns): TypedColumns {
  const n = wire.length;
  const array = (text: string, Kind: typeof Float64Array) => {
    const bytes = decodeBase64(text);
    if (bytes.byteLength !== n * Kind.BYTES_PER_ELEMENT)
      throw new Error(`a variant column holds ${bytes.byteLength} bytes, not ${n} rows`);
    return new Kind(bytes.buffer as ArrayBuffer);
  };
  const coded = (c: CodedColumnWire): CodedColumn => unpackCodes(c, n);
  return {
    length: n,
    numbers: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, array(wire.numbers[f], Float64Array)])) as Record<
      NumberField,
      Float64Array
    >,
    text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, coded(wire.text[f])])) as Record<TextField, CodedColumn>,
    info: new Map(wire.info.map(({ key, ...c }) => [key, coded(c)])),
  };
}

export const codedValue = (column: CodedColumn, row: number): string | undefined => {
  const code = column.codes[row]!;
  return code < 0 ? undefined : column.values[code];
};

const numberValue = (column: Float64Array, row: number): number | undefined => {
  const value = column[row]!;
  return Number.isNaN(value) ? undefined : value;
};

/** One row as a Variant object (the CLI's first 1,000, tests, a detail view). */
export function variantAt(c: TypedColumns, row: number): Variant {
  const v: Variant = {
    chrom: codedValue(c.text.chrom, row)!,
    pos: c.numbers.pos[row]!,
    ref: codedValue(c.text.ref, row)!,
    alt: codedValue(c.text.alt, row)!,
    filter: codedValue(c.text.filter, row)!,
  };
  const optional: Array<[keyof Variant, unknown]> = [
    ['id', codedValue(c.text.id, row)],
    ['gene', codedValue(c.text.gene, row)],
    ['consequence', codedValue(c.text.consequence, row)],
    ['hgvsc', codedValue(c.text.hgvsc, row)],
    ['hgvsp', codedValue(c.text.hgvsp, row)],
    ['vaf', numberValue(c.numbers.vaf, row)],
    ['depth', numberValue(c.numbers.depth, row)],
    ['qual', numberValue(c.numbers.qual, row)],
    ['sample', codedValue(c.text.sample, row)],
  ];
  for (const [key, value] of optional) if (value !== undefined) (v as Record<string, unknown>)[key] = value;
  const info = infoAt(c, row);
  if (info) v.info = info;
  return v;
}

/** The INFO / annotation fields of one row, or undefined when it has none. */
export function infoAt(c: TypedColumns, row: number): Record<string, string> | undefined {
  let info: Record<string, string> | undefined;
  for (const [key, column] of c.info) {
    const value = codedValue(column, row);
    if (value !== undefined) (info ??= {})[key] = value;
  }
  return info;
}

/** Columns of a list of variants. */
export function columnsOf(variants: readonly Variant[]): VariantColumnsBuilder {
  const builder = new VariantColumnsBuilder();
  for (const v of variants) builder.push(v);
  return builder;
}

/** Every row of a wire table as Variant objects (small tables: the CLI, tests). */
export function variantsOf(table: { columns: VariantColumns }, limit = Infinity): Variant[] {
  const typed = unpackColumns(table.columns);
  const n = Math.min(typed.length, limit);
  const out: Variant[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = variantAt(typed, i);
  return out;
}
