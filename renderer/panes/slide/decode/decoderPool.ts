/**
 * The pool of tile decoder workers, sized to navigator.hardwareConcurrency (created on first use,
 * shared by every slide of the page). Each request goes to the worker with the fewest in flight;
 * an aborted request is answered and its bitmap closed as soon as the worker is done.
 */
import type { PixelFormat } from '../../../../shared/model/slide.js';
import type { RenderOptions } from './pixels.js';
import type { ColourRegistration, DecodeRequest, DecodeResponse } from './protocol.js';

type Pending = {
  resolve(response: Extract<DecodeResponse, { ok: true }>): void;
  reject(error: Error): void;
  worker: Slot;
};
type Slot = { worker: Worker; inFlight: number };

export type DecodeJob = {
  bytes: ArrayBuffer;
  contentType: string;
  format?: PixelFormat;
  width: number;
  height: number;
  render: RenderOptions;
};

export class DecoderPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Tiles decoded per codec, for the slide details panel and the tests. */
  readonly decoded: Record<string, number> = {};
  /** Colour tables every worker holds (a worker started later is sent them first). */
  private readonly colours = new Map<string, ColourRegistration>();

  constructor(readonly size: number) {}

  private slot(): Slot {
    if (this.slots.length < this.size && (this.slots.length === 0 || this.slots.every((s) => s.inFlight > 0))) {
      const worker = new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module', name: 'tile-decoder' });
      const slot: Slot = { worker, inFlight: 0 };
      worker.onmessage = (event: MessageEvent<DecodeResponse>) => this.answer(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        for (const [id, pending] of this.pending) {
          if (pending.worker !== slot) continue;
          this.pending.delete(id);
          pending.reject(new Error(`a decoder worker failed: ${event.message || 'could not start'}`));
        }
        slot.inFlight = 0;
      };
      for (const colour of this.colours.values()) worker.postMessage(colour);
      this.slots.push(slot);
      return slot;
    }
    return this.slots.reduce((best, s) => (s.inFlight < best.inFlight ? s : best));
  }

  private answer(response: DecodeResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    pending.worker.inFlight--;
    if (response.ok) {
      this.decoded[response.codec] = (this.decoded[response.codec] ?? 0) + 1;
      pending.resolve(response);
    } else pending.reject(new Error(response.error));
  }

  private run(op: DecodeRequest['op'], job: DecodeJob, signal?: AbortSignal): Promise<Extract<DecodeResponse, { ok: true }>> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const slot = this.slot();
      slot.inFlight++;
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        reject(new DOMException('aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        worker: slot,
        resolve: (response) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) {
            response.bitmap?.close();
            return;
          }
          settled = true;
          resolve(response);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          reject(error);
        },
      });
      const request: DecodeRequest = { id, op, ...job };
      slot.worker.postMessage(request, [job.bytes]);
    });
  }

  /** Give every worker a slide's colour table under `key` (once per key; RenderOptions.colour names it). */
  registerColour(key: string, size: number, lut: string): void {
    if (this.colours.has(key)) return;
    const registration: ColourRegistration = { op: 'colour', key, size, lut };
    this.colours.set(key, registration);
    for (const slot of this.slots) slot.worker.postMessage(registration);
  }

  async bitmap(job: DecodeJob, signal?: AbortSignal): Promise<ImageBitmap> {
    return (await this.run('bitmap', job, signal)).bitmap!;
  }

  async range(job: DecodeJob): Promise<{ min: number; max: number }> {
    return (await this.run('range', job)).range!;
  }

  get workers(): number {
    return this.slots.length;
  }
}

let shared: DecoderPool | null = null;

/** The page's pool. */
export function decoderPool(): DecoderPool {
  shared ??= new DecoderPool(Math.max(1, Math.min(16, navigator.hardwareConcurrency || 4)));
  return shared;
}
