/**
 * A tile decoder worker (module worker, one of a pool). JPEG 2000 (OpenJPEG), HTJ2K (OpenJPH),
 * JPEG-LS (CharLS) and uncompressed frames are decoded here with the WebAssembly codecs made for
 * DICOM; JPEG/PNG by the browser's decoder (createImageBitmap) when they must be tinted or
 * windowed. The answer is an ImageBitmap (transferred, no copy) or a sample range.
 *
 * The codecs' Emscripten loaders are bundled by Vite; each .wasm is a same-origin asset fetched
 * once and handed over as `wasmBinary`, so nothing depends on the server's MIME type for .wasm, and
 * the CSP needs only 'wasm-unsafe-eval' (the loaders use no eval).
 */
/// <reference lib="webworker" />
import charlsWasm from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpegWasm from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjphWasm from '@cornerstonejs/codec-openjph/wasm?url';
import { decodeNative, decodeWithCodec, decoderFor, sampleRange, toRgba, type CodecName, type DecodedFrame } from './pixels.js';
import type { CodecModule } from '../../../../shared/pixels/decodedFrame.js';
import type { ColourRegistration, DecodeRequest, DecodeResponse } from './protocol.js';
import { applyColourLut, decodeColourLut, type ColourLut } from './colourLut.js';

declare const self: DedicatedWorkerGlobalScope;

const LOADERS: Record<CodecName, { wasm: string; factory: () => Promise<{ default: (o: object) => Promise<unknown> }> }> = {
  j2k: { wasm: openjpegWasm, factory: () => import('@cornerstonejs/codec-openjpeg/decodewasmjs') },
  htj2k: { wasm: openjphWasm, factory: () => import('@cornerstonejs/codec-openjph/wasmjs') },
  jls: { wasm: charlsWasm, factory: () => import('@cornerstonejs/codec-charls/decodewasmjs') },
};

const modules = new Map<CodecName, Promise<CodecModule>>();
/** Colour tables registered by the pool, by key. */
const colours = new Map<string, ColourLut>();

function codec(name: CodecName): Promise<CodecModule> {
  let module = modules.get(name);
  if (!module) {
    const loader = LOADERS[name];
    module = (async () => {
      const [{ default: factory }, wasmBinary] = await Promise.all([
        loader.factory(),
        fetch(loader.wasm, { credentials: 'same-origin' }).then((r) => {
          if (!r.ok) throw new Error(`the ${name} decoder could not be loaded (HTTP ${r.status})`);
          return r.arrayBuffer();
        }),
      ]);
      return (await factory({ wasmBinary, print: () => {}, printErr: () => {} })) as CodecModule;
    })();
    module.catch(() => modules.delete(name));
    modules.set(name, module);
  }
  return module;
}

async function browserDecode(bytes: ArrayBuffer, contentType: string): Promise<DecodedFrame> {
  const bitmap = await createImageBitmap(new Blob([bytes], { type: contentType }), { colorSpaceConversion: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  return { width: canvas.width, height: canvas.height, components: 4, bitsPerSample: 8, signed: false, data };
}

async function decode(request: DecodeRequest): Promise<{ frame: DecodedFrame; codec: string }> {
  const kind = decoderFor(request.contentType);
  if (kind === 'browser') return { frame: await browserDecode(request.bytes, request.contentType), codec: 'browser' };
  if (kind === 'native') {
    if (!request.format) throw new Error('an uncompressed tile needs its pixel format');
    return { frame: decodeNative(new Uint8Array(request.bytes), request.format, request.width, request.height), codec: 'native' };
  }
  if (!kind) throw new Error(`tiles of type ${request.contentType} cannot be decoded`);
  return { frame: decodeWithCodec(await codec(kind), kind, new Uint8Array(request.bytes)), codec: kind };
}

self.onmessage = async (event: MessageEvent<DecodeRequest | ColourRegistration>) => {
  if (event.data.op === 'colour') {
    const { key, size, lut } = event.data;
    colours.set(key, decodeColourLut(size, lut));
    return;
  }
  const request = event.data;
  try {
    // A plain JPEG to draw needs no pixel access: the browser's decoder straight to a bitmap.
    if (
      request.op === 'bitmap' &&
      decoderFor(request.contentType) === 'browser' &&
      !request.render.tint &&
      !request.render.window &&
      !request.render.colour
    ) {
      const bitmap = await createImageBitmap(new Blob([request.bytes], { type: request.contentType }));
      self.postMessage({ id: request.id, ok: true, bitmap, codec: 'browser' } satisfies DecodeResponse, [bitmap]);
      return;
    }
    const { frame, codec: used } = await decode(request);
    if (request.op === 'range') {
      self.postMessage({ id: request.id, ok: true, range: sampleRange(frame), codec: used } satisfies DecodeResponse);
      return;
    }
    const rgba = toRgba(frame, request.render);
    if (request.render.colour) {
      const lut = colours.get(request.render.colour);
      if (!lut) throw new Error(`the colour transform ${request.render.colour} was not registered`);
      applyColourLut(rgba, lut);
    }
    const bitmap = await createImageBitmap(new ImageData(rgba, frame.width, frame.height));
    self.postMessage({ id: request.id, ok: true, bitmap, codec: used } satisfies DecodeResponse, [bitmap]);
  } catch (error) {
    self.postMessage({
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    } satisfies DecodeResponse);
  }
};
