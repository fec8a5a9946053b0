import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, ipcChannel, type PreloadBridge } from '../../shared/contract.js';
import { createBridge, type BridgeIpc, type BridgeWebUtils } from '../../electron/preload/bridge.js';
import { assertPreloadRequiresOnlyElectron, preloadBuildOptions, requiredModules } from '../../scripts/build-electron.js';

/** An ipcRenderer stand-in: invoke answers with what it was asked; on/removeListener are tracked. */
function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, params: unknown) => ({ ok: true, value: { channel, params } })),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    },
    emit: (channel: string, payload: unknown) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the IpcRendererEvent' }, payload);
    },
    count: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
  return ipc;
}

/** What both the source bridge and the built bundle must do. */
function bridgeContract(makeBridge: (ipc: BridgeIpc, webUtils?: BridgeWebUtils) => PreloadBridge) {
  it('exposes exactly the contract methods, each invoking its own channel', async () => {
    const ipc = fakeIpc();
    const bridge = makeBridge(ipc);
    expect(Object.keys(bridge.methods).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) {
      const answer = await (bridge.methods[name] as (p: unknown) => Promise<unknown>)({ probe: name });
      expect(answer).toEqual({ ok: true, value: { channel: ipcChannel(name), params: { probe: name } } });
    }
    await (bridge.methods['case.current'] as (p?: unknown) => Promise<unknown>)();
    expect(ipc.invoke).toHaveBeenLastCalledWith(ipcChannel('case.current'), {});
  });

  it('subscribes to contract events only, passes the payload alone, and unsubscribes', () => {
    const ipc = fakeIpc();
    const bridge = makeBridge(ipc);
    for (const name of EVENT_NAMES) {
      const listener = vi.fn();
      const off = bridge.on(name, listener);
      ipc.emit(ipcChannel(name), { some: 'payload' });
      expect(listener).toHaveBeenCalledWith({ some: 'payload' });
      expect(listener.mock.calls[0]).toHaveLength(1); // the IpcRendererEvent never reaches the page
      off();
      expect(ipc.count(ipcChannel(name))).toBe(0);
    }
    expect(() => bridge.on('ipc-message' as never, () => {})).toThrow(/Unknown Triptych event/);
    expect(() => bridge.on('case.changed', 'not a function' as never)).toThrow(TypeError);
  });

  it('asks webUtils for a dropped file’s path', () => {
    const file = { name: 'case-7' };
    const getPathForFile = vi.fn(() => '/data/case-7');
    expect(makeBridge(fakeIpc(), { getPathForFile }).pathForFile(file)).toBe('/data/case-7');
    expect(getPathForFile).toHaveBeenCalledWith(file);
  });
}

describe('preload bridge (source)', () => {
  bridgeContract((ipc, webUtils = { getPathForFile: () => '' }) => createBridge(ipc, webUtils));
});

describe('preload bundle (dist)', () => {
  let bundle: string;
  let outfile: string;

  beforeAll(async () => {
    outfile = join(mkdtempSync(join(tmpdir(), 'triptych-preload-')), 'preload.cjs');
    const result = await build(preloadBuildOptions(outfile));
    assertPreloadRequiresOnlyElectron(result.metafile!, outfile);
    bundle = readFileSync(outfile, 'utf8');
  });

  /** Run the bundle as Electron's sandboxed preload would, with a stand-in 'electron' module. */
  function runBundle(ipc: BridgeIpc, webUtils: BridgeWebUtils = { getPathForFile: () => '' }): PreloadBridge {
    let exposed: { key: string; api: PreloadBridge } | undefined;
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: PreloadBridge) => (exposed = { key, api }) },
      ipcRenderer: ipc,
      webUtils,
    };
    const require = (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    runInNewContext(bundle, { require, module: { exports: {} }, exports: {}, Set, Object, Error, TypeError, String });
    expect(exposed?.key).toBe('triptych');
    return exposed!.api;
  }

  it('requires nothing but electron and carries no zod', () => {
    expect(requiredModules(bundle)).toEqual(['electron']);
    expect(bundle).not.toMatch(/zod/);
    expect(bundle.length).toBeLessThan(10_000);
  });

  bridgeContract(runBundle);
});
