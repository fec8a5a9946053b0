/**
 * Change a case folder's case.json in place (what it holds otherwise is kept as it is), written
 * atomically: "Add from HealthImaging / HealthOmics" add their entries through this.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ServiceError } from '../errors.js';
import { writeFileAtomic } from '../storage/atomicWrite.js';

export async function updateCaseJson(root: string, change: (json: Record<string, unknown>) => void): Promise<void> {
  const path = join(root, 'case.json');
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ServiceError(
        'BAD_FILE',
        `case.json cannot be read, so nothing was added: ${(error as Error).message}`,
        'case.json',
      );
    }
  }
  change(json);
  await writeFileAtomic(path, JSON.stringify(json, null, 2) + '\n', 'case.json');
}
