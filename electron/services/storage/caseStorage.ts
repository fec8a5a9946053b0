import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Inside the case folder; hidden, so the case scan leaves it out. */
export const CASE_STORAGE_DIR = '.triptych';

export type CaseStorage = { dir: string; location: 'case-folder' | 'app-data' };

/**
 * Where what the user makes for a case is kept (notes, flags, annotations): beside the data it is
 * about (`<case>/.triptych/`), or in the app data folder when the case folder cannot be written.
 */
export async function caseStorageFolder(caseRoot: string, dataDir: string): Promise<CaseStorage> {
  const inCase = join(caseRoot, CASE_STORAGE_DIR);
  if (await writable(inCase)) return { dir: inCase, location: 'case-folder' };
  const key = createHash('sha256').update(caseRoot).digest('hex').slice(0, 24);
  return { dir: join(dataDir, 'case-notes', key), location: 'app-data' };
}

/** Try it rather than read permission bits: a read-only mount, a full disk or a file in the way all say no. */
async function writable(dir: string): Promise<boolean> {
  const probe = join(dir, `.probe-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe);
    return true;
  } catch {
    return false;
  }
}
