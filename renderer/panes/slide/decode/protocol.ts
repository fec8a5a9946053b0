/** Messages between the decoder pool (page) and its workers. */
import type { PixelFormat } from '../../../../shared/model/slide.js';
import type { RenderOptions } from './pixels.js';

export type DecodeRequest = {
  id: number;
  /** 'bitmap': an ImageBitmap to draw; 'range': the lowest and highest sample (default windows). */
  op: 'bitmap' | 'range';
  bytes: ArrayBuffer;
  contentType: string;
  /** For uncompressed frames: the layout and the stored frame size. */
  format?: PixelFormat;
  width: number;
  height: number;
  render: RenderOptions;
};

/** Sent to every worker before any tile that names it: a slide's colour table (see colourLut.ts). */
export type ColourRegistration = { op: 'colour'; key: string; size: number; lut: string };

export type DecodeResponse =
  | { id: number; ok: true; bitmap?: ImageBitmap; range?: { min: number; max: number }; codec: string }
  | { id: number; ok: false; error: string };
