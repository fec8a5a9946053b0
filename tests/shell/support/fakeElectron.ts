/**
 * Just enough of Electron's main-process API to run electron/shell/main.ts under vitest and watch
 * what it does: which calls happen before `ready`, what it registers, what the window gets.
 * Each test builds a fresh one (`createFakeElectron`) and mocks 'electron' with it.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: never[]) => unknown;

export function createFakeElectron(options: { hasLock?: boolean; userData: string }) {
  const calls: string[] = [];
  const record = (name: string) => calls.push(name);
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const app = Object.assign(new EventEmitter(), {
    name: 'Triptych',
    isPackaged: false,
    paths: { userData: options.userData } as Record<string, string>,
    setName: vi.fn((name: string) => record(`app.setName ${name}`)),
    setPath: vi.fn((name: string, value: string) => {
      record(`app.setPath ${name}`);
      app.paths[name] = value;
    }),
    getPath: (name: string) => app.paths[name]!,
    enableSandbox: vi.fn(() => record('app.enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      record('app.requestSingleInstanceLock');
      return options.hasLock ?? true;
    }),
    whenReady: () => ready,
    quit: vi.fn(() => record('app.quit')),
    exit: vi.fn(),
  });

  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const webRequest: Record<string, Handler> = {};
  const defaultSession = {
    protocol: {
      handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, handler)),
    },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: {
      onBeforeRequest: (handler: Handler) => (webRequest.beforeRequest = handler),
      onHeadersReceived: (handler: Handler) => (webRequest.headersReceived = handler),
    },
  };

  const ipcHandlers = new Map<string, Handler>();
  const windows: FakeWindow[] = [];

  class FakeWebContents extends EventEmitter {
    id = 100 + windows.length;
    send = vi.fn();
    mainFrame = { processId: 1, frameToken: 'main', url: 'triptych://app/index.html', detached: false };
    isDestroyed = () => false;
    setWindowOpenHandler = vi.fn();
    getURL = () => this.mainFrame.url;
  }

  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loadURL = vi.fn(async () => {});
    show = vi.fn();
    focus = vi.fn();
    maximize = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isMaximized = () => false;
    isDestroyed = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1200, height: 800 });
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      record('new BrowserWindow');
    }
  }

  const module = {
    app,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => record('protocol.registerSchemesAsPrivileged')),
    },
    session: { defaultSession },
    ipcMain: {
      handle: (channel: string, handler: Handler) => ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    BrowserWindow: FakeWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: vi.fn() },
    dialog: { showOpenDialog: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })), showErrorBox: vi.fn() },
  };

  return {
    module,
    calls,
    windows,
    ipcHandlers,
    protocolHandlers,
    webRequest,
    /** Fire `ready` and let start-up run to the end. */
    async becomeReady() {
      record('ready');
      markReady();
      await vi.waitFor(() => {
        if (windows.length === 0) throw new Error('no window yet');
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
