/**
 * Frames of one image set: GetImageFrame through the shared request queue (bounded in parallel,
 * newest first, duplicates coalesced, cancelled when the viewer drops the tile) and the on-disk
 * cache (every frame fetched is kept; a hit is one checked read; a corrupt entry is a miss and is
 * fetched again). The content type is the service's: it follows the stored transfer syntax.
 */
import { GetImageFrameCommand } from '@aws-sdk/client-medical-imaging';
import type { AwsConnection } from '../../../shared/model/aws.js';
import type { HealthImagingRef } from '../../../shared/model/healthImaging.js';
import { awsServiceError } from '../aws/awsErrors.js';
import type { CacheGroup, CacheTier } from '../cache/diskCache.js';
import type { RequestQueue } from '../remote/requestQueue.js';
import type { Bytes } from '../sources.js';
import { imagingClient } from './imagingClient.js';

export type FrameDeps = {
  queue: RequestQueue<Bytes>;
  /** Bytes fetched from the network (for tests and the bench). */
  onFetched?: (bytes: number) => void;
};

export class ImageFrames {
  /** The client, resolved once per slide: resolving reads the shared AWS config files. */
  private client: ReturnType<typeof imagingClient> | undefined;
  /** Frames fetched whose cache write is still going on: asked again meanwhile, they are not fetched again. */
  private readonly writing = new Map<string, Promise<Bytes>>();

  constructor(
    private readonly connection: AwsConnection,
    private readonly ref: HealthImagingRef,
    private readonly group: CacheGroup,
    private readonly deps: FrameDeps,
    private readonly url: string,
  ) {}

  /**
   * A frame, from the cache or the service; kept in the cache (`tier` pinned: for offline use).
   * The request slot is given back as soon as the bytes are in: the cache write (several file
   * operations and an fsync) runs outside it, and the viewer gets a cached-tier frame before it is
   * written. A pinned frame is answered once it is on disk: "available offline" means written.
   */
  async get(frameId: string, signal?: AbortSignal, tier: CacheTier = 'cached'): Promise<Bytes> {
    const pending = this.writing.get(frameId);
    if (pending) {
      const frame = await pending;
      if (tier === 'pinned') await this.pinOrWrite(frameId, frame);
      return frame;
    }
    const cached = await this.group.get(frameId);
    if (cached) {
      if (tier === 'pinned') await this.group.pin(frameId);
      return cached;
    }
    const frame = await this.deps.queue.run(`${this.url}/${frameId}`, (abortSignal) => this.fetch(frameId, abortSignal), {
      signal,
    });
    const written = this.keep(frameId, frame, tier);
    if (tier === 'pinned') await written;
    else written.catch(() => {}); // a frame not kept is fetched again next time
    return frame;
  }

  /** Every cache write started so far has ended (before the cache is closed, or looked at). */
  async writesDone(): Promise<void> {
    await Promise.all(this.writing.values());
  }

  /**
   * Write a fetched frame to the cache, once. A cached-tier write that fails only costs a refetch
   * later; the promise returned rejects so that a pinned one (for offline use) says so.
   */
  private async keep(frameId: string, frame: Bytes, tier: CacheTier): Promise<void> {
    const existing = this.writing.get(frameId);
    if (existing) {
      // Coalesced callers: the first one writes; a pinned one pins what it wrote.
      await existing;
      if (tier === 'pinned') await this.pinOrWrite(frameId, frame);
      return;
    }
    const put = this.group.put(frameId, frame.bytes, frame.contentType, tier);
    this.writing.set(
      frameId,
      put.then(
        () => frame,
        () => frame,
      ),
    );
    try {
      await put;
    } finally {
      this.writing.delete(frameId);
    }
  }

  /** Pin a frame just written (as cached); written again pinned if that write failed. */
  private async pinOrWrite(frameId: string, frame: Bytes): Promise<void> {
    if (!(await this.group.pin(frameId))) await this.group.put(frameId, frame.bytes, frame.contentType, 'pinned');
  }

  /** The frame is kept for offline use already (a resumed offline copy skips it). */
  async isPinned(frameId: string): Promise<boolean> {
    return (await this.group.tierOf(frameId)) === 'pinned';
  }

  private async fetch(frameId: string, abortSignal: AbortSignal): Promise<Bytes> {
    try {
      this.client ??= imagingClient(this.connection).catch((error: unknown) => {
        this.client = undefined;
        throw error;
      });
      const client = await this.client;
      const answer = await client.send(
        new GetImageFrameCommand({
          datastoreId: this.ref.datastoreId,
          imageSetId: this.ref.imageSetId,
          imageFrameInformation: { imageFrameId: frameId },
        }),
        { abortSignal },
      );
      if (!answer.imageFrameBlob) throw new Error('empty answer');
      const bytes = await answer.imageFrameBlob.transformToByteArray();
      this.deps.onFetched?.(bytes.byteLength);
      return { bytes, contentType: (answer.contentType ?? 'application/octet-stream').split(';')[0].trim() };
    } catch (error) {
      if (abortSignal.aborted) throw error;
      throw awsServiceError(error, {
        connection: this.connection,
        action: 'medical-imaging:GetImageFrame',
        resource: `image set ${this.ref.imageSetId} of data store ${this.ref.datastoreId}`,
        file: this.url,
      });
    }
  }
}
