/**
 * A HealthImaging image set opened as a SlideSource: the local DICOM model (DicomSlide, built from
 * the metadata's instances) with frames from GetImageFrame instead of a file. The tile route, the
 * slide pane and the CLI see no difference, except `remoteUrl` and `notes` in the description.
 */
import type { AwsConnection } from '../../../shared/model/aws.js';
import { healthImagingUrl, type HealthImagingRef } from '../../../shared/model/healthImaging.js';
import type { DiskCache } from '../cache/diskCache.js';
import { pinMetadata } from '../healthomics/cachedMetadata.js';
import { DicomSlide } from '../slides/dicom/dicomSlide.js';
import type { SlideInstance } from '../slides/dicom/slideInstance.js';
import type { Bytes, SlideSource } from '../sources.js';
import { fetchImageSetMetadata } from './imageSetMetadata.js';
import { ImageFrames, type FrameDeps } from './imageFrames.js';
import { instancesOfImageSet, type RemoteInstance } from './metadataInstances.js';

export type ImagingDeps = FrameDeps & { cache: DiskCache };

export type OfflineProgress = (done: number, total: number, message: string) => void;

export async function openHealthImagingSlide(
  connection: AwsConnection,
  ref: HealthImagingRef,
  deps: ImagingDeps,
): Promise<HealthImagingSlide> {
  const url = healthImagingUrl(ref);
  const group = deps.cache.group(`healthimaging:${url}`);
  const metadata = await fetchImageSetMetadata(connection, ref, group, url);
  const { instances, notes } = instancesOfImageSet(metadata, url);
  const frames = new ImageFrames(connection, ref, group, deps, url);
  return new HealthImagingSlide(instances, frames, url, notes, () => pinMetadata(group));
}

export class HealthImagingSlide extends DicomSlide implements SlideSource {
  constructor(
    instances: RemoteInstance[],
    private readonly frames: ImageFrames,
    readonly url: string,
    notes: string[],
    private readonly pinMetadata: () => Promise<boolean>,
  ) {
    super(instances);
    Object.assign(this.description, { remoteUrl: url, ...(notes.length ? { notes } : {}) });
  }

  protected override async readFrame(instance: SlideInstance, frame: number, signal?: AbortSignal): Promise<Bytes | null> {
    const id = (instance as RemoteInstance).frameIds[frame];
    if (id === undefined) return null;
    return this.frames.get(id, signal);
  }

  /** Frame ids of the chosen levels (all when none given) and the associated images. */
  frameIdsOf(levels?: number[]): string[] {
    const ids = new Set<string>();
    this.pyramid.forEach((level, index) => {
      if (levels && !levels.includes(index)) return;
      for (const part of level.parts) for (const id of (part as RemoteInstance).frameIds) ids.add(id);
    });
    for (const instance of this.associated.values()) {
      const [first] = (instance as RemoteInstance).frameIds;
      if (first) ids.add(first);
    }
    return [...ids];
  }

  /**
   * Fetch and pin every frame of the chosen levels (and the metadata): a frame pinned already is
   * skipped, so a cancelled copy resumes where it stopped. A few frames in flight at once.
   */
  async makeAvailableOffline(
    signal: AbortSignal,
    progress: OfflineProgress,
    levels?: number[],
  ): Promise<{ frames: number; bytes: number }> {
    const ids = this.frameIdsOf(levels);
    let done = 0;
    let bytes = 0;
    let next = 0;
    progress(0, ids.length, this.url);
    const worker = async () => {
      while (next < ids.length) {
        signal.throwIfAborted();
        const id = ids[next++];
        if (!(await this.frames.isPinned(id))) bytes += (await this.frames.get(id, signal, 'pinned')).bytes.byteLength;
        done++;
        progress(done, ids.length, this.url);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    if (!(await this.pinMetadata())) throw new Error(`${this.url}: the metadata went missing from the cache`);
    return { frames: ids.length, bytes };
  }

  override async close(): Promise<void> {
    // Nothing is open: frames come from the service or the cache.
  }
}
