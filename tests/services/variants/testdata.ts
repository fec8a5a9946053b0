/**
 * Where the team's shared test files are (`../shared` beside the repository) and whether the
 * command-line tools the expectations come from are installed. A user's clone has neither.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `TRIPTYCH_TESTDATA` names the testdata folder when the clone is not beside `shared` (a git worktree elsewhere). */
export const SHARED_VARIANTS = process.env.TRIPTYCH_TESTDATA
  ? join(process.env.TRIPTYCH_TESTDATA, 'variants')
  : fileURLToPath(new URL('../../../../shared/testdata/variants', import.meta.url));
export const hasSharedVariants = existsSync(SHARED_VARIANTS);

export const hasTool = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;

/** Records as `bcftools view -H FILE | wc -l` counts them; null when bcftools rejects the file. */
export function bcftoolsRecordCount(path: string): number | null {
  const run = spawnSync('bcftools', ['view', '-H', path], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) return null;
  return run.stdout.split('\n').filter((line) => line !== '').length;
}

export function skipNote(reason: string): void {
  console.log(`[skipped] ${reason}`);
}
