/**
 * Our own walk over the element structure, from the preamble to the Pixel Data element. dcmjs
 * parses a dataset only from a whole buffer (cut mid-element it throws "Request more than
 * currently allocated buffer") and gives no byte offsets; so this walk decides how many bytes make
 * the header (read in growing chunks, never the whole file), and records where the Extended
 * Offset Table and Pixel Data lie. dcmjs then parses exactly those header bytes.
 */
import { ServiceError, badFile } from '../../errors.js';
import type { PositionalFile } from './positionalFile.js';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './transferSyntax.js';

export const UNDEFINED_LENGTH = 0xffffffff;

export const TAG = {
  metaGroupLength: 0x00020000,
  mediaStorageSOPClassUID: 0x00020002,
  transferSyntaxUID: 0x00020010,
  extendedOffsetTable: 0x7fe00001,
  extendedOffsetTableLengths: 0x7fe00002,
  pixelData: 0x7fe00010,
  item: 0xfffee000,
  itemDelimitation: 0xfffee00d,
  sequenceDelimitation: 0xfffee0dd,
} as const;

/** Where an element lies: `length` is UNDEFINED_LENGTH for an encapsulated Pixel Data value. */
export type ElementLocation = { elementOffset: number; valueOffset: number; length: number };

export type HeaderScan = {
  transferSyntaxUID: string;
  /** Preamble, meta group and every element before group 7FE0: what dcmjs parses. */
  headerBytes: Uint8Array;
  extendedOffsetTable?: ElementLocation;
  extendedOffsetTableLengths?: ElementLocation;
  pixelData?: ElementLocation;
};

const PREAMBLE_AND_MAGIC = 132;
const FIRST_CHUNK = 64 * 1024;
const MAX_SEQUENCE_DEPTH = 32;
/** Explicit VRs whose length is 4 bytes after 2 reserved bytes (PS3.5 7.1.2). */
const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

type ElementHeader = { tag: number; vr?: string; length: number; valueOffset: number };

export const tagName = (tag: number): string => {
  const hex = tag.toString(16).toUpperCase().padStart(8, '0');
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
};

/** Bytes from the start of the file, read in doubling chunks as the walk needs them. */
class GrowingPrefix {
  bytes = new Uint8Array(0);
  private view = new DataView(this.bytes.buffer);

  constructor(readonly file: PositionalFile) {}

  async ensure(end: number, what: string): Promise<void> {
    if (end <= this.bytes.length) return;
    this.file.assertWithin(0, end, what);
    const size = Math.min(this.file.size, Math.max(end, FIRST_CHUNK, this.bytes.length * 2));
    const grown = new Uint8Array(size);
    grown.set(this.bytes);
    grown.set(await this.file.read(this.bytes.length, size - this.bytes.length, what), this.bytes.length);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  ascii(at: number, length: number): string {
    return String.fromCharCode(...this.bytes.subarray(at, at + length));
  }
}

export async function isDicomPreamble(file: PositionalFile): Promise<boolean> {
  if (file.size < PREAMBLE_AND_MAGIC) return false;
  const magic = await file.read(128, 4, 'the DICM marker');
  return String.fromCharCode(...magic) === 'DICM';
}

type MetaGroup = { metaEnd: number; transferSyntaxUID: string; mediaStorageSOPClassUID?: string };

async function scanMeta(file: PositionalFile, prefix: GrowingPrefix, walker: ElementWalker): Promise<MetaGroup> {
  if (!(await isDicomPreamble(file))) throw badFile(file.path, 'not a DICOM file (no "DICM" after the 128-byte preamble)');

  const groupLength = await walker.readElementHeader(PREAMBLE_AND_MAGIC, true);
  if (groupLength.tag !== TAG.metaGroupLength || groupLength.length !== 4) {
    throw badFile(file.path, 'the File Meta Information Group Length (0002,0000) is missing');
  }
  await prefix.ensure(groupLength.valueOffset + 4, 'the File Meta Information');
  const metaEnd = groupLength.valueOffset + 4 + prefix.u32(groupLength.valueOffset);
  let transferSyntaxUID: string | undefined;
  let mediaStorageSOPClassUID: string | undefined;
  for (let at = groupLength.valueOffset + 4; at < metaEnd;) {
    const element = await walker.readElementHeader(at, true);
    at = await walker.skipValue(element, true, 0);
    const value = () => prefix.ascii(element.valueOffset, element.length).replace(/[\0 ]+$/, '');
    if (element.tag === TAG.transferSyntaxUID) transferSyntaxUID = value();
    if (element.tag === TAG.mediaStorageSOPClassUID) mediaStorageSOPClassUID = value();
    if (at > metaEnd) throw badFile(file.path, 'the File Meta Information is longer than its group length says');
  }
  if (!transferSyntaxUID) throw badFile(file.path, 'no Transfer Syntax UID (0002,0010) in the File Meta Information');
  return { metaEnd, transferSyntaxUID, mediaStorageSOPClassUID };
}

/** The SOP class the File Meta Information names (only the meta group is read): what kind of DICOM object a file holds. */
export async function readMediaSOPClass(file: PositionalFile): Promise<string | undefined> {
  const prefix = new GrowingPrefix(file);
  return (await scanMeta(file, prefix, new ElementWalker(prefix))).mediaStorageSOPClassUID;
}

export async function scanHeader(file: PositionalFile): Promise<HeaderScan> {
  const prefix = new GrowingPrefix(file);
  const walker = new ElementWalker(prefix);
  const { metaEnd, transferSyntaxUID } = await scanMeta(file, prefix, walker);
  if (transferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN || transferSyntaxUID === EXPLICIT_VR_BIG_ENDIAN) {
    throw new ServiceError(
      'UNSUPPORTED',
      `transfer syntax ${transferSyntaxUID} (deflated or big endian) is not supported`,
      file.path,
    );
  }
  const explicit = transferSyntaxUID !== IMPLICIT_VR_LITTLE_ENDIAN;

  // Top-level elements up to the first of group 7FE0: that is the header dcmjs will parse.
  let at = metaEnd;
  while (at < file.size) {
    const element = await walker.readElementHeader(at, explicit);
    if (element.tag >= TAG.extendedOffsetTable) break;
    if (element.tag >>> 16 === 0xfffe) throw badFile(file.path, `unexpected ${tagName(element.tag)} at byte ${at}`);
    at = await walker.skipValue(element, explicit, 0);
  }
  const result: HeaderScan = { transferSyntaxUID, headerBytes: prefix.bytes.subarray(0, Math.min(at, file.size)) };

  // The offset tables and Pixel Data: located, not loaded.
  while (at < file.size) {
    const element = await walker.readElementHeader(at, explicit);
    if (element.tag > TAG.pixelData) break;
    const location: ElementLocation = { elementOffset: at, valueOffset: element.valueOffset, length: element.length };
    if (element.tag === TAG.pixelData) {
      if (element.length !== UNDEFINED_LENGTH) file.assertWithin(element.valueOffset, element.length, 'the Pixel Data');
      result.pixelData = location;
      break;
    }
    if (element.length === UNDEFINED_LENGTH) throw badFile(file.path, `${tagName(element.tag)} has an undefined length`);
    file.assertWithin(element.valueOffset, element.length, tagName(element.tag));
    if (element.tag === TAG.extendedOffsetTable) result.extendedOffsetTable = location;
    if (element.tag === TAG.extendedOffsetTableLengths) result.extendedOffsetTableLengths = location;
    at = element.valueOffset + element.length;
  }
  return result;
}

/** Reads element headers and skips values (nested sequences included) over the growing prefix. */
class ElementWalker {
  constructor(private readonly prefix: GrowingPrefix) {}

  private get path(): string {
    return this.prefix.file.path;
  }

  async readElementHeader(at: number, explicit: boolean): Promise<ElementHeader> {
    await this.prefix.ensure(at + 8, `the element at byte ${at}`);
    const tag = ((this.prefix.u16(at) << 16) | this.prefix.u16(at + 2)) >>> 0;
    // Items and delimiters never carry a VR, whatever the transfer syntax.
    if (!explicit || tag >>> 16 === 0xfffe) return { tag, length: this.prefix.u32(at + 4), valueOffset: at + 8 };
    const vr = this.prefix.ascii(at + 4, 2);
    if (!/^[A-Z]{2}$/.test(vr)) throw badFile(this.path, `element ${tagName(tag)} at byte ${at} has no valid VR`);
    if (!LONG_LENGTH_VRS.has(vr)) return { tag, vr, length: this.prefix.u16(at + 6), valueOffset: at + 8 };
    await this.prefix.ensure(at + 12, `element ${tagName(tag)}`);
    return { tag, vr, length: this.prefix.u32(at + 8), valueOffset: at + 12 };
  }

  /** The offset just past the element's value. */
  async skipValue(element: ElementHeader, explicit: boolean, depth: number): Promise<number> {
    if (element.length !== UNDEFINED_LENGTH) {
      const end = element.valueOffset + element.length;
      await this.prefix.ensure(end, `element ${tagName(element.tag)} (${element.length} bytes at byte ${element.valueOffset})`);
      return end;
    }
    if (depth >= MAX_SEQUENCE_DEPTH) throw badFile(this.path, 'sequences are nested too deep');
    // Undefined length: a sequence. Inside UN it is encoded implicit VR little endian (PS3.5 6.2.2).
    return this.skipSequence(element.valueOffset, explicit && element.vr !== 'UN', depth + 1);
  }

  private async skipSequence(at: number, explicit: boolean, depth: number): Promise<number> {
    for (;;) {
      const item = await this.readElementHeader(at, explicit);
      if (item.tag === TAG.sequenceDelimitation) return item.valueOffset;
      if (item.tag !== TAG.item) throw badFile(this.path, `expected a sequence item at byte ${at}, found ${tagName(item.tag)}`);
      at =
        item.length === UNDEFINED_LENGTH
          ? await this.skipItemDataset(item.valueOffset, explicit, depth)
          : await this.skipValue(item, explicit, depth);
    }
  }

  private async skipItemDataset(at: number, explicit: boolean, depth: number): Promise<number> {
    for (;;) {
      const element = await this.readElementHeader(at, explicit);
      if (element.tag === TAG.itemDelimitation) return element.valueOffset;
      if (element.tag === TAG.sequenceDelimitation || element.tag === TAG.item) {
        throw badFile(this.path, `item at byte ${at} is not closed before ${tagName(element.tag)}`);
      }
      at = await this.skipValue(element, explicit, depth);
    }
  }
}
