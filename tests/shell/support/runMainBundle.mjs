// Child process for mainBundle.test.ts: load the built dist/electron/main.cjs in plain Node with a
// stand-in 'electron' module, start it, drive it the way the page would (protocol + IPC), and print
// one JSON report on stdout. Usage: node runMainBundle.mjs <main.cjs>
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';

const bundle = process.argv[2];
const report = { beforeReady: [], protocol: {}, ipc: {}, sent: [], errors: [] };
const log = (name) => report.beforeReady.push(name);
let ready = false;
let markReady;
const whenReady = new Promise((resolve) => (markReady = resolve));

const protocolHandlers = new Map();
const ipcHandlers = new Map();
const windows = [];

const app = Object.assign(new EventEmitter(), {
  name: 'Triptych',
  isPackaged: false,
  paths: { userData: '/nonexistent' },
  setName: (name) => !ready && log(`setName ${name}`),
  setPath: (name, value) => {
    if (!ready) log(`setPath ${name}`);
    app.paths[name] = value;
  },
  getPath: (name) => app.paths[name],
  enableSandbox: () => !ready && log('enableSandbox'),
  requestSingleInstanceLock: () => (log('requestSingleInstanceLock'), true),
  whenReady: () => whenReady,
  quit: () => {},
  exit: (code) => report.errors.push(`app.exit(${code})`),
});

class WebContents extends EventEmitter {
  id = 1;
  mainFrame = { processId: 1, frameToken: 'main', url: 'triptych://app/index.html', detached: false };
  isDestroyed = () => false;
  setWindowOpenHandler = () => {};
  getURL = () => this.mainFrame.url;
  send = (channel, payload) => report.sent.push({ channel, payload });
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    windows.push(this);
  }
  loadURL(url) {
    report.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed = () => false;
  isMaximized = () => false;
  isMinimized = () => false;
  getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
  show() {}
  focus() {}
  maximize() {}
}

const electron = {
  app,
  protocol: { registerSchemesAsPrivileged: (schemes) => (log('registerSchemesAsPrivileged'), (report.schemes = schemes)) },
  session: {
    defaultSession: {
      protocol: { handle: (scheme, handler) => protocolHandlers.set(scheme, handler) },
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
      setDevicePermissionHandler() {},
      setSpellCheckerEnabled() {},
      webRequest: { onBeforeRequest() {}, onHeadersReceived() {} },
    },
  },
  ipcMain: {
    handle: (channel, handler) => ipcHandlers.set(channel, handler),
    removeHandler: (channel) => ipcHandlers.delete(channel),
  },
  BrowserWindow,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  Menu: { buildFromTemplate: (template) => ({ template }), setApplicationMenu: () => (report.menuSet = true) },
  dialog: {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showMessageBox: async (options) => (report.errors.push(`dialog: ${options.message}: ${options.detail}`), { response: 0 }),
    showErrorBox: (title, text) => report.errors.push(`errorBox: ${title}: ${text}`),
  },
};

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'electron') return electron;
  return originalLoad.call(this, request, parent, isMain);
};

const trusted = {
  sender: { id: 1 },
  get senderFrame() {
    return windows[0].webContents.mainFrame;
  },
};
const call = (method, params = {}) => ipcHandlers.get(`triptych:${method}`)(trusted, params);
const until = async (predicate, ms) => {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

async function main() {
  process.argv = [process.execPath, bundle];
  process.defaultApp = true;
  // The bundle is CommonJS: its require('electron') goes through Module._load, hooked above.
  createRequire(import.meta.url)(bundle);
  ready = true;
  markReady();
  await until(() => windows.length > 0, 10_000);
  report.window = {
    webPreferences: { ...windows[0].options.webPreferences, preload: undefined },
    preloadExists: existsSync(windows[0].options.webPreferences.preload),
  };
  report.ipc.channels = [...ipcHandlers.keys()].sort();
  report.ipc.appInfo = await call('app.info');

  const handler = protocolHandlers.get('triptych');
  const index = await handler(new Request('triptych://app/index.html'));
  report.protocol.index = {
    status: index.status,
    type: index.headers.get('content-type'),
    csp: index.headers.get('content-security-policy'),
  };

  // Start-up opens the demo case; wait for the page to be told.
  await until(() => report.sent.some((m) => m.channel === 'triptych:case.changed') || report.errors.length > 0, 120_000);
  const changed = report.sent.find((m) => m.channel === 'triptych:case.changed');
  report.caseChanged = changed
    ? { title: changed.payload?.title, slides: changed.payload?.slides.length, isDemo: changed.payload?.isDemo }
    : undefined;
  const slide = changed?.payload?.slides[0];
  if (slide) {
    const info = await call('slides.info', { slideId: slide.id });
    report.ipc.slideInfo = info.ok ? { levels: info.value.levels.length, tileContentType: info.value.tileContentType } : info;
    if (info.ok) {
      const last = info.value.levels.at(-1);
      const url = info.value.tileUrlTemplate.replace('{level}', String(last.index)).replace('{col}', '0').replace('{row}', '0');
      const tile = await handler(new Request(new URL(url, 'triptych://app/')));
      report.protocol.tile = {
        status: tile.status,
        type: tile.headers.get('content-type'),
        bytes: (await tile.arrayBuffer()).byteLength,
        csp: Boolean(tile.headers.get('content-security-policy')),
      };
    }
  }
  const variants = changed?.payload?.variantFileIds?.[0];
  if (variants) {
    const table = await call('variants.table', { fileId: variants });
    report.ipc.variants = table.ok ? { rows: table.value.columns.length } : table;
  }
  const ctdna = await call('ctdna.series');
  report.ipc.ctdna = ctdna.ok ? { ok: true } : ctdna;
}

main()
  .catch((error) => report.errors.push(`harness: ${error && error.stack ? error.stack : error}`))
  .finally(() => {
    // Channels only: payloads (the case summary, progress) are large and checked above.
    const summary = { ...report, sent: [...new Set(report.sent.map((m) => m.channel))] };
    // Exit only once the pipe has taken the whole report.
    process.stdout.write(JSON.stringify(summary) + '\n', () => process.exit(0));
  });
