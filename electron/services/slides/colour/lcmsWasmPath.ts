/**
 * Where LittleCMS's .wasm is. The packaged app has no node_modules (lcms-wasm is bundled into
 * dist/, and only dist/ goes into app.asar), so the build copies lcms.wasm beside each bundle
 * (scripts/build-electron.ts) and a bundle reads it from its own folder — inside app.asar, which
 * Electron's fs reads; nothing to unpack, as the bytes are handed to the loader, never run from
 * disk. From sources (tests, the dev server) it is found in node_modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const LCMS_WASM_FILE = 'lcms.wasm';
export const LCMS_WASM_MODULE = 'lcms-wasm/dist/lcms.wasm';

const require = createRequire(import.meta.url);

/** The .wasm beside the running bundle (`codeDir`), else lcms-wasm's own in node_modules. */
export function lcmsWasmPath(codeDir: string, resolveModule: (id: string) => string = require.resolve): string {
  const beside = join(codeDir, LCMS_WASM_FILE);
  if (existsSync(beside)) return beside;
  try {
    return resolveModule(LCMS_WASM_MODULE);
  } catch {
    throw new Error(`LittleCMS (${LCMS_WASM_FILE}) is missing: not beside ${codeDir} and not in node_modules`);
  }
}
