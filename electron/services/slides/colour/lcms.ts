/**
 * LittleCMS (lcms-wasm), loaded once. Its .wasm is read where lcmsWasmPath finds it (beside the
 * bundle in the packaged app, node_modules from sources) and handed over as `wasmBinary`, so the
 * loader does not look for it itself.
 */
import { readFile } from 'node:fs/promises';
import type { LcmsModule } from 'lcms-wasm';
import { lcmsWasmPath } from './lcmsWasmPath.js';

export type Lcms = LcmsModule;

let loading: Promise<Lcms> | undefined;

export function lcms(): Promise<Lcms> {
  loading ??= (async () => {
    const [{ instantiate }, wasmBinary] = await Promise.all([import('lcms-wasm'), readFile(lcmsWasmPath(import.meta.dirname))]);
    return instantiate({ wasmBinary });
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
