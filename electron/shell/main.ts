/**
 * Electron main process: start-up order and the wiring between the shell's modules. Each concern
 * lives in its own module; this file only decides what happens when.
 */
import { app, dialog, session, type BrowserWindow } from 'electron';
import { ipcChannel, type EventName, type MethodName, type PayloadOf } from '../../shared/contract.js';
import type { AppServices } from '../services/app.js';
import { createAppServices } from '../services/createAppServices.js';
import { createCaseActions, type CaseActions } from './caseActions.js';
import { registerIpcHandlers } from './ipc.js';
import { caseArgFromArgv, dataDirFromEnv } from './launchArgs.js';
import { installApplicationMenu, type ApplicationMenu } from './menu.js';
import { PRELOAD_PATH, RENDERER_ROOT } from './paths.js';
import { mountAppProtocol, registerAppScheme } from './protocol.js';
import { hardenSession, hardenWebContents } from './security.js';
import { readSettings } from './settingsAccess.js';
import { windowStatePath } from './windowState.js';
import { createMainWindow, getMainWindow } from './windows.js';
import { logFailure } from '../services/logging/safeLog.js';
import { createSummaryPdfSaver } from './summaryPdf.js';

/** Methods after which the recent-cases list in the menu may be out of date. */
const METHODS_CHANGING_RECENT_CASES = new Set<MethodName>(['case.open', 'settings.update']);
const DISPOSE_TIMEOUT_MS = 3000;

// Same data folder in development and packaged builds (package name vs productName otherwise).
app.setName('Triptych');
const dataDirOverride = dataDirFromEnv(process.env, process.cwd());
if (dataDirOverride) app.setPath('userData', dataDirOverride);

app.enableSandbox();
registerAppScheme();

// Before ready, so a case path given at launch (argv, or macOS open-file) is not lost.
let pendingCasePath = caseArgFromArgv(process.argv, { defaultApp: Boolean(process.defaultApp), cwd: process.cwd() });
let services: AppServices | undefined;
let cases: CaseActions | undefined;
let menu: ApplicationMenu | undefined;

if (!app.requestSingleInstanceLock()) {
  // The first instance receives our argv in 'second-instance' and opens the case there.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    const path = caseArgFromArgv(argv, { defaultApp: Boolean(process.defaultApp), cwd: workingDirectory });
    if (path) openCaseFromOutside(path);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openCaseFromOutside(path);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services && !getMainWindow()) void openMainWindow();
  });
  app.on('will-quit', disposeServicesBeforeQuit);
  start().catch(failStartup);
}

async function start(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const ready = await createAppServices({
    dataDir: userData,
    host: 'electron',
    emit,
    saveSummaryPdf: createSummaryPdfSaver(getMainWindow),
  });
  services = ready;

  hardenSession(session.defaultSession, {
    allowedEndpoints: async () => (await readSettings(ready))?.allowedEndpoints ?? [],
  });
  mountAppProtocol(session.defaultSession, { rendererRoot: RENDERER_ROOT, binary: (request) => ready.binary(request) });
  registerIpcHandlers({
    services: ready,
    trustedWindow: getMainWindow,
    onCalled: (method) => {
      if (METHODS_CHANGING_RECENT_CASES.has(method)) refreshMenu();
    },
  });

  cases = createCaseActions({ services: ready, emit, window: getMainWindow });
  menu = installApplicationMenu({ services: ready, cases, sendCommand: (command) => emit('menu.command', { command }) });
  await menu.refresh();

  await openMainWindow();
  // A path from the command line opens that case; none opens the demo.
  const initial = pendingCasePath;
  pendingCasePath = undefined;
  void cases.open(initial);
}

async function openMainWindow(): Promise<BrowserWindow> {
  return createMainWindow({ preloadPath: PRELOAD_PATH, windowStateFile: windowStatePath(app.getPath('userData')) });
}

/** Push an event to the page; a case change also refreshes the recent-cases menu. */
function emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
  const window = getMainWindow();
  if (window && !window.webContents.isDestroyed()) window.webContents.send(ipcChannel(event), payload);
  if (event === 'case.changed') refreshMenu();
}

function refreshMenu(): void {
  menu?.refresh().catch((error: unknown) => logFailure('menu not refreshed', error));
}

function openCaseFromOutside(path: string): void {
  if (cases) void cases.open(path);
  else pendingCasePath = path;
}

function focusMainWindow(): void {
  const window = getMainWindow();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

let disposed = false;
function disposeServicesBeforeQuit(event: Electron.Event): void {
  if (disposed || !services) return;
  disposed = true;
  event.preventDefault();
  // Close open files cleanly, but never let a stuck close keep the app from quitting.
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS));
  Promise.race([services.dispose(), timeout])
    .catch((error: unknown) => logFailure('dispose failed', error))
    .finally(() => app.quit());
}

function failStartup(error: unknown): void {
  logFailure('start-up failed', error);
  dialog.showErrorBox('Triptych could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
