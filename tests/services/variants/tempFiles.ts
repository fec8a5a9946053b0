/** Small files written for one test run, in a fresh temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempFolder(prefix: string): (name: string, content: string | Uint8Array) => string {
  const folder = mkdtempSync(join(tmpdir(), `triptych-${prefix}-`));
  return (name, content) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };
}
