/**
 * LittleCMS's .wasm is found in the packaged layout, where there is no node_modules: the build
 * copies it beside the bundle (resources/app.asar/dist/electron/), and the bundle reads it there.
 * From sources it comes from node_modules; when neither has it, the error names the file.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LCMS_WASM_MODULE, lcmsWasmPath } from '../../../../electron/services/slides/colour/lcmsWasmPath.js';

const realWasm = createRequire(import.meta.url).resolve(LCMS_WASM_MODULE);
const noNodeModules = (id: string): string => {
  throw new Error(`Cannot find module '${id}'`);
};
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('lcmsWasmPath', () => {
  it('finds the .wasm beside the bundle in a packaged layout without node_modules, and it is LittleCMS', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'triptych-packaged-'));
    dirs.push(resources);
    const bundleDir = join(resources, 'app.asar', 'dist', 'electron');
    mkdirSync(bundleDir, { recursive: true });
    copyFileSync(realWasm, join(bundleDir, 'lcms.wasm'));

    const found = lcmsWasmPath(bundleDir, noNodeModules);
    expect(found).toBe(join(bundleDir, 'lcms.wasm'));
    const module = await WebAssembly.compile(readFileSync(found));
    expect(WebAssembly.Module.exports(module).length).toBeGreaterThan(0);
  });

  it('from sources, falls back to lcms-wasm in node_modules', () => {
    const empty = mkdtempSync(join(tmpdir(), 'triptych-sources-'));
    dirs.push(empty);
    expect(lcmsWasmPath(empty)).toBe(realWasm);
  });

  it('names the file and the folder when neither has it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'triptych-broken-'));
    dirs.push(empty);
    expect(() => lcmsWasmPath(empty, noNodeModules)).toThrow(`LittleCMS (lcms.wasm) is missing: not beside ${empty}`);
  });
});
