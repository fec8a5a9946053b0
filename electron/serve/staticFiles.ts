import { readFile, realpath } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * A file of the built renderer, by URL path. The path is resolved inside `root` and checked
 * again after links are followed, so no URL reaches a file outside the renderer's build.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relativePath.split('/').some((part) => part === '..')) return null;
  try {
    const realRoot = await realpath(root);
    const full = await realpath(join(realRoot, relativePath));
    if (!full.startsWith(realRoot + sep)) return null;
    return { body: await readFile(full), type: MIME[extname(full).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
