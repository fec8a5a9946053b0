import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

const MAX_DEPTH = 4;
const MAX_FILES = 5000;

export type FoundFile = { path: string; name: string; size: number };

/**
 * The regular files of a case folder, a few levels deep, hidden files and links left out (a link
 * could lead out of the folder). Bounded so that opening the wrong folder (a home directory) stays
 * quick and says so.
 */
export async function listCaseFiles(root: string): Promise<{ files: FoundFile[]; truncated: boolean }> {
  const files: FoundFile[] = [];
  let truncated = false;
  async function walk(dir: string, depth: number): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path, depth + 1);
      } else if (entry.isFile()) {
        if (files.length >= MAX_FILES) {
          truncated = true;
          return;
        }
        files.push({ path, name: relative(root, path).split('\\').join('/'), size: (await stat(path)).size });
      }
    }
  }
  await walk(root, 0);
  return { files, truncated };
}
