/**
 * Base64 (RFC 4648, with padding) for typed arrays crossing the contract as JSON strings: the
 * host's native codec when it has one (Uint8Array.fromBase64 / toBase64 in Chromium 140+, Buffer in
 * Node), else a table-driven loop (`shared/` is pure, and atob/btoa go through a byte string, several
 * times slower for the tens of megabytes of a million-row table).
 */
type NativeBase64 = {
  fromBase64?: (text: string) => Uint8Array;
  prototype: { toBase64?: () => string };
};
type NodeBuffer = {
  from(bytes: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string };
  from(text: string, encoding: 'base64'): Uint8Array;
};
const native = Uint8Array as unknown as NativeBase64;
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

export function encodeBase64(bytes: Uint8Array): string {
  if (native.prototype.toBase64) return (bytes as unknown as { toBase64(): string }).toBase64();
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return encodeBase64Portable(bytes);
}

export function decodeBase64(text: string): Uint8Array {
  if (native.fromBase64) return native.fromBase64(text);
  if (nodeBuffer) {
    // A copy into its own buffer when Buffer's pool gave a shared, unaligned one (small texts only).
    const view = nodeBuffer.from(text, 'base64');
    const whole = view.byteOffset === 0 && view.buffer.byteLength === view.byteLength;
    return whole ? new Uint8Array(view.buffer, 0, view.byteLength) : new Uint8Array(view);
  }
  return decodeBase64Portable(text);
}
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64Portable(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 16384;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Uint8Array(Math.ceil((end - start) / 3) * 4);
    let o = 0;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      codes[o++] = ALPHABET.charCodeAt(n >>> 18);
      codes[o++] = ALPHABET.charCodeAt((n >>> 12) & 63);
      codes[o++] = ALPHABET.charCodeAt((n >>> 6) & 63);
      codes[o++] = ALPHABET.charCodeAt(n & 63);
    }
    if (i < end) {
      const n = (bytes[i]! << 16) | (i + 1 < end ? bytes[i + 1]! << 8 : 0);
      codes[o++] = ALPHABET.charCodeAt(n >>> 18);
      codes[o++] = ALPHABET.charCodeAt((n >>> 12) & 63);
      codes[o++] = i + 1 < end ? ALPHABET.charCodeAt((n >>> 6) & 63) : 61;
      codes[o++] = 61; // '='
    }
    parts.push(String.fromCharCode.apply(null, codes as unknown as number[]));
  }
  return parts.join('');
}

export function decodeBase64Portable(text: string): Uint8Array {
  let length = text.length;
  if (length % 4 !== 0) throw new Error('base64 text of a length not a multiple of 4');
  let padding = 0;
  while (length > 0 && text.charCodeAt(length - 1) === 61 && padding < 2) {
    length -= 1;
    padding += 1;
  }
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) throw new Error(`not base64 at character ${i}`);
    bits = (bits << 6) | v;
    if (++count === 4) {
      out[o++] = bits >>> 16;
      out[o++] = (bits >>> 8) & 255;
      out[o++] = bits & 255;
      bits = 0;
      count = 0;
    }
  }
  if (count === 3) {
    out[o++] = bits >>> 10;
    out[o++] = (bits >>> 2) & 255;
  } else if (count === 2) {
    out[o++] = bits >>> 4;
  }
  return out;
}
