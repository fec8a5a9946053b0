/**
 * LittleCMS (lcms-wasm), loaded once. Its .wasm is read from node_modules and handed over as
 * `wasmBinary`, so the loader does not look for it next to a bundle that moved (the Electron build).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { LcmsModule } from 'lcms-wasm';

const require = createRequire(import.meta.url);

export type Lcms = LcmsModule;

let loading: Promise<Lcms> | undefined;

export function lcms(): Promise<Lcms> {
  loading ??= (async () => {
    const [{ instantiate }, wasmBinary] = await Promise.all([
      import('lcms-wasm'),
      readFile(require.resolve('lcms-wasm/dist/lcms.wasm')),
    ]);
    return instantiate({ wasmBinary });
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
