/**
 * Metadata of a remote file (its size, parts, status) kept beside its bytes in the cache, so a
 * file made available offline — or just read before — opens again with no network. The network
 * answer wins when there is one; the cached one is used only when AWS cannot be reached.
 */
import type { CacheGroup } from '../cache/diskCache.js';
import { ServiceError } from '../errors.js';

const KEY = 'metadata.json';

export async function cachedMetadata<T>(group: CacheGroup, fetch: () => Promise<T>): Promise<T> {
  try {
    const fresh = await fetch();
    await group.put(KEY, Buffer.from(JSON.stringify(fresh)), 'application/json');
    return fresh;
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== 'UNREACHABLE') throw error;
    const cached = await group.get(KEY);
    if (!cached) throw error;
    return JSON.parse(Buffer.from(cached.bytes).toString('utf8')) as T;
  }
}

/** Keep the metadata for offline use too. */
export const pinMetadata = (group: CacheGroup): Promise<boolean> => group.pin(KEY);
