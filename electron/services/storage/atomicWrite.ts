import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { ServiceError } from '../errors.js';

/**
 * Write a file so that a crash at any moment leaves either the old or the new content, never a
 * torn one: write a temp file beside it, fsync it, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  /** What the user knows this file as, for the error message ("The case notes"); its name otherwise. */
  label = basename(path),
): Promise<void> {
  try {
    await writeAtomically(path, data);
  } catch (error) {
    throw inWords(error, path, label);
  }
}

/** Why a save failed, in words a user can act on; the old file is untouched either way. */
function inWords(error: unknown, path: string, name: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const kept = 'the last saved version is kept.';
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new ServiceError(
      'WRITE_FAILED',
      `${name} could not be saved: the disk is full. Free some space and save again; ${kept}`,
      path,
    );
  if (code === 'EROFS')
    return new ServiceError('WRITE_FAILED', `${name} could not be saved: the disk is read-only; ${kept}`, path);
  if (code === 'EACCES' || code === 'EPERM')
    return new ServiceError('WRITE_FAILED', `${name} could not be saved: no permission to write in its folder; ${kept}`, path);
  return error;
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; not every platform lets a folder be opened (Windows).
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
