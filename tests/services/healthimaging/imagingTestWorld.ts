/** The HealthImaging world for unit tests: started once per file, the SDK pointed at it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetCredentials } from '../../../electron/services/aws/awsClientConfig.js';
import { DiskCache } from '../../../electron/services/cache/diskCache.js';
import type { ImagingDeps } from '../../../electron/services/healthimaging/healthImagingSlide.js';
import { forgetImagingClients } from '../../../electron/services/healthimaging/imagingClient.js';
import { RequestQueue } from '../../../electron/services/remote/requestQueue.js';
import type { Bytes } from '../../../electron/services/sources.js';
import type { HealthImagingRef } from '../../../shared/model/healthImaging.js';
import { IMAGING, startImagingWorld, type ImagingWorld } from '../../support/aws/imagingWorld.js';
import { withEnv } from '../aws/awsEnv.js';

export { IMAGING };
export const connection = { profile: null, region: IMAGING.region };

export const refOf = (imageSetId: string): HealthImagingRef => ({
  source: 'healthimaging',
  region: IMAGING.region,
  datastoreId: IMAGING.datastoreId,
  imageSetId,
});

export async function startTestWorld(options: { otherImageSets?: number } = {}): Promise<ImagingWorld & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'healthimaging-test-'));
  const world = await startImagingWorld(dir, options);
  forgetCredentials();
  forgetImagingClients();
  return { ...world, dir };
}

/** A fresh cache and queue (the app holds one of each). */
export function imagingDeps(dir: string, name = 'cache', maxBytes = 1 << 30) {
  let fetched = 0;
  const deps: ImagingDeps = {
    cache: new DiskCache(join(dir, name), maxBytes),
    queue: new RequestQueue<Bytes>(6),
    onFetched: (bytes: number) => (fetched += bytes),
  };
  return { deps, fetched: () => fetched };
}

/** Run `body` with the SDK's environment pointing at the world's server. */
export const inWorld = <T>(world: ImagingWorld, body: () => Promise<T>) => withEnv(world.server.env(), body);
