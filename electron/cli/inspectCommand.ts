import { ensureDemoCase } from '../services/demo/ensureDemoCase.js';
import { inspectPath } from '../services/inspect/inspectPath.js';
import { defaultDataDir } from './dataDir.js';

/** `triptych inspect PATH` (or `--demo`): the JSON on stdout. */
export async function inspectCommand(path: string | undefined): Promise<number> {
  const target = path ?? (await ensureDemoCase(defaultDataDir()));
  const result = await inspectPath(target, { isDemo: path === undefined });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return 0;
}
