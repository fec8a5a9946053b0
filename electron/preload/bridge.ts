/**
 * `window.triptych` as a value: built from the contract's method and event names only, with the
 * Electron pieces passed in so it can be tested without Electron.
 */
import {
  EVENT_NAMES,
  METHOD_NAMES,
  ipcChannel,
  type EventName,
  type MethodName,
  type PreloadBridge,
} from '../../shared/contract.js';

/** The parts of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface BridgeWebUtils {
  getPathForFile(file: never): string;
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(EVENT_NAMES);

export function createBridge(ipc: BridgeIpc, webUtils: BridgeWebUtils): PreloadBridge {
  const methods: Record<string, (params: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    const channel = ipcChannel(name satisfies MethodName);
    // `?? {}`: the contract's no-params methods are called as `m()` as often as `m({})`.
    methods[name] = (params) => ipc.invoke(channel, params ?? {});
  }

  return {
    methods: Object.freeze(methods) as PreloadBridge['methods'],
    on(event: EventName, listener: (payload: never) => void) {
      if (!KNOWN_EVENTS.has(event)) throw new Error(`Unknown Triptych event "${String(event)}".`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      const channel = ipcChannel(event);
      // Only the payload reaches the page: the IpcRendererEvent (and its `sender`) never does.
      const forward = (_event: unknown, payload: unknown): void => listener(payload as never);
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
    pathForFile(file) {
      return webUtils.getPathForFile(file as never);
    },
  } as PreloadBridge;
}
