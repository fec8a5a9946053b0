/** `triptych serve CASE` for a benchmark: its token URL once it prints it, and a stop. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..');

export async function serveCase(caseDir: string, dataDir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(REPO, 'bin/triptych.mjs'), 'serve', caseDir], {
    env: { ...process.env, TRIPTYCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) resolveUrl(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  }).catch((error: unknown) => {
    child.kill('SIGTERM');
    throw error;
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** The Chromium the benchmarks drive, with the e2e specs' flags (no GPU, no background traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
