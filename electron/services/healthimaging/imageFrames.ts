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
  constructor(
    private readonly connection: AwsConnection,
    private readonly ref: HealthImagingRef,
    private readonly group: CacheGroup,
    private readonly deps: FrameDeps,
    private readonly url: string,
  ) {}

  /** A frame, from the cache or the service; kept in the cache (`tier` pinned: for offline use). */
  async get(frameId: string, signal?: AbortSignal, tier: CacheTier = 'cached'): Promise<Bytes> {
    const cached = await this.group.get(frameId);
    if (cached) {
      if (tier === 'pinned') await this.group.pin(frameId);
      return cached;
    }
    return this.deps.queue.run(
      `${this.url}/${frameId}`,
      async (abortSignal) => {
        const frame = await this.fetch(frameId, abortSignal);
        await this.group.put(frameId, frame.bytes, frame.contentType, tier);
        return frame;
      },
      { signal },
    );
  }

  /** The frame is kept for offline use already (a resumed offline copy skips it). */
  async isPinned(frameId: string): Promise<boolean> {
    return (await this.group.tierOf(frameId)) === 'pinned';
  }

  private async fetch(frameId: string, abortSignal: AbortSignal): Promise<Bytes> {
    try {
      const client = await imagingClient(this.connection);
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
