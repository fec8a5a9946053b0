/**
 * The reference sequence names of a remote CRAM (3.x, or 2.1), from the SAM header in its first
 * container (which igv.js reads anyway, so it comes from the cache): a .crai names contigs by
 * their number in this list.
 */
import { gunzipSync } from 'node:zlib';
import type { RangeSource } from './partedFile.js';

const MAX_HEADER = 16 << 20;
const FILE_DEFINITION = 26;

export async function cramContigs(source: RangeSource): Promise<string[]> {
  let bytes = Buffer.from(await source.read(0, Math.min(source.size, 65_536) - 1));
  const need = async (end: number) => {
    if (end <= bytes.length) return;
    if (end > source.size || end > MAX_HEADER) throw new Error('the CRAM header is truncated or too large');
    bytes = Buffer.from(await source.read(0, end - 1));
  };
  await need(FILE_DEFINITION);
  if (bytes.subarray(0, 4).toString('latin1') !== 'CRAM') throw new Error('not a CRAM file');
  const major = bytes[4]!;
  if (major !== 2 && major !== 3) throw new Error(`CRAM version ${major} is not read here`);
  const withCrc = major >= 3;
  // The header container's header: its length, then numbers in CRAM's variable-length encodings.
  await need(FILE_DEFINITION + 4 + 64);
  const reader = new NumberReader(bytes, FILE_DEFINITION + 4);
  for (let i = 0; i < 4; i++) reader.itf8(); // reference, start, span, records
  reader.ltf8(); // record counter
  reader.ltf8(); // bases
  reader.itf8(); // blocks
  const landmarks = reader.itf8();
  for (let i = 0; i < landmarks; i++) reader.itf8();
  if (withCrc) reader.at += 4;
  // Its first block holds the SAM header text.
  await need(reader.at + 32);
  const method = bytes[reader.at]!;
  reader.at += 2; // method, content type
  reader.itf8(); // content id
  const compressedSize = reader.itf8();
  reader.itf8(); // raw size
  await need(reader.at + compressedSize);
  const stored = bytes.subarray(reader.at, reader.at + compressedSize);
  const data = method === 0 ? stored : method === 1 ? gunzipSync(stored) : null;
  if (!data) throw new Error(`the CRAM header block is compressed with method ${method}, not read here`);
  const text = data.subarray(4, 4 + data.readInt32LE(0)).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('@SQ\t'))
    .map((line) => /\tSN:([^\t]+)/.exec(line)?.[1] ?? '');
}

/** CRAM's ITF8 (up to 5 bytes) and LTF8 (up to 9 bytes) numbers, read from `at` on. */
class NumberReader {
  constructor(
    private readonly bytes: Buffer,
    public at: number,
  ) {}

  itf8(): number {
    const b = this.bytes;
    const b0 = b[this.at]!;
    const length = b0 < 0x80 ? 1 : b0 < 0xc0 ? 2 : b0 < 0xe0 ? 3 : b0 < 0xf0 ? 4 : 5;
    let value = length === 5 ? b0 & 0x0f : b0 & (0xff >> length);
    for (let i = 1; i < length; i++) value = i === 4 ? value * 16 + (b[this.at + i]! & 0x0f) : value * 256 + b[this.at + i]!;
    this.at += length;
    return length === 5 ? value | 0 : value;
  }

  /** Skipped, not decoded: its length is the count of leading one bits, plus one. */
  ltf8(): void {
    const b0 = this.bytes[this.at]!;
    let length = 1;
    while (length < 9 && b0 & (0x80 >> (length - 1))) length++;
    this.at += length;
  }
}
