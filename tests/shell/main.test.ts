import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME, METHOD_NAMES, ipcChannel, type Envelope } from '../../shared/contract.js';
import { DEFAULT_SETTINGS } from '../../shared/model/settings.js';
import type { AppOptions, AppServices } from '../../electron/services/app.js';
import { createFakeElectron, type FakeElectron } from './support/fakeElectron.js';

// main.ts runs on import; each test loads it afresh against a fresh fake Electron and services.
let fake: FakeElectron;
let appOptions: AppOptions | undefined;
const settings = { ...DEFAULT_SETTINGS, recentCases: ['/data/old-case'] };
const services = {
  dispatch: vi.fn(async (method: string): Promise<Envelope<unknown>> =>
    method === 'settings.get' ? { ok: true, value: settings } : { ok: true, value: null },
  ),
  binary: vi.fn(async () => new Response('tile')),
  serveBinary: vi.fn(async () => ({ status: 200, headers: {}, body: 'tile' })),
  openCase: vi.fn(async () => {}),
  dispose: vi.fn(async () => {}),
} satisfies AppServices;

// The factory runs once, so its exports read through to the current test's fake.
vi.mock('electron', () => ({
  get app() {
    return fake.module.app;
  },
  get protocol() {
    return fake.module.protocol;
  },
  get session() {
    return fake.module.session;
  },
  get ipcMain() {
    return fake.module.ipcMain;
  },
  get BrowserWindow() {
    return fake.module.BrowserWindow;
  },
  get screen() {
    return fake.module.screen;
  },
  get Menu() {
    return fake.module.Menu;
  },
  get dialog() {
    return fake.module.dialog;
  },
}));
vi.mock('../../electron/services/createAppServices.js', () => ({
  createAppServices: vi.fn(async (options: AppOptions) => {
    appOptions = options;
    return services;
  }),
}));

const originalArgv = process.argv;

/** Load main.ts as `electron <app> …` would run it (or as a packaged app, with `packaged`). */
async function launch(argv: string[], options: { hasLock?: boolean; env?: Record<string, string>; packaged?: boolean } = {}) {
  fake = createFakeElectron({ hasLock: options.hasLock, userData: join(tmpdir(), 'unused-default-user-data') });
  process.argv = argv;
  // Electron sets process.defaultApp when it runs an app given on its command line.
  Object.defineProperty(process, 'defaultApp', { value: options.packaged ? undefined : true, configurable: true });
  for (const [key, value] of Object.entries(options.env ?? {})) vi.stubEnv(key, value);
  vi.resetModules();
  await import('../../electron/shell/main.js');
}

beforeEach(() => {
  appOptions = undefined;
  for (const fn of Object.values(services)) fn.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  process.argv = originalArgv;
  Reflect.deleteProperty(process, 'defaultApp');
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const dataDir = () => mkdtempSync(join(tmpdir(), 'triptych-main-'));

describe('main process start-up', () => {
  it('before ready: names the app, honours TRIPTYCH_DATA_DIR, sandboxes, registers the scheme, takes the lock', async () => {
    const dir = dataDir();
    await launch(['/electron', '/repo/dist/electron/main.cjs'], { env: { TRIPTYCH_DATA_DIR: dir } });
    expect(fake.calls).toEqual([
      'app.setName Triptych',
      'app.setPath userData',
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
    ]);
    expect(fake.module.app.getPath('userData')).toBe(dir);
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: APP_SCHEME,
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
      },
    ]);
    expect(appOptions).toBeUndefined(); // nothing of the services before ready
  });

  it('quits at once when another instance holds the lock', async () => {
    await launch(['/electron', '/repo/main.cjs', '/data/case-7'], { hasLock: false });
    expect(fake.module.app.quit).toHaveBeenCalled();
    expect(fake.module.app.listenerCount('second-instance')).toBe(0);
  });

  it('after ready: services, protocol, IPC, one locked-down window on triptych://app, then the demo', async () => {
    const dir = dataDir();
    await launch(['/electron', '/repo/main.cjs'], { env: { TRIPTYCH_DATA_DIR: dir } });
    await fake.becomeReady();

    expect(appOptions).toMatchObject({ dataDir: dir, host: 'electron' });
    expect([...fake.protocolHandlers.keys()]).toEqual([APP_SCHEME]);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
    expect(fake.webRequest.beforeRequest).toBeTypeOf('function');
    expect(fake.webRequest.headersReceived).toBeTypeOf('function');

    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('triptych://app/index.html');
    expect(services.openCase).toHaveBeenCalledWith(undefined);
    // The menu lists the recent cases from the settings.
    const menu = JSON.stringify(fake.module.Menu.setApplicationMenu.mock.calls.at(-1));
    expect(menu).toContain('/data/old-case');
  });

  it('opens the case folder given on the command line instead of the demo', async () => {
    await launch(['/electron', '--inspect=0', '/repo/main.cjs', '/data/case-7'], { env: { TRIPTYCH_DATA_DIR: dataDir() } });
    await fake.becomeReady();
    expect(services.openCase).toHaveBeenCalledWith('/data/case-7');
    expect(services.openCase).toHaveBeenCalledTimes(1);
  });

  it('in a packaged app, takes the first plain argument as the case', async () => {
    await launch(['/opt/Triptych/triptych', '--no-sandbox', '/data/case-8'], {
      packaged: true,
      env: { TRIPTYCH_DATA_DIR: dataDir() },
    });
    await fake.becomeReady();
    expect(services.openCase).toHaveBeenCalledWith('/data/case-8');
  });

  it('opens the folder a second instance was given, in the first window', async () => {
    await launch(['/electron', '/repo/main.cjs'], { env: { TRIPTYCH_DATA_DIR: dataDir() } });
    await fake.becomeReady();
    fake.module.app.emit('second-instance', {}, ['/electron', '/repo/main.cjs', 'case-9'], '/home/me');
    expect(fake.windows[0]!.focus).toHaveBeenCalled();
    await vi.waitFor(() => expect(services.openCase).toHaveBeenLastCalledWith(join('/home/me', 'case-9')));
  });

  it('serves the UI through the protocol handler with the CSP', async () => {
    await launch(['/electron', '/repo/main.cjs'], { env: { TRIPTYCH_DATA_DIR: dataDir() } });
    await fake.becomeReady();
    const handler = fake.protocolHandlers.get(APP_SCHEME)!;
    const binary = await handler(new Request('triptych://app/binary/slides/s1/0/0/0'));
    expect(services.binary).toHaveBeenCalled();
    expect(binary.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('sends events to the window on the contract channel', async () => {
    await launch(['/electron', '/repo/main.cjs'], { env: { TRIPTYCH_DATA_DIR: dataDir() } });
    await fake.becomeReady();
    appOptions!.emit('menu.command', { command: 'toggle-theme' });
    expect(fake.windows[0]!.webContents.send).toHaveBeenCalledWith(ipcChannel('menu.command'), { command: 'toggle-theme' });
  });

  it('hardens every web contents the app creates', async () => {
    await launch(['/electron', '/repo/main.cjs'], { env: { TRIPTYCH_DATA_DIR: dataDir() } });
    const contents = Object.assign(new (await import('node:events')).EventEmitter(), {
      setWindowOpenHandler: vi.fn(),
      getURL: () => 'triptych://app/index.html',
    });
    fake.module.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });

  it('remembers the window bounds in the data folder when the window closes', async () => {
    const dir = dataDir();
    await launch(['/electron', '/repo/main.cjs'], { env: { TRIPTYCH_DATA_DIR: dir } });
    await fake.becomeReady();
    fake.windows[0]!.emit('close');
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual({
      x: 10,
      y: 20,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('disposes the services once before quitting', async () => {
    await launch(['/electron', '/repo/main.cjs'], { env: { TRIPTYCH_DATA_DIR: dataDir() } });
    await fake.becomeReady();
    const event = { preventDefault: vi.fn() };
    fake.module.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalled());
    expect(services.dispose).toHaveBeenCalledTimes(1);
    const second = { preventDefault: vi.fn() };
    fake.module.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});
