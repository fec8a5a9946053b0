/** The HealthOmics world for unit tests: started once per file, the SDK pointed at it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetCredentials } from '../../../electron/services/aws/awsClientConfig.js';
import { DiskCache } from '../../../electron/services/cache/diskCache.js';
import { forgetOmicsClients } from '../../../electron/services/healthomics/omicsClients.js';
import { RequestQueue } from '../../../electron/services/remote/requestQueue.js';
import { omicsFixturesUnavailable } from '../../support/aws/omicsFixtures.js';
import { startOmicsWorld, WORLD, type OmicsWorld } from '../../support/aws/omicsWorld.js';
import { withEnv } from '../aws/awsEnv.js';

export { WORLD };
export const connection = { profile: null, region: WORLD.region };
export const skipReason = omicsFixturesUnavailable();
if (skipReason) console.log(`HealthOmics tests skipped: ${skipReason}`);

export async function startTestWorld(
  options: { partSize?: number; s3Access?: boolean } = {},
): Promise<OmicsWorld & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'triptych-omics-'));
  const world = await startOmicsWorld(dir, options);
  forgetCredentials();
  forgetOmicsClients();
  return { ...world, dir };
}

/** A fresh cache and queue (the app holds one of each). */
export function remoteDeps(dir: string, name = 'cache') {
  let fetched = 0;
  const deps = {
    cache: new DiskCache(join(dir, name), 1 << 30),
    queue: new RequestQueue<Uint8Array>(6),
    onFetched: (bytes: number) => (fetched += bytes),
  };
  return { deps, fetched: () => fetched };
}

/** Run `body` with the SDK's environment pointing at the world's server. */
export const inWorld = <T>(world: OmicsWorld, body: () => Promise<T>) => withEnv(world.server.env(), body);
