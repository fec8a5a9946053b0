/**
 * HealthImaging for a process with no app host (the CLI's `inspect` and `tile`): the SDK's own
 * credentials (default chain, AWS_PROFILE), the image set's region, and one cache and queue for the
 * process — in the data folder when the CLI says where, so a slide fetched once opens offline.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthImagingRef } from '../../../shared/model/healthImaging.js';
import { DiskCache } from '../cache/diskCache.js';
import { RequestQueue } from '../remote/requestQueue.js';
import type { Bytes } from '../sources.js';
import { openHealthImagingSlide, type HealthImagingSlide, type ImagingDeps } from './healthImagingSlide.js';

let cacheDir = join(tmpdir(), 'triptych-healthimaging-cache');
let deps: ImagingDeps | undefined;

/** Where the CLI keeps remote data (its data folder's cache). */
export function setStandaloneCacheDir(dir: string): void {
  cacheDir = dir;
  deps = undefined;
}

export function standaloneImagingDeps(): ImagingDeps {
  deps ??= { cache: new DiskCache(cacheDir, 2 ** 31), queue: new RequestQueue<Bytes>(8) };
  return deps;
}

export function openStandaloneHealthImagingSlide(ref: HealthImagingRef): Promise<HealthImagingSlide> {
  return openHealthImagingSlide({ profile: null, region: ref.region }, ref, standaloneImagingDeps());
}
