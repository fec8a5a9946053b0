/**
 * Where each frame of one instance lies in its file, built once per file. Encapsulated frames are
 * found from the Extended Offset Table, else the Basic Offset Table, else by scanning the fragment
 * items (and, when there are more fragments than frames, by codestream markers: fragmentGrouping).
 * Native (uncompressed) frames are found by arithmetic.
 */
import { ServiceError, badFile } from '../../errors.js';
import { groupFragmentsIntoFrames, type FragmentEdges } from './fragmentGrouping.js';
import { TAG, UNDEFINED_LENGTH, tagName, type ElementLocation } from './headerScan.js';
import type { PositionalFile } from './positionalFile.js';
import { codestreamFamily, isEncapsulated } from './transferSyntax.js';

export interface FrameIndex {
  readonly frameCount: number;
  /** The frame's bytes as stored: all its fragments concatenated. */
  read(frame: number): Promise<Uint8Array>;
}

export type FrameSource = {
  file: PositionalFile;
  transferSyntaxUID: string;
  numberOfFrames: number;
  pixelData: ElementLocation;
  extendedOffsetTable?: ElementLocation;
  extendedOffsetTableLengths?: ElementLocation;
  /** Bytes per native frame (rows × columns × samples × bits allocated / 8). */
  nativeFrameBytes: number;
};

const ITEM_HEADER = 8;

export async function buildFrameIndex(source: FrameSource): Promise<FrameIndex> {
  if (!Number.isSafeInteger(source.numberOfFrames) || source.numberOfFrames < 1) {
    throw badFile(source.file.path, `Number of Frames is ${source.numberOfFrames}`);
  }
  return isEncapsulated(source.transferSyntaxUID) ? buildEncapsulatedIndex(source) : buildNativeIndex(source);
}

function buildNativeIndex({ file, numberOfFrames, pixelData, nativeFrameBytes }: FrameSource): FrameIndex {
  if (pixelData.length === UNDEFINED_LENGTH) throw badFile(file.path, 'uncompressed Pixel Data has an undefined length');
  if (!Number.isSafeInteger(nativeFrameBytes) || nativeFrameBytes <= 0) {
    throw new ServiceError('UNSUPPORTED', 'frames whose size is not a whole number of bytes are not supported', file.path);
  }
  if (numberOfFrames * nativeFrameBytes > pixelData.length) {
    throw badFile(
      file.path,
      `the Pixel Data holds ${pixelData.length} bytes, too few for ${numberOfFrames} frames of ${nativeFrameBytes}`,
    );
  }
  return {
    frameCount: numberOfFrames,
    read: (frame) => file.read(pixelData.valueOffset + frame * nativeFrameBytes, nativeFrameBytes, `frame ${frame + 1}`),
  };
}

/** Frame i is the item range [starts[i], ends[i]): one or more whole fragment items. */
class EncapsulatedFrames implements FrameIndex {
  constructor(
    private readonly file: PositionalFile,
    private readonly starts: Float64Array,
    private readonly ends: Float64Array,
  ) {}

  get frameCount(): number {
    return this.starts.length;
  }

  async read(frame: number): Promise<Uint8Array> {
    const start = this.starts[frame];
    const items = await this.file.read(start, this.ends[frame] - start, `frame ${frame + 1}`);
    return concatenateItemValues(items, this.file.path, frame);
  }
}

function concatenateItemValues(items: Uint8Array, path: string, frame: number): Uint8Array {
  const view = new DataView(items.buffer, items.byteOffset, items.byteLength);
  const values: Uint8Array[] = [];
  for (let at = 0; at < items.length;) {
    if (at + ITEM_HEADER > items.length || view.getUint32(at, true) !== 0xe000fffe) {
      throw badFile(path, `frame ${frame + 1} is not made of fragment items (byte ${at} of the frame)`);
    }
    const length = view.getUint32(at + 4, true);
    if (at + ITEM_HEADER + length > items.length) throw badFile(path, `a fragment of frame ${frame + 1} runs past the frame`);
    values.push(items.subarray(at + ITEM_HEADER, at + ITEM_HEADER + length));
    at += ITEM_HEADER + length;
  }
  if (values.length === 1) return values[0];
  const joined = new Uint8Array(values.reduce((sum, value) => sum + value.length, 0));
  let offset = 0;
  for (const value of values) {
    joined.set(value, offset);
    offset += value.length;
  }
  return joined;
}

type ItemHeader = { tag: number; length: number };

async function readItemHeader(file: PositionalFile, at: number): Promise<ItemHeader> {
  const bytes = await file.read(at, ITEM_HEADER, `the pixel data item at byte ${at}`);
  const view = new DataView(bytes.buffer);
  return { tag: ((view.getUint16(0, true) << 16) | view.getUint16(2, true)) >>> 0, length: view.getUint32(4, true) };
}

async function buildEncapsulatedIndex(source: FrameSource): Promise<FrameIndex> {
  const { file, numberOfFrames, pixelData } = source;
  if (pixelData.length !== UNDEFINED_LENGTH) throw badFile(file.path, 'compressed Pixel Data must have an undefined length');
  const table = await readItemHeader(file, pixelData.valueOffset);
  if (table.tag !== TAG.item) throw badFile(file.path, 'the Pixel Data does not start with its offset table item');
  file.assertWithin(pixelData.valueOffset + ITEM_HEADER, table.length, 'the Basic Offset Table');
  if (table.length % 4 !== 0) throw badFile(file.path, `the Basic Offset Table length ${table.length} is not a multiple of 4`);
  const firstFragment = pixelData.valueOffset + ITEM_HEADER + table.length;

  if (source.extendedOffsetTable && source.extendedOffsetTableLengths) {
    return fromExtendedOffsetTable(source, firstFragment);
  }
  if (table.length > 0) {
    const bytes = await file.read(pixelData.valueOffset + ITEM_HEADER, table.length, 'the Basic Offset Table');
    const view = new DataView(bytes.buffer);
    const offsets = Array.from({ length: table.length / 4 }, (_, i) => view.getUint32(i * 4, true));
    // A table that does not fit (wrong count, or offsets wrapped past 4 GB) is ignored, not trusted.
    const usable =
      offsets.length === numberOfFrames && offsets[0] === 0 && offsets.every((v, i) => i === 0 || v > offsets[i - 1]);
    if (usable) return fromBasicOffsetTable(file, firstFragment, offsets);
  }
  return fromFragmentScan(source, firstFragment);
}

function readUint64s(bytes: Uint8Array, path: string, what: string): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, i) => {
    const value = view.getBigUint64(i * 8, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw badFile(path, `${what} holds an impossible value ${value}`);
    return Number(value);
  });
}

async function fromExtendedOffsetTable(source: FrameSource, firstFragment: number): Promise<FrameIndex> {
  const { file, numberOfFrames } = source;
  const offsetsAt = source.extendedOffsetTable!;
  const lengthsAt = source.extendedOffsetTableLengths!;
  for (const location of [offsetsAt, lengthsAt]) {
    if (location.length !== numberOfFrames * 8) {
      throw badFile(
        file.path,
        `${tagName(location === offsetsAt ? TAG.extendedOffsetTable : TAG.extendedOffsetTableLengths)} has ${location.length / 8} entries for ${numberOfFrames} frames`,
      );
    }
  }
  const offsets = readUint64s(
    await file.read(offsetsAt.valueOffset, offsetsAt.length, 'the Extended Offset Table'),
    file.path,
    'the Extended Offset Table',
  );
  const lengths = readUint64s(
    await file.read(lengthsAt.valueOffset, lengthsAt.length, 'the Extended Offset Table Lengths'),
    file.path,
    'the Extended Offset Table Lengths',
  );
  const starts = new Float64Array(numberOfFrames);
  const ends = new Float64Array(numberOfFrames);
  for (let i = 0; i < numberOfFrames; i++) {
    // Each frame is one fragment: its item header, then `lengths[i]` bytes.
    starts[i] = firstFragment + offsets[i];
    ends[i] = starts[i] + ITEM_HEADER + lengths[i];
    file.assertWithin(starts[i], ends[i] - starts[i], `frame ${i + 1} (Extended Offset Table)`);
  }
  return new EncapsulatedFrames(file, starts, ends);
}

async function fromBasicOffsetTable(file: PositionalFile, firstFragment: number, offsets: number[]): Promise<FrameIndex> {
  const count = offsets.length;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    starts[i] = firstFragment + offsets[i];
    if (i > 0) ends[i - 1] = starts[i];
  }
  // The last frame runs to the sequence delimiter: walk only its own items.
  const tail = await scanItems(file, starts[count - 1]);
  if (tail.fragments.length === 0) throw badFile(file.path, 'the Basic Offset Table points past the last fragment');
  ends[count - 1] = tail.end;
  for (let i = 0; i < count; i++) file.assertWithin(starts[i], ends[i] - starts[i], `frame ${i + 1} (Basic Offset Table)`);
  return new EncapsulatedFrames(file, starts, ends);
}

type Fragment = { offset: number; length: number };

/** Fragment items from `at` to the sequence delimiter (or the end of the file). */
async function scanItems(file: PositionalFile, at: number): Promise<{ fragments: Fragment[]; end: number }> {
  const fragments: Fragment[] = [];
  while (at < file.size) {
    const item = await readItemHeader(file, at);
    if (item.tag === TAG.sequenceDelimitation) return { fragments, end: at };
    if (item.tag !== TAG.item)
      throw badFile(file.path, `expected a pixel data fragment at byte ${at}, found ${tagName(item.tag)}`);
    file.assertWithin(at + ITEM_HEADER, item.length, `the pixel data fragment at byte ${at}`);
    fragments.push({ offset: at, length: item.length });
    at += ITEM_HEADER + item.length;
  }
  return { fragments, end: at };
}

async function fromFragmentScan(source: FrameSource, firstFragment: number): Promise<FrameIndex> {
  const { file, numberOfFrames, transferSyntaxUID } = source;
  const { fragments } = await scanItems(file, firstFragment);
  const family = codestreamFamily(transferSyntaxUID);
  const needsEdges = fragments.length > numberOfFrames && numberOfFrames > 1;
  const edges = needsEdges ? await Promise.all(fragments.map((fragment) => readEdges(file, fragment))) : [];
  const firsts = groupFragmentsIntoFrames(fragments.length, numberOfFrames, family, (i) => edges[i]);
  if (!firsts) {
    throw badFile(
      file.path,
      `cannot tell which of the ${fragments.length} pixel data fragments make each of the ${numberOfFrames} frames`,
    );
  }
  const starts = new Float64Array(numberOfFrames);
  const ends = new Float64Array(numberOfFrames);
  firsts.forEach((first, frame) => {
    const last = (frame + 1 < firsts.length ? firsts[frame + 1] : fragments.length) - 1;
    starts[frame] = fragments[first].offset;
    ends[frame] = fragments[last].offset + ITEM_HEADER + fragments[last].length;
  });
  return new EncapsulatedFrames(file, starts, ends);
}

async function readEdges(file: PositionalFile, fragment: Fragment): Promise<FragmentEdges> {
  const value = fragment.offset + ITEM_HEADER;
  const headLength = Math.min(2, fragment.length);
  const tailLength = Math.min(4, fragment.length);
  return {
    head: await file.read(value, headLength, 'a fragment start'),
    tail: await file.read(value + fragment.length - tailLength, tailLength, 'a fragment end'),
  };
}
