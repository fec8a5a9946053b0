/**
 * Text files as the variant readers see them: plain or gzip/bgzip (by magic bytes, not by name),
 * streamed line by line so a large file is never held in one string.
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { badFile } from '../errors.js';

const GZIP_MAGIC = [0x1f, 0x8b];
/** Compressed bytes read when sniffing: a bgzip block holds up to 64 KiB of text. */
const HEAD_COMPRESSED_BYTES = 16 * 1024;

async function readStart(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];

/**
 * The first `maxChars` characters of the file's text, decompressed if gzipped. Throws the raw
 * fs/zlib error: the caller decides whether that is a bad file or just "not mine".
 */
export async function readTextHead(path: string, maxChars = 64 * 1024): Promise<string> {
  const start = await readStart(path, Math.max(maxChars, HEAD_COMPRESSED_BYTES));
  // SYNC_FLUSH lets zlib return what it could inflate from a truncated stream instead of failing.
  const bytes = isGzip(start)
    ? gunzipSync(start.subarray(0, HEAD_COMPRESSED_BYTES), { finishFlush: zlibConstants.Z_SYNC_FLUSH })
    : start;
  return new TextDecoder('utf-8').decode(bytes.subarray(0, maxChars));
}

const READ_CHUNK = 64 * 1024;

/**
 * Called for each line, without its terminator; line numbers start at 1. When the line is ASCII and
 * lies whole in the chunk the file was read in, also that chunk's bytes and where the line starts
 * in them (the line's characters are then `bytes[byteStart, byteStart + line.length)`), for a
 * reader that would rather read bytes than characters.
 */
export type LineHandler = (line: string, lineNumber: number, bytes?: Uint8Array, byteStart?: number) => void;

/**
 * Calls `onLine` for every line of the file, split on `\n`, `\r\n` or a lone `\r`. A read or
 * decompression error becomes `badFile(path, 'line N: …')`, N being the line it interrupted.
 */
export async function forEachLine(path: string, onLine: LineHandler): Promise<void> {
  let lineNumber = 0;
  let pending = '';
  const emit = (line: string, bytes?: Uint8Array, byteStart?: number): void => {
    lineNumber += 1;
    try {
      onLine(line, lineNumber, bytes, byteStart);
    } catch (error) {
      throw new HandlerError(error);
    }
  };

  const gzipped = isGzip(await openOrFail(path));
  // Chunks of 64 KiB (gunzip's default is 16 KiB): fewer decodes and joins, while each chunk's text
  // stays under V8's large-object size (1 MiB chunks made reading slower: a large-object string each).
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  const stream = gzipped ? file.pipe(createGunzip({ chunkSize: READ_CHUNK })) : file;
  // pipe() does not forward source errors; surface them on the stream we iterate.
  if (gzipped) file.on('error', (error) => stream.destroy(error));
  // The BOM is taken off the file's start below: the decoder may first see a later chunk (ASCII ones bypass it).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** The decoder holds no part of a character: the last chunk it decoded ended in an ASCII byte. */
  let decoderClear = true;
  let atStart = true;
  const inflation = { compressed: 0, inflated: 0 };
  if (gzipped) file.on('data', (chunk) => (inflation.compressed += chunk.length));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (gzipped) {
        inflation.inflated += chunk.length;
        if (isGzipBomb(inflation)) throw new InflationError();
      }
      // An ASCII chunk (checked natively) is a character a byte: read as Latin-1, several times faster
      // than decoding UTF-8, unless the decoder holds the start of a character cut by the last chunk.
      const ascii = isAscii(chunk);
      let decoded: string;
      if (ascii && decoderClear) decoded = chunk.toString('latin1');
      else {
        decoded = decoder.decode(chunk, { stream: true });
        decoderClear = chunk.length === 0 ? decoderClear : chunk[chunk.length - 1]! < 0x80;
      }
      if (atStart && decoded.length > 0) {
        atStart = false;
        if (decoded.charCodeAt(0) === 0xfeff) decoded = decoded.slice(1);
      }
      const carried = pending.length;
      const text = pending + decoded;
      // Such a chunk's lines come with their bytes too (not when a decoder that flushed a broken
      // character before it added one).
      const bytes = ascii && decoded.length === chunk.length ? chunk : undefined;
      let lineStart = 0;
      if (text.indexOf('\r') < 0) {
        // The usual text, '\n' only: found by indexOf (vectorized), several times a char loop's speed.
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', lineStart)) {
          if (bytes && lineStart >= carried) emit(text.slice(lineStart, i), bytes, lineStart - carried);
          else emit(text.slice(lineStart, i));
          lineStart = i + 1;
        }
        pending = text.slice(lineStart);
        continue;
      }
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        // A '\r' at the end of the chunk may be the first half of '\r\n': decide with the next chunk.
        if (c === 13 && i === text.length - 1) break;
        emit(text.slice(lineStart, i));
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        lineStart = i + 1;
      }
      pending = text.slice(lineStart);
    }
    pending += decoder.decode();
    if (pending.endsWith('\r')) pending = pending.slice(0, -1);
    if (pending.length > 0) emit(pending);
  } catch (error) {
    if (error instanceof HandlerError) throw error.thrown;
    if (error instanceof InflationError) {
      throw badFile(
        path,
        `line ${lineNumber + 1}: the gzip data inflates to more than ${MAX_INFLATION}× its size; not read (a gzip bomb?)`,
      );
    }
    throw badFile(path, `line ${lineNumber + 1}: ${describeReadError(error)}`);
  } finally {
    file.destroy();
    if (stream !== file) stream.destroy();
  }
}

/**
 * Text compresses 5–20× with gzip; a stream that inflates far beyond that is built to exhaust the
 * reader (a gzip bomb). Judged only once a real amount has come out, so small files never trip it.
 */
const MAX_INFLATION = 200;
const INFLATION_CHECKED_AFTER = 16 * 1024 * 1024;
const isGzipBomb = ({ compressed, inflated }: { compressed: number; inflated: number }): boolean =>
  inflated > INFLATION_CHECKED_AFTER && inflated > MAX_INFLATION * Math.max(1, compressed);

class InflationError extends Error {}

/** Marks an error thrown by the caller's handler, so it is passed on rather than taken for a read error. */
class HandlerError extends Error {
  constructor(readonly thrown: unknown) {
    super('line handler failed');
  }
}

async function openOrFail(path: string): Promise<Buffer> {
  try {
    return await readStart(path, 2);
  } catch (error) {
    throw badFile(path, describeReadError(error));
  }
}

/** Words for an fs or zlib error, for a user who can act on them. */
export function describeReadError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'this is a folder, not a file';
  if (code?.startsWith('Z_')) return `the gzip data is broken (${message ?? code})`;
  return `cannot read the file (${code ?? message ?? String(error)})`;
}
