/**
 * Map a URL path of triptych://app/ to a file of the built renderer, never to anything outside it.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

/**
 * The file under `root` a URL pathname names, or undefined when the path is malformed or would
 * leave `root` (dot segments, encoded separators, NUL bytes, drive letters, symlinks out).
 */
export async function resolveStaticFile(root: string, urlPathname: string): Promise<string | undefined> {
  const candidate = lexicalPath(root, urlPathname);
  if (!candidate) return undefined;
  try {
    // Follow symlinks and check again: a link inside the build must not point out of it.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return undefined;
    return (await stat(realFile)).isFile() ? realFile : undefined;
  } catch {
    return undefined;
  }
}

/** The purely textual part of the check, without touching the disk. */
export function lexicalPath(root: string, urlPathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return undefined;
  }
  // A decoded backslash or NUL never names a renderer asset: refuse instead of normalising.
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  // Dot segments would climb out; a colon could name a Windows drive or stream. Built asset names have neither.
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.includes(':'))) return undefined;
  let normalized = posix.normalize(`/${decoded}`);
  if (normalized.endsWith('/')) normalized += 'index.html';
  const absoluteRoot = resolve(root);
  const file = resolve(join(absoluteRoot, ...normalized.split('/').filter(Boolean)));
  return isInside(absoluteRoot, file) ? file : undefined;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
