import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** Shared by every spec of a run: the demo case is generated once into it. */
export const E2E_CACHE = join(REPO_ROOT, '.cache', 'e2e');
export const SHARED_DATA_DIR = join(E2E_CACHE, 'shared-data');
