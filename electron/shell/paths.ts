/**
 * Where the shell finds its own files at run time. Relative to the bundle (dist/electron/main.cjs)
 * rather than app.getAppPath(): `electron dist/electron/main.cjs` makes the app path the bundle's
 * folder, while a packaged app's is the asar root, and __dirname is right in both.
 */
import { join } from 'node:path';

export const PRELOAD_PATH = join(__dirname, 'preload.cjs');
export const RENDERER_ROOT = join(__dirname, '..', 'renderer');
