/**
 * The main window's size, position and maximized state, remembered in `window-state.json` of the
 * user-data folder. Plain Node (no Electron) so the file logic is tested directly.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../services/storage/atomicWrite.js';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent when the window should be centred by the OS. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
/** How much of the title bar must land on a screen for the saved position to be kept. */
const MIN_VISIBLE = 64;

export function windowStatePath(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE);
}

/** Parse saved state; anything damaged or implausible falls back to the defaults. */
export function parseWindowState(text: string): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_WINDOW_STATE };
  const value = raw as Record<string, unknown>;
  const size = (n: unknown, min: number): number | undefined =>
    typeof n === 'number' && Number.isFinite(n) && n >= min && n <= 100_000 ? Math.round(n) : undefined;
  const coordinate = (n: unknown): number | undefined =>
    typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= 100_000 ? Math.round(n) : undefined;
  const width = size(value.width, MIN_WINDOW_SIZE.width);
  const height = size(value.height, MIN_WINDOW_SIZE.height);
  if (width === undefined || height === undefined) return { ...DEFAULT_WINDOW_STATE };
  const x = coordinate(value.x);
  const y = coordinate(value.y);
  const state: WindowState = { width, height, maximized: value.maximized === true };
  if (x !== undefined && y !== undefined) Object.assign(state, { x, y });
  return state;
}

export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    return parseWindowState(await readFile(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/**
 * Keep the saved position only if the window's top edge would be reachable on a connected screen
 * (a monitor may have been unplugged since); shrink it to fit the screen it lands on.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const titleBar: Rectangle = { x: state.x, y: state.y, width: state.width, height: 32 };
  const area = workAreas.find((candidate) => overlap(titleBar, candidate) >= MIN_VISIBLE);
  if (!area) return { width: state.width, height: state.height, maximized: state.maximized };
  return {
    ...state,
    width: Math.min(state.width, Math.max(area.width, MIN_WINDOW_SIZE.width)),
    height: Math.min(state.height, Math.max(area.height, MIN_WINDOW_SIZE.height)),
  };
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width : 0;
}

export function serializeWindowState(state: WindowState): string {
  return JSON.stringify(state, null, 2) + '\n';
}

function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Atomic write (temp file beside the target, fsync, rename): a crash leaves the old or the new file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, serializeWindowState(state));
}

/**
 * The same, synchronously: for the window's 'close', after which the process may exit before an
 * asynchronous write would finish. The file is tiny, so blocking here costs nothing noticeable.
 */
export function saveWindowStateSync(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, serializeWindowState(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
