/**
 * The one Triptych window: locked-down web preferences, the UI from triptych://app, and its size
 * and position remembered between runs.
 */
import { BrowserWindow, screen } from 'electron';
import { APP_ORIGIN } from '../../shared/contract.js';
import {
  MIN_WINDOW_SIZE,
  fitToDisplays,
  loadWindowState,
  saveWindowState,
  saveWindowStateSync,
  type WindowState,
} from './windowState.js';
import { logFailure } from '../services/logging/safeLog.js';

export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** The reading-room grey of the page (--bg-app), so the window never flashes white while loading. */
const BACKGROUND_COLOR = '#17181a';
const SAVE_DELAY_MS = 750;

let mainWindow: BrowserWindow | undefined;

export function getMainWindow(): BrowserWindow | undefined {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined;
}

export async function createMainWindow(options: { preloadPath: string; windowStateFile: string }): Promise<BrowserWindow> {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = fitToDisplays(await loadWindowState(options.windowStateFile), workAreas);

  const window = new BrowserWindow({
    ...boundsOf(state),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Triptych',
    backgroundColor: BACKGROUND_COLOR,
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in new windows (denied anyway): switch the event off.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = window;

  window.once('ready-to-show', () => {
    // Maximize only now: on Linux, maximizing a hidden window also shows it, before it has painted.
    if (state.maximized) window.maximize();
    window.show();
  });
  rememberWindowState(window, options.windowStateFile);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });

  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    // Typically dist/renderer is missing (not built): the window then shows the protocol's 404.
    logFailure(`${APP_ENTRY_URL} did not load`, error);
  });
  return window;
}

function boundsOf(state: WindowState): Partial<Electron.Rectangle> {
  const size = { width: state.width, height: state.height };
  return state.x === undefined || state.y === undefined ? size : { ...size, x: state.x, y: state.y };
}

function currentState(window: BrowserWindow): WindowState {
  // Normal bounds: what the window returns to when un-maximized, which is what we restore.
  const { x, y, width, height } = window.getNormalBounds();
  return { x, y, width, height, maximized: window.isMaximized() };
}

function rememberWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (window.isDestroyed()) return;
      saveWindowState(file, currentState(window)).catch((error: unknown) => warnNotSaved(error));
    }, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    try {
      saveWindowStateSync(file, currentState(window));
    } catch (error) {
      warnNotSaved(error);
    }
  });
}

function warnNotSaved(error: unknown): void {
  logFailure('window position not saved', error);
}
