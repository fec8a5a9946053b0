import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  saveWindowStateSync,
  windowStatePath,
} from '../../electron/shell/windowState.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'triptych-window-'));
const screen = { x: 0, y: 0, width: 1920, height: 1050 };

describe('window state file', () => {
  it('round-trips through an atomic write and leaves no temp file', async () => {
    const file = windowStatePath(tempDir());
    const state = { x: 100, y: 80, width: 1500, height: 950, maximized: true };
    await saveWindowState(file, state);
    expect(await loadWindowState(file)).toEqual(state);
    saveWindowStateSync(file, { ...state, maximized: false });
    expect(await loadWindowState(file)).toEqual({ ...state, maximized: false });
    expect(readdirSync(join(file, '..'))).toEqual(['window-state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1500 });
  });

  it('creates the user-data folder when it does not exist yet', async () => {
    const file = join(tempDir(), 'not', 'yet', 'window-state.json');
    saveWindowStateSync(file, DEFAULT_WINDOW_STATE);
    expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('falls back to the defaults when the file is missing or damaged', async () => {
    const dir = tempDir();
    expect(await loadWindowState(join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const damaged = join(dir, 'window-state.json');
    writeFileSync(damaged, '{"width": 1500, "hei');
    expect(await loadWindowState(damaged)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('rejects implausible sizes and keeps a position only when both coordinates are numbers', () => {
    expect(parseWindowState('{"width": 10, "height": 10}')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width": "1500", "height": 900}')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width": 1e9, "height": 900}')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('null')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('[]')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width": 1200.4, "height": 800, "x": 5}')).toEqual({ width: 1200, height: 800, maximized: false });
    expect(parseWindowState('{"width": 1200, "height": 800, "x": -1500, "y": 20, "maximized": "yes"}')).toEqual({
      x: -1500,
      y: 20,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });
});

describe('fitToDisplays', () => {
  it('keeps a position that is on a screen', () => {
    const state = { x: 100, y: 50, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(state, [screen])).toEqual(state);
  });

  it('keeps a position on a second screen to the left', () => {
    const state = { x: -1800, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(state, [screen, { x: -1920, y: 0, width: 1920, height: 1080 }])).toEqual(state);
  });

  it('drops a position whose title bar is off every screen (monitor unplugged)', () => {
    const state = { x: 2500, y: 100, width: 1400, height: 900, maximized: true };
    expect(fitToDisplays(state, [screen])).toEqual({ width: 1400, height: 900, maximized: true });
    expect(fitToDisplays({ ...state, x: 100, y: -500 }, [screen])).toEqual({ width: 1400, height: 900, maximized: true });
  });

  it('drops a position when only a sliver of the title bar would show', () => {
    const state = { x: 1900, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(state, [screen]).x).toBeUndefined();
  });

  it('shrinks a window larger than the screen it lands on', () => {
    const state = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(fitToDisplays(state, [screen])).toEqual({ x: 0, y: 0, width: 1920, height: 1050, maximized: false });
  });

  it('leaves an unpositioned state alone', () => {
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [screen])).toEqual(DEFAULT_WINDOW_STATE);
  });
});
