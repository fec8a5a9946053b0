/**
 * A HealthImaging image set opened as a SlideSource: the local DICOM model (DicomSlide, built from
 * the metadata's instances) with frames from GetImageFrame instead of a file. The tile route, the
 * slide pane and the CLI see no difference, except `remoteUrl` and `notes` in the description.
 */
import type { AwsConnection } from '../../../shared/model/aws.js';
import { healthImagingUrl, type HealthImagingRef, type OfflineLevel } from '../../../shared/model/healthImaging.js';
import type { CacheGroup, DiskCache } from '../cache/diskCache.js';
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
  return new HealthImagingSlide(instances, frames, url, notes, group);
}

/** The levels chosen last for "Make available offline", kept with the slide's frames in the cache. */
const OFFLINE_CHOICE_KEY = 'offline-levels.json';

export class HealthImagingSlide extends DicomSlide implements SlideSource {
  constructor(
    instances: RemoteInstance[],
    private readonly frames: ImageFrames,
    readonly url: string,
    notes: string[],
    private readonly group: CacheGroup,
  ) {
    super(instances);
    Object.assign(this.description, { remoteUrl: url, ...(notes.length ? { notes } : {}) });
  }

  protected override async readFrame(instance: SlideInstance, frame: number, signal?: AbortSignal): Promise<Bytes | null> {
    const id = (instance as RemoteInstance).frameIds[frame];
    if (id === undefined) return null;
    return this.frames.get(id, signal);
  }

  /** Frame ids of one pyramid level, with their sizes where the metadata says. */
  private levelFrames(index: number): Array<{ id: string; size: number | undefined }> {
    const frames = new Map<string, number | undefined>();
    for (const part of this.pyramid[index]?.parts ?? []) {
      const { frameIds, frameSizes } = part as RemoteInstance;
      frameIds.forEach((id, i) => frames.set(id, frameSizes[i]));
    }
    return [...frames].map(([id, size]) => ({ id, size }));
  }

  /** First frames of the associated images (label, overview, thumbnail). */
  private associatedFrameIds(): string[] {
    const ids: string[] = [];
    for (const instance of this.associated.values()) {
      const [first] = (instance as RemoteInstance).frameIds;
      if (first) ids.push(first);
    }
    return ids;
  }

  /** Frame ids of the chosen levels (all when none given) and the associated images. */
  frameIdsOf(levels?: number[]): string[] {
    const ids = new Set<string>();
    this.pyramid.forEach((_level, index) => {
      if (levels && !levels.includes(index)) return;
      for (const { id } of this.levelFrames(index)) ids.add(id);
    });
    for (const id of this.associatedFrameIds()) ids.add(id);
    return [...ids];
  }

  /** The levels chosen last for offline use (null: no choice made yet). */
  async offlineChoice(): Promise<number[] | null> {
    const stored = await this.group.get(OFFLINE_CHOICE_KEY);
    if (!stored) return null;
    try {
      const levels = JSON.parse(Buffer.from(stored.bytes).toString('utf8')) as unknown;
      return Array.isArray(levels) ? levels.filter((l): l is number => Number.isInteger(l)) : null;
    } catch {
      return null;
    }
  }

  /** Keep the levels chosen for offline use (none: the slide is left out when a copy resumes). */
  async keepOfflineChoice(levels: number[]): Promise<void> {
    await this.group.put(OFFLINE_CHOICE_KEY, Buffer.from(JSON.stringify(levels)), 'application/json', 'pinned');
  }

  /**
   * Each level as "Make available offline" offers it: its frames, their size (the metadata's
   * FrameSizeInBytes; where it is missing, the mean of the known ones, or the uncompressed size),
   * how many are kept offline already, and whether it was chosen last.
   */
  async offlineLevels(): Promise<OfflineLevel[]> {
    const chosen = await this.offlineChoice();
    const known = this.pyramid.flatMap((_l, i) => this.levelFrames(i).map((f) => f.size)).filter((n) => n !== undefined);
    const meanKnown = known.length ? known.reduce((a, b) => a + b, 0) / known.length : undefined;
    const levels: OfflineLevel[] = [];
    for (const [index, level] of this.pyramid.entries()) {
      const frames = this.levelFrames(index);
      let bytes = 0;
      let estimated = false;
      let pinnedFrames = 0;
      for (const frame of frames) {
        if (frame.size === undefined) estimated = true;
        bytes += frame.size ?? meanKnown ?? level.parts[0].nativeFrameBytes;
        if (await this.frames.isPinned(frame.id)) pinnedFrames++;
      }
      levels.push({
        level: index,
        width: level.width,
        height: level.height,
        frames: frames.length,
        bytes: Math.round(bytes),
        bytesEstimated: estimated,
        pinnedFrames,
        chosen: chosen ? chosen.includes(index) : true,
      });
    }
    return levels;
  }

  get associatedFrameCount(): number {
    return this.associatedFrameIds().length;
  }

  /**
   * Fetch and pin every frame of the chosen levels (all when none given; and the associated
   * images and the metadata). The choice is kept first, so starting again without one resumes it;
   * a frame pinned already is skipped, so a cancelled copy resumes where it stopped. A few frames
   * in flight at once.
   */
  async makeAvailableOffline(
    signal: AbortSignal,
    progress: OfflineProgress,
    levels?: number[],
  ): Promise<{ frames: number; bytes: number }> {
    const chosen = levels ?? this.pyramid.map((_l, i) => i);
    await this.keepOfflineChoice(chosen);
    const ids = this.frameIdsOf(chosen);
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
    if (!(await pinMetadata(this.group))) throw new Error(`${this.url}: the metadata went missing from the cache`);
    return { frames: ids.length, bytes };
  }

  /** The frames fetched so far are in the cache (their writes run after the tile is answered). */
  cacheWritten(): Promise<void> {
    return this.frames.writesDone();
  }

  override async close(): Promise<void> {
    // Nothing is open (frames come from the service or the cache); what was fetched is written.
    await this.frames.writesDone();
  }
}
