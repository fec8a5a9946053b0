import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SHARED_DATA_DIR } from './paths.js';

/** Build the renderer if needed and generate the demo case once for all specs. */
export default function globalSetup(): void {
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  mkdirSync(SHARED_DATA_DIR, { recursive: true });
  execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'triptych.mjs'), 'inspect', '--demo'], {
    cwd: REPO_ROOT,
    env: { ...process.env, TRIPTYCH_DATA_DIR: SHARED_DATA_DIR },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
