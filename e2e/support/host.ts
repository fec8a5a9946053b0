import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_CACHE, REPO_ROOT, SHARED_DATA_DIR } from './paths.js';

export type RunningHost = { url: string; origin: string; dataDir: string; stop(): Promise<void> };

/**
 * Start the real HTTP host (`triptych serve`) as a user would, in its own data folder (so settings
 * start fresh) that reuses the demo case generated once in global setup.
 */
export async function startHost(
  options: { casePath?: string; dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningHost> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = mkdtempSync(join(E2E_CACHE, 'data-'));
    symlinkSync(join(SHARED_DATA_DIR, 'demo-case'), join(dataDir, 'demo-case'));
  }
  const args = [join(REPO_ROOT, 'bin', 'triptych.mjs'), 'serve', ...(options.casePath ? [options.casePath] : [])];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    // `env`: e.g. an AWS stand-in's environment (AWS_ENDPOINT_URL, keys) for remote sources.
    env: { ...process.env, ...options.env, TRIPTYCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child);
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`triptych serve printed no URL:\n${output}\n${errors}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`triptych serve exited with ${code}:\n${errors}`));
    });
  });
}

/** Call a contract method as the page does (cookie from the token link); for arranging a test. */
export async function callHost(host: RunningHost, method: string, params: unknown = {}): Promise<unknown> {
  const login = await fetch(host.url, { redirect: 'manual' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message);
  return envelope.value;
}

/** `triptych serve` prints its URL before the case is open: wait for it. */
export async function waitForCase(host: RunningHost): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await callHost(host, 'case.current')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the case did not open within 30 s');
}
