/**
 * Decode one stored frame (tile) to its samples, in Node, with the same WebAssembly codecs the
 * viewer's workers use (@cornerstonejs/codec-*): JPEG baseline (libjpeg-turbo), JPEG 2000 (OpenJPEG),
 * HTJ2K (OpenJPH), JPEG-LS (CharLS), and uncompressed frames. The codec stream is trusted over the
 * header for colour and depth (a JPEG 2000 stream with a colour transform decodes to RGB whatever
 * the header says); uncompressed frames have only the header to go by.
 */
import { createRequire } from 'node:module';
import { ServiceError } from '../../errors.js';
import type { PixelFormat } from '../../../../shared/model/slide.js';
import {
  codecFor,
  decodeNative,
  decodeWithCodec,
  type CodecModule,
  type CodecName,
  type DecodedFrame,
} from '../../../../shared/pixels/decodedFrame.js';

export { cropFrame, type DecodedFrame } from '../../../../shared/pixels/decodedFrame.js';

const require = createRequire(import.meta.url);
/** Emscripten makes the object it is given the module itself: a fresh one for each codec. */
const silent = () => ({ print: () => {}, printErr: () => {} });

/** The Node build of each codec (its .wasm is read from node_modules by Emscripten's Node loader). */
const LOADERS: Record<CodecName, string> = {
  jpeg: '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
  j2k: '@cornerstonejs/codec-openjpeg/decodewasmjs',
  htj2k: '@cornerstonejs/codec-openjph/wasmjs',
  jls: '@cornerstonejs/codec-charls/decodewasmjs',
};

const modules = new Map<CodecName, Promise<CodecModule>>();

/** The codec's module, loaded once (its .wasm is read from node_modules by Emscripten's Node loader). */
export function loadCodec(name: CodecName): Promise<CodecModule> {
  let module = modules.get(name);
  if (!module) {
    const factory = require(LOADERS[name]) as (options: object) => Promise<CodecModule>;
    module = factory(silent());
    modules.set(name, module);
  }
  return module;
}

/** Decode a stored tile; `tileWidth` × `tileHeight` and `format` matter for uncompressed frames only. */
export async function decodeFrame(
  bytes: Uint8Array,
  contentType: string,
  format: PixelFormat,
  tileWidth: number,
  tileHeight: number,
): Promise<DecodedFrame> {
  const codec = codecFor(contentType);
  if (codec === 'native') return decodeNative(bytes, format, tileWidth, tileHeight);
  if (codec) return decodeWithCodec(await loadCodec(codec), codec, bytes);
  throw new ServiceError('UNSUPPORTED', `tiles of type ${contentType} cannot be decoded`);
}
