import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpHost, type HttpHost } from '../serve/httpHost.js';
import { createAppServices } from '../services/createAppServices.js';
import { badFile } from '../services/errors.js';
import { defaultDataDir } from './dataDir.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');

export type ServeOptions = { casePath?: string; port: number; openBrowser: boolean };

/** `triptych serve`: open the case (the demo when none), start the host, print its URL. */
export async function serveCommand(options: ServeOptions): Promise<number> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw badFile(RENDERER_DIR, 'the viewer is not built yet: run `npm run build` first');
  }
  // The services push events through the host, which needs the services to start: tie the knot late.
  const started: { host?: HttpHost } = {};
  const services = await createAppServices({
    dataDir: defaultDataDir(),
    host: 'http',
    emit: (event, payload) => started.host?.broadcast(event, payload),
  });
  const host = await startHttpHost({ services, staticDir: RENDERER_DIR, port: options.port });
  started.host = host;
  console.log(`Triptych is serving ${options.casePath ? resolve(options.casePath) : 'the synthetic demo case'} at`);
  console.log(`  ${host.url}`);
  console.log("(loopback only; the link carries this session's secret token; Ctrl+C stops it)");
  // Open the case after the URL is out: the demo may take a while to generate on first use, and
  // the page shows its progress.
  await services.openCase(options.casePath ? resolve(options.casePath) : undefined);
  if (options.openBrowser) openInBrowser(host.url);
  const stop = async () => {
    await host.close();
    await services.dispose();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return await new Promise<number>(() => {}); // serve until stopped
}

/** Best effort: the desktop's browser, where there is a desktop. */
export function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn(command[0], command.slice(1), { stdio: 'ignore', detached: true })
      .on('error', () => {})
      .unref();
  } catch {
    /* no browser: the printed URL is enough */
  }
}
