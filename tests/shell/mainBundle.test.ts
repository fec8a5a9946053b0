/**
 * The built main bundle, run for real in Node with a stand-in Electron (support/runMainBundle.mjs):
 * the nearest this machine gets to launching the app. It checks what only the bundle can show:
 * start-up order, that esbuild's output runs (import.meta shim, bundle-relative paths), and that
 * the page's whole path works: protocol → UI and tiles, IPC → services, events → the window.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, ipcChannel } from '../../shared/contract.js';
import { buildElectron } from '../../scripts/build-electron.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The demo case the e2e global setup generates once; reused when present, else generated here. */
const SHARED_DEMO_CASE = join(ROOT, '.cache', 'e2e', 'shared-data', 'demo-case');

interface Report {
  beforeReady: string[];
  loadedUrl: string;
  window: { webPreferences: Record<string, unknown>; preloadExists: boolean };
  protocol: {
    index?: { status: number; type: string; csp: string };
    tile?: { status: number; type: string; bytes: number; csp: boolean };
  };
  ipc: { channels: string[]; appInfo: unknown; slideInfo?: unknown; variants?: unknown; ctdna?: unknown };
  caseChanged?: { isDemo: boolean; slides: number };
  sent: string[];
  errors: string[];
}

let report: Report;

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'triptych-bundle-'));
  await buildElectron(outDir);
  // A stand-in renderer build: this test is about the shell, not the UI.
  mkdirSync(join(outDir, 'renderer'));
  writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Triptych</title>');
  const dataDir = mkdtempSync(join(tmpdir(), 'triptych-bundle-data-'));
  if (existsSync(SHARED_DEMO_CASE)) symlinkSync(SHARED_DEMO_CASE, join(dataDir, 'demo-case'));

  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(import.meta.dirname, 'support', 'runMainBundle.mjs'), join(outDir, 'electron', 'main.cjs')],
    { env: { ...process.env, TRIPTYCH_DATA_DIR: dataDir }, maxBuffer: 16 * 1024 * 1024, timeout: 170_000 },
  );
  report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;
}, 180_000);

describe('the built main bundle', () => {
  it('starts without errors', () => {
    expect(report.errors).toEqual([]);
  });

  it('does the before-ready work in order', () => {
    expect(report.beforeReady).toEqual([
      'setName Triptych',
      'setPath userData',
      'enableSandbox',
      'registerSchemesAsPrivileged',
      'requestSingleInstanceLock',
    ]);
  });

  it('opens one locked-down window on triptych://app with the bundled preload', () => {
    expect(report.loadedUrl).toBe('triptych://app/index.html');
    expect(report.window.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(report.window.preloadExists).toBe(true);
  });

  it('serves the UI with the CSP', () => {
    expect(report.protocol.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(report.protocol.index?.csp).toContain("default-src 'self'");
  });

  it('answers every contract method over IPC', () => {
    expect(report.ipc.channels).toEqual(METHOD_NAMES.map(ipcChannel).sort());
    expect(report.ipc.appInfo).toMatchObject({ ok: true, value: { name: 'Triptych', host: 'electron' } });
  });

  it('opens the demo at start-up, tells the page, and serves its data', () => {
    expect(report.caseChanged).toMatchObject({ isDemo: true });
    expect(report.sent).toContain(ipcChannel('case.changed'));
    expect(report.caseChanged!.slides).toBeGreaterThan(0);
    expect(report.protocol.tile).toMatchObject({ status: 200, csp: true });
    expect(report.protocol.tile!.bytes).toBeGreaterThan(0);
    expect(report.ipc.variants).toMatchObject({ rows: expect.any(Number) });
    expect(report.ipc.ctdna).toEqual({ ok: true });
  });
});
