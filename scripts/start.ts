/**
 * `npm start`: build what is needed, then launch the Electron app on the demo case (or the case
 * folder given after `--`). Where the Electron runtime is missing and cannot be downloaded, say so
 * in one line and serve the same viewer through the HTTP host instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const casePath = process.argv[2];

run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['tsx', 'scripts/build-electron.ts']);

const electron = electronExecutable();
if (electron) {
  const child = spawn(electron, ['.', ...(casePath ? [resolve(casePath)] : [])], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron runtime not installed and could not be downloaded here; serving Triptych in the browser instead:');
  const child = spawn(process.execPath, [join(root, 'bin', 'triptych.mjs'), 'serve', ...(casePath ? [casePath] : []), '--open'], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary, fetched on first launch (Electron 42+); undefined where that is impossible. */
function electronExecutable(): string | undefined {
  if (process.env.TRIPTYCH_NO_ELECTRON === '1') return undefined;
  const packageDir = join(createRequire(import.meta.url).resolve('electron/package.json'), '..');
  const found = () => {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(executable) ? executable : undefined;
  };
  if (found()) return found();
  // Electron's own first-launch download; it fails fast without a network.
  const download = spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return download.status === 0 ? found() : undefined;
}
